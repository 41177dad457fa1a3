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
    /** Views per recent input and gradient tensor (full, short and evaluation batches). */
    private final nnj.api.layers.Recent<Tensor, Tensor> views = new nnj.api.layers.Recent<>();
    private final nnj.api.layers.Recent<Tensor, Tensor> gradViews = new nnj.api.layers.Recent<>();

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
        views.clear();
        gradViews.clear();
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        backend(x);
        Tensor view = views.get(x);
        if (view == null) {
            int n = x.shape().dim(0);
            if (x.size() != n * channels * height * width) {
                throw new IllegalArgumentException(this + ": input " + x.shape() + " does not hold " + n + " images of "
                        + channels + "×" + height + "×" + width);
            }
            view = views.put(x, x.shape().rank() == 4 ? x : x.reshape(Shape.of(n, channels, height, width)));
        }
        lastInput = x;
        return view;
    }

    @Override
    public Tensor backward(Tensor dY) {
        requireForward(lastInput, this);
        return inputGradientNeeded ? viewOf(gradViews, dY, lastInput.shape()) : null;
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
