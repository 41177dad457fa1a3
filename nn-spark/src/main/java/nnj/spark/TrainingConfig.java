package nnj.spark;

import java.io.Serializable;
import nnj.api.optim.LearningRateSchedule;
import nnj.api.optim.Optimizer;
import nnj.api.optim.Optimizers;

/**
 * How to train on Spark: the usual nnj settings (optimizer, learning rate and schedule, batch size,
 * epochs, seed, dropout noise) plus the distribution mode, the local steps per round in
 * {@link Mode#AVERAGE}, and the backend the executors build (null: the usual rules, i.e.
 * -Dnnj.backend, NNJ_BACKEND, else the best available on the executor). Immutable; shipped to executors.
 */
public record TrainingConfig(String optimizer, float learningRate, String schedule, int batchSize, int epochs,
                             long seed, Mode mode, int localSteps, String backend, int executorThreads)
        implements Serializable {

    /** {@link #localSteps()} value that lets the trainer choose K from the network and batch size. */
    public static final int AUTO = 0;

    public TrainingConfig {
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a positive number, got " + learningRate);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (localSteps < 0) {
            throw new IllegalArgumentException("local steps must be at least 1, or 0 for automatic, got " + localSteps);
        }
        if (executorThreads < 1) {
            throw new IllegalArgumentException("executor threads must be at least 1, got " + executorThreads);
        }
        Optimizers.named(optimizer, learningRate); // a typo fails on the driver, before any job
        schedule(schedule, epochs);
    }

    /** Adam at 0.002, cosine schedule, batch 64, 10 epochs, seed 42, synchronous, the usual backend, 1 thread per task. */
    public static TrainingConfig defaults() {
        return new TrainingConfig("adam", 0.002f, "cosine", 64, 10, 42, Mode.SYNC, 1, null, 1);
    }

    public TrainingConfig withEpochs(int n) {
        return new TrainingConfig(optimizer, learningRate, schedule, batchSize, n, seed, mode, localSteps, backend, executorThreads);
    }

    public TrainingConfig withBatchSize(int n) {
        return new TrainingConfig(optimizer, learningRate, schedule, n, epochs, seed, mode, localSteps, backend, executorThreads);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(optimizer, learningRate, schedule, batchSize, epochs, s, mode, localSteps, backend, executorThreads);
    }

    public TrainingConfig withOptimizer(String name, float rate) {
        return new TrainingConfig(name, rate, schedule, batchSize, epochs, seed, mode, localSteps, backend, executorThreads);
    }

    public TrainingConfig withSchedule(String name) {
        return new TrainingConfig(optimizer, learningRate, name, batchSize, epochs, seed, mode, localSteps, backend, executorThreads);
    }

    public TrainingConfig withMode(Mode m, int k) {
        return new TrainingConfig(optimizer, learningRate, schedule, batchSize, epochs, seed, m, k, backend, executorThreads);
    }

    public TrainingConfig withBackend(String name, int threads) {
        return new TrainingConfig(optimizer, learningRate, schedule, batchSize, epochs, seed, mode, localSteps, name, threads);
    }

    /** A fresh optimizer of the configured kind. */
    Optimizer newOptimizer() {
        return Optimizers.named(optimizer, learningRate);
    }

    /** The learning rate of {@code epoch} under the schedule. */
    float rate(int epoch) {
        return schedule(schedule, epochs).rate(epoch, learningRate);
    }

    static LearningRateSchedule schedule(String name, int epochs) {
        switch (name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "constant": return LearningRateSchedule.constant();
            case "cosine": return LearningRateSchedule.cosine(epochs, 0f);
            default: throw new IllegalArgumentException("unknown schedule '" + name + "'; use constant or cosine");
        }
    }
}
