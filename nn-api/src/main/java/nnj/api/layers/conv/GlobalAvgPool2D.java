package nnj.api.layers.conv;

import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.layers.Mode;
import nnj.api.layers.Workspace;

/**
 * Global average pooling: (N, C, H, W) → (N, C), each channel's mean over the whole image; an
 * average pool whose window is the image. Its output is flat, so a Dense layer can follow directly.
 *
 * <p>Not thread-safe, like every layer.
 */
public final class GlobalAvgPool2D extends ImageLayer {
    private final Workspace output = new Workspace();
    private final Workspace inputGrad = new Workspace();
    private Tensor savedInput;
    private Tensor flat;     // (N, C), the output
    private Tensor pooled;   // (N, C, 1, 1), a view of flat for the pooling kernel
    /** (N, C, 1, 1) views per recent output and gradient tensor (full, short and evaluation batches). */
    private final nnj.api.layers.Recent<Tensor, Tensor> pooledViews = new nnj.api.layers.Recent<>();
    private final nnj.api.layers.Recent<Tensor, Tensor> gradViews = new nnj.api.layers.Recent<>();

    /** A global average pool. */
    public GlobalAvgPool2D() {
    }

    @Override
    public String type() {
        return "GlobalAvgPool2D";
    }

    @Override
    protected Shape sampleOutput(int channels, int height, int width) {
        return Shape.of(channels);
    }

    @Override
    protected void clearWorkspaces() {
        output.clear();
        inputGrad.clear();
        savedInput = null;
        pooled = null;
        flat = null;
        pooledViews.clear();
        gradViews.clear();
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        Backend b = backend(x);
        Tensor y = output.shaped(b, batchOutput(x));
        flat = y;
        pooled = pooledViews.get(y);
        if (pooled == null) {
            pooled = pooledViews.put(y, y.reshape(Shape.of(x.shape().dim(0), x.shape().dim(1), 1, 1)));
        }
        b.avgPool2d(x, x.shape().dim(2), x.shape().dim(3), 1, pooled);
        savedInput = x;
        return flat;
    }

    @Override
    public Tensor backward(Tensor dY) {
        requireForward(savedInput, this);
        if (dY.size() != pooled.size()) {
            throw new IllegalArgumentException(this + ": output gradient " + dY.shape() + " does not match the output "
                    + flat.shape());
        }
        if (!inputGradientNeeded) {
            return null;
        }
        Tensor gradView = gradViews.get(dY);
        if (gradView == null || !gradView.shape().equals(pooled.shape())) {
            gradView = gradViews.put(dY, dY.shape().equals(pooled.shape()) ? dY : dY.reshape(pooled.shape()));
        }
        Tensor dX = inputGrad.like(backend, savedInput);
        backend.avgPool2dBackward(gradView, savedInput.shape().dim(2), savedInput.shape().dim(3), 1, dX);
        return dX;
    }

    @Override
    public String toString() {
        return "GlobalAvgPool2D";
    }
}
