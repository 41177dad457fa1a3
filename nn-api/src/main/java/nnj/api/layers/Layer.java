package nnj.api.layers;

import java.util.List;
import java.util.Map;
import java.util.Random;
import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Backend;

/**
 * One step of a network, with its forward and backward pass written explicitly (no autograd).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #forward} returns a tensor the layer owns (a workspace reused while the batch size is
 *       unchanged); it stays valid until the next forward call. The layer may keep a reference to
 *       its input or output for the backward pass, so the caller must not overwrite the input before
 *       calling {@link #backward}.</li>
 *   <li>{@link #backward} takes dL/d(output) and returns dL/d(input), or {@code null} when
 *       {@link #setInputGradientNeeded} was set to false (the first layer of a model). It overwrites
 *       the gradient of every {@link Parameter} with this batch's value.</li>
 *   <li>A layer works on the backend it was moved to with {@link #to(Backend)}.</li>
 * </ul>
 * Rows are samples: inputs are (batch, features) matrices, or higher-rank tensors whose first
 * dimension is the batch.
 *
 * <p>Thread safety: layers are not thread-safe. They own workspaces and keep state from the last forward pass, so use a layer (and a model) from one thread at a time.
 */
public interface Layer {

    /** The layer's type as written in model files, e.g. {@code "Dense"}. */
    String type();

    /**
     * The number of output features for {@code inputWidth} input features.
     *
     * @throws IllegalArgumentException naming the layer and both widths when they do not fit
     */
    int outputWidth(int inputWidth);

    /**
     * The shape of one output sample for one input sample (shapes without the batch dimension:
     * {@code (features)} for a flat layer, {@code (channels, height, width)} for an image).
     * The default fits flat and element-wise layers: a rank-1 shape maps through
     * {@link #outputWidth}, and a higher-rank shape passes through unchanged when the layer keeps
     * the width. Layers that change an image's shape override it.
     *
     * @throws IllegalArgumentException naming the layer and the shape when the input does not fit
     */
    default Shape outputShape(Shape input) {
        if (input.rank() == 1) {
            return Shape.of(outputWidth(input.dim(0)));
        }
        if (outputWidth(input.size()) != input.size()) {
            throw new IllegalArgumentException(this + " takes flat (features) samples, but gets " + input
                    + "; put a Flatten before it");
        }
        return input;
    }

    /**
     * Whether this layer's output width depends on more than its input width (an image layer, whose
     * output size depends on the image's height and width), so that a model cannot derive its widths
     * from its first dense layer; such a layer implements {@link #outputShape} instead. False by default.
     */
    default boolean outputWidthUnknown() {
        return false;
    }

    /** The forward pass. See the interface contract for ownership of the result. */
    Tensor forward(Tensor input, Mode mode);

    /** The backward pass: fills parameter gradients and returns dL/d(input), or null when not needed. */
    Tensor backward(Tensor gradOutput);

    /** Moves the layer's parameters to {@code backend} and drops workspaces of the previous one. */
    void to(Backend backend);

    /** The trainable parameters, in a stable order; empty for a layer without any. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * State that is not trained by gradients but belongs to the model and is saved with it, such as
     * batch normalisation's running mean and variance: named and moved like parameters, never
     * touched by an optimizer (their {@link Parameter#gradient()} stays unused). Empty by default.
     */
    default List<Parameter> buffers() {
        return List.of();
    }

    /** Draws the initial parameter values on the host. Layers without parameters ignore it. */
    default void initialize(Random random) {
    }

    /** Whether {@link #backward} must compute dL/d(input); false for the first layer of a model. */
    default void setInputGradientNeeded(boolean needed) {
    }

    /**
     * Restarts the layer's random noise (dropout masks) from {@code seed}, so that two forward passes
     * can see the same noise; {@link nnj.api.check.GradientCheck} relies on this. Deterministic layers
     * ignore it.
     */
    default void resetNoise(long seed) {
    }

    /** The hyper-parameters that rebuild this layer from a model file ({@link Layers#create}). */
    default Map<String, String> config() {
        return Map.of();
    }
}
