package nnj.api.layers;

import nnj.api.backend.Activation;
import nnj.api.init.Initializer;

/**
 * A layer with weights that a following activation can be fused into ({@link Dense}, and
 * {@code Conv2D}): a {@link Sequential} then runs the activation in the layer's own kernel (bias
 * and activation in the epilogue) and skips the activation layer, and picks the weights' default
 * initialiser from that activation (He before ReLU, Xavier before tanh and sigmoid).
 *
 * <p>Not thread-safe, like every layer: use it from one thread at a time.
 */
public interface ActivationFusable extends Layer {

    /** Applies {@code activation} inside this layer's forward pass; {@link Activation#IDENTITY} for none. */
    void fuse(Activation activation);

    /** The initialiser used when none was given explicitly; an explicit one wins. */
    void setDefaultInitializer(Initializer initializer);
}
