package nnj.api.layers.conv;

import java.util.Map;
import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.layers.Mode;
import nnj.api.layers.Workspace;

/**
 * Max pooling over pool × pool windows moved by a stride (no padding), per channel. The forward
 * pass records where each maximum was ({@link Backend#maxPool2d}'s arg-max), and the backward pass
 * routes each output gradient to that one input; every other input gets 0 (docs/MATH.md, "Pooling").
 *
 * <p>Not thread-safe, like every layer.
 */
public final class MaxPool2D extends PoolingLayer {
    private final Workspace output = new Workspace();
    private final Workspace argmax = new Workspace();
    private final Workspace inputGrad = new Workspace();
    private Tensor savedInput;
    private Tensor savedOutput;
    private Tensor savedArgmax;

    /** Non-overlapping pool × pool windows (stride = pool). */
    public MaxPool2D(int pool) {
        this(pool, pool);
    }

    /** pool × pool windows moved by {@code stride}. */
    public MaxPool2D(int pool, int stride) {
        super("MaxPool2D", pool, stride);
    }

    @Override
    public String type() {
        return "MaxPool2D";
    }

    @Override
    protected void clearWorkspaces() {
        output.clear();
        argmax.clear();
        inputGrad.clear();
        savedInput = null;
        savedOutput = null;
        savedArgmax = null;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        Backend b = backend(x);
        Shape s = batchOutput(x);
        Tensor y = output.shaped(b, s);
        Tensor where = argmax.shaped(b, s);
        b.maxPool2d(x, pool, pool, stride, y, where);
        savedInput = x;
        savedOutput = y;
        savedArgmax = where;
        return y;
    }

    @Override
    public Tensor backward(Tensor dY) {
        requireForward(savedInput, this);
        checkGradient(dY, savedOutput);
        if (!inputGradientNeeded) {
            return null;
        }
        Tensor dX = inputGrad.like(backend, savedInput);
        backend.maxPool2dBackward(dY, savedArgmax, dX);
        return dX;
    }

    @Override
    public Map<String, String> config() {
        return Map.of("pool", Integer.toString(pool), "stride", Integer.toString(stride));
    }

    @Override
    public String toString() {
        return "MaxPool2D(" + pool + "×" + pool + (stride == pool ? "" : ", stride " + stride) + ")";
    }
}
