/**
 * Training: the {@link nnj.api.train.Trainer} loop and its one step ({@link nnj.api.train.Trainer#step}),
 * batches ({@link nnj.api.train.BatchLoader}), listeners, history, early stopping, checkpoints that
 * resume bit for bit ({@link nnj.api.train.Checkpoint}) and {@link nnj.api.train.Diagnostics}.
 *
 * <p>A run's state (model, optimizer, data order, generator, early stopping, history) is one
 * object that the trainer advances epoch by epoch and a checkpoint saves and restores.
 *
 * <h2>Threads</h2>
 * A trainer runs on its caller's thread and calls listeners there; results ({@code History},
 * {@code EpochResult}, {@code Evaluation}, {@code TrainingPlan}) are immutable once returned.
 */
package nnj.api.train;
