package nnj.api.layers;

import nnj.api.backend.Activation;

/** 1/(1 + e⁻ˣ). Derivative y·(1 − y). */
public final class Sigmoid extends ActivationLayer {
    public Sigmoid() {
        super(Activation.SIGMOID);
    }

    @Override
    public String type() {
        return "Sigmoid";
    }
}
