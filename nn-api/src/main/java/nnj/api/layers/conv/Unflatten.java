package nnj.api.layers.conv;

import java.util.Map;
import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.layers.AbstractLayer;
import nnj.api.layers.Mode;

/**
 * Reshapes flat rows (N, C·H·W) into images (N, C, H, W) without copying, the inverse of
 * {@link nnj.api.layers.Flatten}: the first layer of a convolutional model fed flat samples. The
 * view is cached while the input tensor is the same, so a warm step allocates nothing. An input
 * that already is (N, C, H, W) passes through.
 *
 * <p>Not thread-safe, like every layer.
 */
public final class Unflatten extends AbstractLayer {
    private final int channels;
    private final int height;
    private final int width;
    private Tensor lastInput;
    private Tensor lastView;
    private Tensor lastGrad;
    private Tensor lastGradView;

    /** Rows of channels·height·width values become (channels, height, width) images. */
    public Unflatten(int channels, int height, int width) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("Unflatten needs channels, height and width ≥ 1, got " + channels + ", "
                    + height + ", " + width);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** The features per flat input row, channels·height·width. */
    public int features() {
        return channels * height * width;
    }

    @Override
    public String type() {
        return "Unflatten";
    }

    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != channels * height * width) {
            throw new IllegalArgumentException(this + " expects " + channels * height * width + " features, but gets "
                    + inputWidth);
        }
        return inputWidth;
    }

    @Override
    public Shape outputShape(Shape input) {
        outputWidth(input.size());
        return Shape.of(channels, height, width);
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
        if (x != lastInput) {
            int n = x.shape().dim(0);
            if (x.size() != n * channels * height * width) {
                throw new IllegalArgumentException(this + ": input " + x.shape() + " does not hold " + n + " images of "
                        + channels + "×" + height + "×" + width);
            }
            lastInput = x;
            lastView = x.shape().rank() == 4 ? x : x.reshape(Shape.of(n, channels, height, width));
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
        if (dY != lastGrad) {
            lastGrad = dY;
            lastGradView = dY.reshape(lastInput.shape());
        }
        return lastGradView;
    }

    @Override
    public Map<String, String> config() {
        return Map.of("channels", Integer.toString(channels), "height", Integer.toString(height),
                "width", Integer.toString(width));
    }

    @Override
    public String toString() {
        return "Unflatten(" + channels + "×" + height + "×" + width + ")";
    }
}
