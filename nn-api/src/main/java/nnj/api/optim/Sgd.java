package nnj.api.optim;

import nnj.api.Tensor;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and (L2) weight decay, as
 * PyTorch defines them ({@link nnj.api.backend.Backend#sgdUpdate}).
 *
 * <p>Not thread-safe (see {@link Optimizer}).
 */
public final class Sgd extends AbstractOptimizer {
    private final float momentum;
    private final boolean nesterov;
    private final float weightDecay;
    private Tensor[] velocity = new Tensor[0];

    /** Plain SGD. */
    public Sgd(float learningRate) {
        this(learningRate, 0f, false, 0f);
    }

    /** SGD with momentum μ in [0, 1), Nesterov's variant (needs μ &gt; 0), and L2 weight decay. */
    public Sgd(float learningRate, float momentum, boolean nesterov, float weightDecay) {
        super(learningRate);
        checkUnit("SGD momentum", momentum);
        checkNonNegative("SGD weight decay", weightDecay);
        if (nesterov && momentum == 0f) {
            throw new IllegalArgumentException("Nesterov SGD needs a momentum > 0");
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    protected void allocateState() {
        velocity = new Tensor[params.length];
        if (momentum != 0f) {
            for (int i = 0; i < params.length; i++) {
                velocity[i] = addState(i, "velocity");
            }
        }
    }

    @Override
    protected void update() {
        for (int i = 0; i < params.length; i++) {
            Tensor p = params[i].value();
            p.backend().sgdUpdate(p, params[i].gradient(), velocity[i], learningRate, momentum, nesterov, weightDecay);
        }
    }
}
