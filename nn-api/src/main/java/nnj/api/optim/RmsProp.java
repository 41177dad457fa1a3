package nnj.api.optim;

import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.backend.BinaryOp;
import nnj.api.backend.UnaryOp;

/**
 * RMSProp as PyTorch defines it (no momentum, not centred): v = α·v + (1 − α)·g²,
 * θ −= lr · g / (√v + ε). Defaults α 0.99, ε 1e-8.
 */
public final class RmsProp extends AbstractOptimizer {
    private final float alpha;
    private final float epsilon;
    private Tensor[] v = new Tensor[0];
    private Tensor[] scratch = new Tensor[0];

    /** RMSProp with α 0.99 and ε 1e-8. */
    public RmsProp(float learningRate) {
        this(learningRate, 0.99f, 1e-8f);
    }

    /** RMSProp with smoothing {@code alpha} in [0, 1) and {@code epsilon} &gt; 0. */
    public RmsProp(float learningRate, float alpha, float epsilon) {
        super(learningRate);
        checkUnit("RMSProp alpha", alpha);
        if (!(epsilon > 0f)) {
            throw new IllegalArgumentException("RMSProp epsilon must be positive, got " + epsilon);
        }
        this.alpha = alpha;
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    protected void allocateState() {
        v = new Tensor[params.length];
        scratch = new Tensor[params.length];
        for (int i = 0; i < params.length; i++) {
            v[i] = addState(i, "square_avg");
            scratch[i] = params[i].value().backend().tensor(params[i].shape());
        }
    }

    @Override
    protected void update() {
        for (int i = 0; i < params.length; i++) {
            Tensor p = params[i].value();
            Tensor g = params[i].gradient();
            Tensor s = scratch[i];
            Backend b = p.backend();
            b.binary(BinaryOp.MUL, g, g, s);
            b.axpby(1f - alpha, s, alpha, v[i]);
            b.unary(UnaryOp.SQRT, v[i], s);
            b.affine(s, 1f, epsilon, s);
            b.binary(BinaryOp.DIV, g, s, s);
            b.axpby(-learningRate, s, 1f, p);
        }
    }
}
