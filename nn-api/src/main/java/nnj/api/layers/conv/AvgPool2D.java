package nnj.api.layers.conv;

import java.util.Map;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.layers.Mode;
import nnj.api.layers.Workspace;

/**
 * Average pooling over pool × pool windows moved by a stride (no padding), per channel. The
 * backward pass shares each output gradient equally among the pool² inputs of its window
 * (docs/MATH.md, "Pooling").
 *
 * <p>Not thread-safe, like every layer.
 */
public final class AvgPool2D extends PoolingLayer {
    private final Workspace output = new Workspace();
    private final Workspace inputGrad = new Workspace();
    private Tensor savedInput;
    private Tensor savedOutput;

    /** Non-overlapping pool × pool windows (stride = pool). */
    public AvgPool2D(int pool) {
        this(pool, pool);
    }

    /** pool × pool windows moved by {@code stride}. */
    public AvgPool2D(int pool, int stride) {
        super("AvgPool2D", pool, stride);
    }

    @Override
    public String type() {
        return "AvgPool2D";
    }

    @Override
    protected void clearWorkspaces() {
        output.clear();
        inputGrad.clear();
        savedInput = null;
        savedOutput = null;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        Backend b = backend(x);
        Tensor y = output.shaped(b, batchOutput(x));
        b.avgPool2d(x, pool, pool, stride, y);
        savedInput = x;
        savedOutput = y;
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
        backend.avgPool2dBackward(dY, pool, pool, stride, dX);
        return dX;
    }

    @Override
    public Map<String, String> config() {
        return Map.of("pool", Integer.toString(pool), "stride", Integer.toString(stride));
    }

    @Override
    public String toString() {
        return "AvgPool2D(" + pool + "×" + pool + (stride == pool ? "" : ", stride " + stride) + ")";
    }
}
