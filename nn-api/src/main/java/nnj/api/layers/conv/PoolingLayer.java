package nnj.api.layers.conv;

import nnj.api.Shape;
import nnj.api.backend.ConvGeometry;

/**
 * What max and average pooling share: a pool × pool window moved by a stride over each channel, and
 * the output shape that follows from them. The layers differ only in what they take from a window.
 *
 * <p>Not thread-safe, like every layer.
 */
public abstract class PoolingLayer extends ImageLayer {
    /** The window's side. */
    protected final int pool;
    /** How far the window moves. */
    protected final int stride;

    /** pool × pool windows moved by {@code stride}; {@code type} names the layer in the error. */
    protected PoolingLayer(String type, int pool, int stride) {
        if (pool < 1 || stride < 1) {
            throw new IllegalArgumentException(type + " needs pool and stride ≥ 1, got " + pool + " and " + stride);
        }
        this.pool = pool;
        this.stride = stride;
    }

    @Override
    protected final Shape sampleOutput(int channels, int height, int width) {
        if (height < pool || width < pool) {
            throw new IllegalArgumentException(this + ": a " + pool + "×" + pool + " window does not fit a " + height
                    + "×" + width + " image");
        }
        return Shape.of(channels, ConvGeometry.outputSize(height, pool, stride, 0),
                ConvGeometry.outputSize(width, pool, stride, 0));
    }
}
