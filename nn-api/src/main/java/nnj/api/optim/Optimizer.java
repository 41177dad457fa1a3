package nnj.api.optim;

import java.util.List;
import java.util.Map;
import nnj.api.Tensor;
import nnj.api.layers.Parameter;

/**
 * Updates parameters from their gradients. {@link #attach} binds the optimizer to a model's
 * parameters and allocates its state (velocities, moments) on their backend once; {@link #step}
 * then updates every parameter in place and allocates nothing.
 *
 * <p>Not thread-safe: optimizers keep per-parameter state and update it in place.
 */
public interface Optimizer {

    /** A short name, e.g. {@code "adam"}. */
    String name();

    /** Binds to these parameters (already on a backend) and resets the state. */
    void attach(List<Parameter> parameters);

    /** One update of every attached parameter from its current gradient. Gradients may be overwritten. */
    void step();

    /** The current learning rate. */
    float learningRate();

    /** Changes the learning rate (a schedule calls this between epochs). */
    void setLearningRate(float learningRate);

    /** The number of steps taken since {@link #attach}. */
    long steps();

    /**
     * The optimizer's state tensors by name ({@code "layers.0.weight.m"}, ...), for checkpoints. The
     * scalar state (the step count) is {@link #steps()}.
     */
    Map<String, Tensor> state();
}
