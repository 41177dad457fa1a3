package nnj.api.train;

import nnj.api.Tensor;
import nnj.api.layers.Mode;
import nnj.api.layers.Sequential;
import nnj.api.loss.Loss;

/**
 * The gradient half of a training step, for trainers that apply the update elsewhere (data-parallel
 * training sums the gradients of several workers before one optimizer step): the forward pass in
 * training mode, the loss and its gradient, and the backward pass, which leaves the gradient of the
 * batch's MEAN loss in every parameter's {@link nnj.api.layers.Parameter#gradient()} (overwriting
 * what was there). No optimizer runs.
 *
 * <p>{@link Trainer#step} is this followed by {@code optimizer.step()}; both give the same gradients.
 * Call {@code model.setInputGradientNeeded(false)} first, as a trainer does.
 *
 * <p>Stateless; the model and the loss it is given are not thread-safe, so one thread uses them at a time.
 */
public final class GradientStep {
    private GradientStep() {
    }

    /**
     * Computes the gradients for one batch and returns its mean loss.
     *
     * @param model    a model on the features' backend
     * @param loss     the loss (it owns the output gradient's workspace)
     * @param features batch × inputWidth, already scaled as the model expects
     * @param targets  batch × outputWidth
     */
    public static double compute(Sequential model, Loss loss, Tensor features, Tensor targets) {
        Tensor out = model.forward(features, Mode.TRAIN);
        double value = loss.forward(out, targets);
        model.backward(loss.gradient());
        return value;
    }
}
