package nnj.api.layers;

import java.util.Map;
import nnj.api.Tensor;
import nnj.api.backend.BinaryOp;

/**
 * x for x &gt; 0, else α·x (0 &lt; α &lt; 1, default 0.01). Built from SPI primitives:
 * forward = max(x, α·x); backward dX = α·dY + (1 − α)·[x &gt; 0]·dY.
 */
public final class LeakyReLU extends AbstractLayer {
    private final float alpha;
    private final Workspace output = new Workspace();
    private final Workspace scaled = new Workspace();
    private final Workspace inputGrad = new Workspace();
    private Tensor savedInput;

    /** LeakyReLU with slope 0.01 below zero. */
    public LeakyReLU() {
        this(0.01f);
    }

    /** LeakyReLU with slope {@code alpha} below zero, 0 ≤ alpha &lt; 1. */
    public LeakyReLU(float alpha) {
        if (!(alpha >= 0f && alpha < 1f)) {
            throw new IllegalArgumentException("LeakyReLU needs 0 ≤ alpha < 1, got " + alpha);
        }
        this.alpha = alpha;
    }

    /** The slope below zero. */
    public float alpha() {
        return alpha;
    }

    @Override
    public String type() {
        return "LeakyReLU";
    }

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    protected void clearWorkspaces() {
        output.clear();
        scaled.clear();
        inputGrad.clear();
        savedInput = null;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        var b = backend(x);
        Tensor ax = scaled.like(b, x);
        Tensor y = output.like(b, x);
        b.affine(x, alpha, 0f, ax);
        b.binary(BinaryOp.MAX, x, ax, y);
        savedInput = x;
        return y;
    }

    @Override
    public Tensor backward(Tensor dY) {
        requireForward(savedInput, this);
        if (!dY.shape().equals(savedInput.shape())) {
            throw new IllegalArgumentException(this + ": output gradient " + dY.shape()
                    + " does not match the input " + savedInput.shape());
        }
        if (!inputGradientNeeded) {
            return null;
        }
        Tensor dX = inputGrad.like(backend, dY);
        backend.binary(BinaryOp.RELU_BACKWARD, savedInput, dY, dX);
        backend.axpby(alpha, dY, 1f - alpha, dX);
        return dX;
    }

    @Override
    public Map<String, String> config() {
        return Map.of("alpha", Float.toString(alpha));
    }

    @Override
    public String toString() {
        return "LeakyReLU(" + alpha + ")";
    }
}
