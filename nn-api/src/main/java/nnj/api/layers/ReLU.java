package nnj.api.layers;

import nnj.api.backend.Activation;

/** max(x, 0). Its derivative is 1 where the output is positive, else 0 (0 at the kink). Not thread-safe, like every layer. */
public final class ReLU extends ActivationLayer {
    /** A ReLU layer. */
    public ReLU() {
        super(Activation.RELU);
    }

    @Override
    public String type() {
        return "ReLU";
    }
}
