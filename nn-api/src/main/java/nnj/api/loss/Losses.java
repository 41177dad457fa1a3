package nnj.api.loss;

import java.util.Locale;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.backend.BinaryOp;
import nnj.api.backend.UnaryOp;
import nnj.api.layers.Workspace;

/**
 * The built-in losses. Each call returns a new instance (a loss owns workspaces).
 *
 * <ul>
 *   <li>{@link #mse()}: mean over all elements of (p − t)²; gradient 2(p − t)/(n·k).</li>
 *   <li>{@link #softmaxCrossEntropy()}: the model outputs logits z; loss = mean over samples of
 *       logsumexp(z) − Σ t·z, gradient (softmax(z) − t)/n; fused in {@link Backend#softmaxCrossEntropy}.</li>
 *   <li>{@link #binaryCrossEntropyWithLogits()}: per element max(z,0) − z·t + ln(1 + e^−|z|), mean over
 *       all elements; gradient (σ(z) − t)/(n·k). Never overflows.</li>
 * </ul>
 *
 * <p>The factory methods are thread-safe; each returns a new loss, which is not.
 */
public final class Losses {
    private Losses() {
    }

    /** Mean squared error over all elements, for regression. */
    public static Loss mse() {
        return new Mse();
    }

    /** Softmax cross-entropy on logits against one-hot (or probability) rows, fused and stable. */
    public static Loss softmaxCrossEntropy() {
        return new SoftmaxCrossEntropy();
    }

    /** Binary cross-entropy on logits against targets in [0, 1], one independent output per column. */
    public static Loss binaryCrossEntropyWithLogits() {
        return new BceWithLogits();
    }

    /** A loss by name: {@code mse}, {@code softmax_cross_entropy} (or {@code cross_entropy}), {@code bce_with_logits}. */
    public static Loss named(String name) {
        switch (name.toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "mse": return mse();
            case "softmax_cross_entropy": case "cross_entropy": case "ce": return softmaxCrossEntropy();
            case "bce_with_logits": case "bce": return binaryCrossEntropyWithLogits();
            default:
                throw new IllegalArgumentException("unknown loss '" + name
                        + "'; use mse, softmax_cross_entropy or bce_with_logits");
        }
    }

    static void checkShapes(String loss, Tensor prediction, Tensor target) {
        if (!prediction.shape().equals(target.shape())) {
            throw new IllegalArgumentException(loss + ": prediction " + prediction.shape() + " and target "
                    + target.shape() + " must have the same shape");
        }
        if (prediction.backend() != target.backend()) {
            throw new IllegalArgumentException(loss + ": prediction is on " + prediction.backend().name()
                    + " but target on " + target.backend().name());
        }
    }

    /** The loss plumbing: shape checks, the gradient's workspace, and {@link #gradient()}. */
    private abstract static class BaseLoss implements Loss {
        private final Workspace grad = new Workspace();
        private Tensor lastGrad;

        @Override
        public final double forward(Tensor prediction, Tensor target) {
            checkShapes(name(), prediction, target);
            Backend b = prediction.backend();
            Tensor g = grad.like(b, prediction);
            double loss = lossAndGradient(b, prediction, target, g);
            lastGrad = g;
            return loss;
        }

        /** The batch-mean loss; writes dL/d(prediction) into {@code g} (the prediction's shape). */
        abstract double lossAndGradient(Backend b, Tensor prediction, Tensor target, Tensor g);

        @Override
        public Tensor gradient() {
            if (lastGrad == null) {
                throw new IllegalStateException(name() + ": gradient() called before forward()");
            }
            return lastGrad;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private static final class Mse extends BaseLoss {
        @Override
        public String name() {
            return "mse";
        }

        @Override
        double lossAndGradient(Backend b, Tensor p, Tensor t, Tensor g) {
            b.binary(BinaryOp.SUB, p, t, g);
            int count = Math.max(1, p.size());
            double loss = b.dot(g, g) / count;
            b.affine(g, 2f / count, 0f, g);
            return loss;
        }
    }

    private static final class SoftmaxCrossEntropy extends BaseLoss {
        private final Workspace rowWork = new Workspace();

        @Override
        public String name() {
            return "softmax_cross_entropy";
        }

        @Override
        double lossAndGradient(Backend b, Tensor z, Tensor t, Tensor g) {
            if (z.shape().rank() != 2) {
                throw new IllegalArgumentException(name() + ": expects (batch, classes) logits, got " + z.shape());
            }
            return b.softmaxCrossEntropy(z, t, g, rowWork.matrix(b, z.rows(), 1));
        }
    }

    private static final class BceWithLogits extends BaseLoss {
        private final Workspace elementLoss = new Workspace();

        @Override
        public String name() {
            return "bce_with_logits";
        }

        @Override
        double lossAndGradient(Backend b, Tensor z, Tensor t, Tensor g) {
            int count = Math.max(1, z.size());
            Tensor e = elementLoss.like(b, z);
            b.binary(BinaryOp.BCE_WITH_LOGITS, z, t, e);
            double loss = b.sum(e) / count;
            b.unary(UnaryOp.SIGMOID, z, g);
            b.binary(BinaryOp.SUB, g, t, g);
            b.affine(g, 1f / count, 0f, g);
            return loss;
        }
    }
}
