package nnj.api.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnj.api.Tensor;
import nnj.api.layers.Parameter;

/** Holds the attached parameters in an array (no iterator in the step), the rate and the step count. Not thread-safe: state is updated in place. */
public abstract class AbstractOptimizer implements Optimizer {
    /** The attached parameters, in order. */
    protected Parameter[] params = new Parameter[0];
    /** The current learning rate. */
    protected float learningRate;
    /** Steps taken since {@link #attach}. */
    protected long steps;
    private final Map<String, Tensor> state = new LinkedHashMap<>();

    /** An optimizer starting at this learning rate (positive and finite). */
    protected AbstractOptimizer(float learningRate) {
        checkRate(learningRate);
        this.learningRate = learningRate;
    }

    private static void checkRate(float lr) {
        if (!(lr > 0f) || !Float.isFinite(lr)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + lr);
        }
    }

    @Override
    public void attach(List<Parameter> parameters) {
        this.params = parameters.toArray(new Parameter[0]);
        this.steps = 0;
        state.clear();
        allocateState();
    }

    /** Allocates the per-parameter state for {@link #params}; register it with {@link #addState}. */
    protected abstract void allocateState();

    /** A zero tensor shaped like parameter {@code i}, recorded as state {@code name}. */
    protected Tensor addState(int i, String suffix) {
        Tensor t = params[i].value().backend().tensor(params[i].shape());
        state.put(params[i].name() + "." + suffix, t);
        return t;
    }

    @Override
    public final void step() {
        if (params.length == 0) {
            return;
        }
        steps++;
        update();
    }

    /** Updates every parameter; {@link #steps} already counts this step. */
    protected abstract void update();

    @Override
    public float learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(float learningRate) {
        checkRate(learningRate);
        this.learningRate = learningRate;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public Map<String, Tensor> state() {
        return java.util.Collections.unmodifiableMap(state);
    }

    static void checkUnit(String what, float v) {
        if (!(v >= 0f && v < 1f)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + v);
        }
    }

    static void checkNonNegative(String what, float v) {
        if (!(v >= 0f) || !Float.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be ≥ 0 and finite, got " + v);
        }
    }

    @Override
    public String toString() {
        return name() + "(lr=" + learningRate + ")";
    }
}
