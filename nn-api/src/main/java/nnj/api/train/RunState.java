package nnj.api.train;

import nnj.api.layers.Sequential;
import nnj.api.optim.Optimizer;

/**
 * Everything a training run carries from one epoch to the next: the model and optimizer, the run's
 * fixed settings (seed, planned epochs, batch size, base learning rate), the data order and the
 * shuffle generator's position, early stopping, the history, and how many epochs are done.
 *
 * <p>The {@link Trainer} advances it one epoch at a time; a {@link Checkpoint} saves it after an
 * epoch and restores it into a freshly prepared run, which then continues bit for bit. One object,
 * so the trainer and the checkpoint cannot disagree about what the state is.
 */
final class RunState {
    final Sequential model;
    final Optimizer optimizer;
    final float baseRate;
    final long seed;
    final int epochs;
    final int batchSize;
    final BatchLoader loader;
    final ShuffleRandom shuffle;
    /** Null when the run has no early stopping (or no validation data). */
    final EarlyStopping stopper;
    final History history = new History();
    /** Epochs completed. */
    int completed;
    boolean stoppedEarly;

    RunState(Sequential model, Optimizer optimizer, long seed, int epochs, BatchLoader loader, EarlyStopping stopper) {
        this.model = model;
        this.optimizer = optimizer;
        this.baseRate = optimizer.learningRate();
        this.seed = seed;
        this.epochs = epochs;
        this.batchSize = loader.batchSize();
        this.loader = loader;
        this.shuffle = new ShuffleRandom(seed + 2); // the same numbers as new Random(seed + 2)
        this.stopper = stopper;
    }

    /** Marks the epoch just finished as completed, and whether it ended the run early. */
    void completeEpoch(boolean stop) {
        completed++;
        stoppedEarly = stop;
    }
}
