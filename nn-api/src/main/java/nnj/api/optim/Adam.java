package nnj.api.optim;

import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.backend.BinaryOp;
import nnj.api.backend.FusedUpdates;
import nnj.api.backend.UnaryOp;

/**
 * Adam (Kingma and Ba), and AdamW with decoupled weight decay (Loshchilov and Hutter), matching
 * PyTorch's updates. Defaults: lr 1e-3, β₁ 0.9, β₂ 0.999, ε 1e-8.
 *
 * <p>The bias corrections are folded into two scalars per step,
 * stepSize = lr·√(1−β₂ᵗ)/(1−β₁ᵗ) and ε̂ = ε·√(1−β₂ᵗ), so the per-element work is one fused pass
 * ({@link #referenceUpdate}, or a backend's {@link FusedUpdates#adamUpdate}). With plain (coupled)
 * weight decay, wd·θ is added to the gradient first, as torch.optim.Adam does; AdamW instead
 * scales θ by (1 − lr·wd). Both are part of the one update.
 */
public final class Adam extends AbstractOptimizer {
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private final boolean decoupled;
    private Tensor[] m = new Tensor[0];
    private Tensor[] v = new Tensor[0];
    private Tensor[] scratch = new Tensor[0];

    /** Adam with PyTorch's defaults: lr 1e-3, β₁ 0.9, β₂ 0.999, ε 1e-8, no weight decay. */
    public Adam() {
        this(1e-3f);
    }

    /** Adam at this learning rate with the other defaults. */
    public Adam(float learningRate) {
        this(learningRate, 0.9f, 0.999f, 1e-8f, 0f, false);
    }

    /**
     * @param decoupled true for AdamW (decay applied to the weights), false for L2 added to the gradient
     */
    public Adam(float learningRate, float beta1, float beta2, float epsilon, float weightDecay, boolean decoupled) {
        super(learningRate);
        checkUnit("Adam beta1", beta1);
        checkUnit("Adam beta2", beta2);
        if (!(epsilon > 0f)) {
            throw new IllegalArgumentException("Adam epsilon must be positive, got " + epsilon);
        }
        checkNonNegative("Adam weight decay", weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    /** AdamW with PyTorch's defaults (weight decay 0.01). */
    public static Adam adamW(float learningRate) {
        return adamW(learningRate, 0.01f);
    }

    /** AdamW at this learning rate and decoupled weight decay. */
    public static Adam adamW(float learningRate, float weightDecay) {
        return new Adam(learningRate, 0.9f, 0.999f, 1e-8f, weightDecay, true);
    }

    @Override
    public String name() {
        return decoupled ? "adamw" : "adam";
    }

    @Override
    protected void allocateState() {
        m = new Tensor[params.length];
        v = new Tensor[params.length];
        scratch = new Tensor[params.length];
        for (int i = 0; i < params.length; i++) {
            m[i] = addState(i, "m");
            v[i] = addState(i, "v");
            scratch[i] = params[i].value().backend().tensor(params[i].shape());
        }
    }

    @Override
    protected void update() {
        double t = steps;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = Math.sqrt(1 - Math.pow(beta2, t));
        float stepSize = (float) (learningRate * c2 / c1);
        float epsHat = (float) (epsilon * c2);
        float decay = decoupled ? 1f - learningRate * weightDecay : 1f;
        for (int i = 0; i < params.length; i++) {
            Tensor p = params[i].value();
            Tensor g = params[i].gradient();
            Backend b = p.backend();
            float l2 = decoupled ? 0f : weightDecay;
            if (b instanceof FusedUpdates) {
                ((FusedUpdates) b).adamUpdate(p, g, m[i], v[i], beta1, beta2, stepSize, epsHat, l2, decay, scratch[i]);
            } else {
                referenceUpdate(b, p, g, m[i], v[i], beta1, beta2, stepSize, epsHat, l2, decay, scratch[i]);
            }
        }
    }

    /**
     * One Adam step on one parameter, built from primitives; the reference for
     * {@link FusedUpdates#adamUpdate}. The bias corrections are folded into the scalars:
     * <pre>
     * grad += l2 · param                         (Adam's coupled L2 decay; 0 for none)
     * param *= decayFactor                       (AdamW's decoupled decay; 1 for none)
     * m = beta1·m + (1 − beta1)·grad
     * v = beta2·v + (1 − beta2)·grad²
     * param −= stepSize · m / (√v + epsHat)
     * </pre>
     * With lr, ε and step t, {@code stepSize = lr·√(1−beta2ᵗ)/(1−beta1ᵗ)} and
     * {@code epsHat = ε·√(1−beta2ᵗ)} give exactly PyTorch's update. {@code scratch} has the
     * parameter's shape and is overwritten; so may {@code grad} be.
     */
    public static void referenceUpdate(Backend b, Tensor param, Tensor grad, Tensor m, Tensor v, float beta1,
                                       float beta2, float stepSize, float epsHat, float l2, float decayFactor,
                                       Tensor scratch) {
        if (l2 != 0f) {
            b.axpby(l2, param, 1f, grad);
        }
        if (decayFactor != 1f) {
            b.affine(param, decayFactor, 0f, param);
        }
        b.axpby(1f - beta1, grad, beta1, m);
        b.binary(BinaryOp.MUL, grad, grad, scratch);
        b.axpby(1f - beta2, scratch, beta2, v);
        b.unary(UnaryOp.SQRT, v, scratch);
        b.affine(scratch, 1f, epsHat, scratch);
        b.binary(BinaryOp.DIV, m, scratch, scratch);
        b.axpby(-stepSize, scratch, 1f, param);
    }
}
