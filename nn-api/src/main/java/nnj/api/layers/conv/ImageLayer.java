package nnj.api.layers.conv;

import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.layers.AbstractLayer;

/**
 * Shared plumbing of the image layers: they take (N, C, H, W) batches, so their output width depends
 * on the image size and is known only through {@link #outputShape}. It also remembers the last input
 * shape and the output shape derived from it, so that a warm step builds no {@link Shape}.
 *
 * <p>Not thread-safe, like every layer.
 */
public abstract class ImageLayer extends AbstractLayer {
    /** Output shape per recent input shape: full, short and evaluation batches (no allocation when warm). */
    private final nnj.api.layers.Recent<Shape, Shape> outputs = new nnj.api.layers.Recent<>();

    /** For subclasses. */
    protected ImageLayer() {
    }

    /** Image layers know their output only from a full (C, H, W) shape; see {@link #outputShape}. */
    @Override
    public final boolean outputWidthUnknown() {
        return true;
    }

    /** Refuses: an image layer's output width depends on the image's height and width. */
    @Override
    public int outputWidth(int inputWidth) {
        throw new IllegalArgumentException(this + " takes (channels, height, width) images, not " + inputWidth
                + " flat features; give the model an image shape");
    }

    /** The output sample shape for an input sample (C, H, W); checks the channels. */
    @Override
    public final Shape outputShape(Shape input) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException(this + " takes (channels, height, width) images, but gets " + input);
        }
        return sampleOutput(input.dim(0), input.dim(1), input.dim(2));
    }

    /**
     * The output sample shape for a (channels, height, width) input.
     *
     * @throws IllegalArgumentException naming the layer when the image does not fit
     */
    protected abstract Shape sampleOutput(int channels, int height, int width);

    /** Checks that x is a (N, C, H, W) batch and returns the batch output shape, cached per input shape. */
    protected final Shape batchOutput(Tensor x) {
        Shape s = x.shape();
        Shape known = outputs.get(s);
        if (known != null) {
            return known;
        }
        if (s.rank() != 4) {
            throw new IllegalArgumentException(this + " takes (batch, channels, height, width) images, but gets "
                    + s + "; reshape flat samples to images first");
        }
        Shape sample = sampleOutput(s.dim(1), s.dim(2), s.dim(3));
        int[] dims = new int[sample.rank() + 1];
        dims[0] = s.dim(0);
        for (int i = 0; i < sample.rank(); i++) {
            dims[i + 1] = sample.dim(i);
        }
        return outputs.put(s, Shape.of(dims));
    }

    /** Throws unless dY has the shape of the last output. */
    protected final void checkGradient(Tensor dY, Tensor output) {
        if (!dY.shape().equals(output.shape())) {
            throw new IllegalArgumentException(this + ": output gradient " + dY.shape()
                    + " does not match the output " + output.shape());
        }
    }
}
