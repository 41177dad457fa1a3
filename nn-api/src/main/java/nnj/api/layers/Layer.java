package nnj.api.layers;

import java.util.List;
import java.util.Map;
import java.util.Random;
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
