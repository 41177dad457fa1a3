package nnj.api.layers;

import nnj.api.backend.Activation;

/** tanh x. Derivative 1 − y². Not thread-safe, like every layer. */
public final class Tanh extends ActivationLayer {
    /** A tanh layer. */
    public Tanh() {
        super(Activation.TANH);
    }

    @Override
    public String type() {
        return "Tanh";
    }
}
