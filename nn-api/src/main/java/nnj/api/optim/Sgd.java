package nnj.api.optim;

import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.backend.FusedUpdates;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and (L2) weight decay, as
 * PyTorch defines them ({@link #referenceUpdate}). A backend with {@link FusedUpdates} runs the
 * same update in one pass.
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
            Backend b = p.backend();
            if (b instanceof FusedUpdates) {
                ((FusedUpdates) b).sgdUpdate(p, params[i].gradient(), velocity[i], learningRate, momentum, nesterov,
                        weightDecay);
            } else {
                referenceUpdate(b, p, params[i].gradient(), velocity[i], learningRate, momentum, nesterov, weightDecay);
            }
        }
    }

    /**
     * One SGD step on one parameter, built from primitives; the reference for
     * {@link FusedUpdates#sgdUpdate}. As PyTorch defines it: {@code g = grad + weightDecay · param};
     * with momentum μ ≠ 0, {@code v = μ·v + g} and g becomes v (or {@code g + μ·v} when
     * {@code nesterov}); then {@code param −= lr · g}. {@code velocity} may be {@code null} when
     * μ = 0. {@code grad} may be overwritten.
     */
    public static void referenceUpdate(Backend b, Tensor param, Tensor grad, Tensor velocity, float lr,
                                       float momentum, boolean nesterov, float weightDecay) {
        if (weightDecay != 0f) {
            b.axpby(weightDecay, param, 1f, grad);
        }
        if (momentum == 0f) {
            b.axpby(-lr, grad, 1f, param);
            return;
        }
        if (velocity == null) {
            throw new IllegalArgumentException("sgdUpdate: momentum " + momentum
                    + " needs a velocity tensor of the parameter's shape, got null");
        }
        b.axpby(1f, grad, momentum, velocity);
        if (nesterov) {
            b.axpby(momentum, velocity, 1f, grad);
            b.axpby(-lr, grad, 1f, param);
        } else {
            b.axpby(-lr, velocity, 1f, param);
        }
    }
}
