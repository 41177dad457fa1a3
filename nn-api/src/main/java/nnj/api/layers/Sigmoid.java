package nnj.api.layers;

import nnj.api.backend.Activation;

/** 1/(1 + e⁻ˣ). Derivative y·(1 − y). Not thread-safe, like every layer. */
public final class Sigmoid extends ActivationLayer {
    /** A sigmoid layer. */
    public Sigmoid() {
        super(Activation.SIGMOID);
    }

    @Override
    public String type() {
        return "Sigmoid";
    }
}
