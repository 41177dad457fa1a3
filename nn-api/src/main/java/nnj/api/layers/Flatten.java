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
    private Tensor lastView;
    private Tensor lastGrad;
    private Tensor lastGradView;

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
        lastView = null;
        lastGrad = null;
        lastGradView = null;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        backend(x);
        if (x.shape().rank() <= 2) {
            lastInput = x;
            lastView = x;
            return x;
        }
        if (x != lastInput) {
            int n = x.shape().dim(0);
            lastInput = x;
            lastView = x.reshape(Shape.of(n, n == 0 ? 0 : x.size() / n));
        }
        return lastView;
    }

    @Override
    public Tensor backward(Tensor dY) {
        requireForward(lastInput, this);
        if (!inputGradientNeeded) {
            return null;
        }
        if (dY.shape().equals(lastInput.shape())) {
            return dY;
        }
        if (dY != lastGrad || !lastGradView.shape().equals(lastInput.shape())) {
            lastGrad = dY;
            lastGradView = dY.reshape(lastInput.shape());
        }
        return lastGradView;
    }
}
