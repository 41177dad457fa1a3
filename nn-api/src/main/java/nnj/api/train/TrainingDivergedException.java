package nnj.api.train;

/**
 * Training stopped because it diverged: the loss became NaN or infinite, or (with
 * {@link Diagnostics}) a layer's activations exploded. The message names what went wrong, where,
 * and what to try. Immutable.
 */
public class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** With a message that says what diverged and the likely cause. */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
