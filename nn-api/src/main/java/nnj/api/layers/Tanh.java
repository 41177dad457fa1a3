package nnj.api.layers;

import nnj.api.backend.Activation;

/** tanh x. Derivative 1 − y². */
public final class Tanh extends ActivationLayer {
    public Tanh() {
        super(Activation.TANH);
    }

    @Override
    public String type() {
        return "Tanh";
    }
}
