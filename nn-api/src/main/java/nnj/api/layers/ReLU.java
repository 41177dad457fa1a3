package nnj.api.layers;

import nnj.api.backend.Activation;

/** max(x, 0). Its derivative is 1 where the output is positive, else 0 (0 at the kink). */
public final class ReLU extends ActivationLayer {
    public ReLU() {
        super(Activation.RELU);
    }

    @Override
    public String type() {
        return "ReLU";
    }
}
