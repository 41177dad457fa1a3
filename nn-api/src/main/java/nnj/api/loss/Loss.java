package nnj.api.loss;

import nnj.api.Tensor;

/**
 * A loss over a batch: the mean over samples of a per-sample loss, and its gradient with respect to
 * the model's output. A loss owns its gradient tensor and scratch space (reused while the batch size
 * is unchanged), so a training step allocates nothing.
 *
 * <p>Not thread-safe: a loss owns its gradient and scratch tensors.
 */
public interface Loss {

    /** A short name, e.g. {@code "softmax_cross_entropy"}. */
    String name();

    /**
     * Computes the mean loss of {@code prediction} against {@code target} (same shape), and its
     * gradient dL/d(prediction), which {@link #gradient()} then returns.
     */
    double forward(Tensor prediction, Tensor target);

    /** The gradient written by the last {@link #forward} call; owned by the loss. */
    Tensor gradient();
}
