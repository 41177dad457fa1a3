package nnj.api.layers;

import nnj.api.Shape;
import nnj.api.Tensor;

/**
 * Reshapes (batch, d1, d2, ...) into (batch, d1·d2·...) without copying: the output is a view of
 * the input. The view is cached while the input tensor is the same, so steady training allocates
 * nothing. A (batch, features) input passes through unchanged.
 */
public final class Flatten extends AbstractLayer {
    /** A flatten layer. */
    public Flatten() {
    }

    private Tensor lastInput;
    /** Views per recent input and gradient tensor (full, short and evaluation batches). */
    private final Recent<Tensor, Tensor> views = new Recent<>();
    private final Recent<Tensor, Tensor> gradViews = new Recent<>();

    @Override
    public String type() {
        return "Flatten";
    }

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    /** Any sample shape becomes one row of all its elements. */
    @Override
    public Shape outputShape(Shape input) {
        return Shape.of(input.size());
    }

    @Override
    protected void clearWorkspaces() {
        lastInput = null;
        views.clear();
        gradViews.clear();
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        backend(x);
        if (x.shape().rank() <= 2) {
            lastInput = x;
            return x;
        }
        lastInput = x;
        Tensor view = views.get(x);
        if (view == null) {
            int n = x.shape().dim(0);
            view = views.put(x, x.reshape(Shape.of(n, n == 0 ? 0 : x.size() / n)));
        }
        return view;
    }

    @Override
    public Tensor backward(Tensor dY) {
        requireForward(lastInput, this);
        return inputGradientNeeded ? viewOf(gradViews, dY, lastInput.shape()) : null;
    }
}
