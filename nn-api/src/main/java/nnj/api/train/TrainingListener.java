package nnj.api.train;

/**
 * Hooks into a training run, called on the training thread in this order:
 * {@link #onTrainStart} once; per epoch {@link #onEpochStart}, {@link #onBatchEnd} after every
 * optimizer step, {@link #onEpochEnd} after validation; then {@link #onTrainEnd} once, also after
 * early stopping. Every method has an empty default; implement what you need. Listeners are not
 * part of the zero-allocation step: keep {@link #onBatchEnd} cheap anyway.
 */
public interface TrainingListener {

    /** Before the first epoch, with what the run will do. */
    default void onTrainStart(TrainingPlan plan) {
    }

    /** Before the first batch of {@code epoch} (counted from 0). */
    default void onEpochStart(int epoch) {
    }

    /** After the optimizer step of batch {@code batch} of {@code epoch}, with that batch's mean loss. */
    default void onBatchEnd(int epoch, int batch, double loss) {
    }

    /** After the epoch's validation, with its result (already in the history). */
    default void onEpochEnd(EpochResult result) {
    }

    /** After the last epoch, or after early stopping. */
    default void onTrainEnd(History history) {
    }
}
