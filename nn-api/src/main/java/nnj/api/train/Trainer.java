package nnj.api.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.data.Dataset;
import nnj.api.data.Splits;
import nnj.api.data.Standardizer;
import nnj.api.data.Task;
import nnj.api.layers.Mode;
import nnj.api.layers.Sequential;
import nnj.api.loss.Loss;
import nnj.api.loss.Losses;
import nnj.api.metrics.Metrics;
import nnj.api.optim.Adam;
import nnj.api.optim.LearningRateSchedule;
import nnj.api.optim.Optimizer;

/**
 * Trains a {@link Sequential} model with mini-batch gradient descent.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.on(backend)
 *         .loss(Losses.softmaxCrossEntropy())
 *         .optimizer(new Adam(1e-3f))
 *         .batchSize(64).epochs(20).seed(42)
 *         .build();
 * History history = trainer.fit(model, train);     // 10% of train held out for validation
 * }</pre>
 *
 * <p>Defaults: Adam at 1e-3, batch 64, 10 epochs, seed 0, a 10% validation split drawn at random
 * from the seed, features standardised on the training part (the statistics are stored in the
 * model), softmax cross-entropy for classification and MSE for regression.
 *
 * <p>One step: gather the batch on the backend, forward in training mode, the loss and its
 * gradient, backward, the optimizer update. Every tensor in it is reused, so a warm step allocates
 * nothing on the heap (listeners aside).
 *
 * <p>Determinism: the validation split, the weights, the dropout masks and the shuffling each come
 * from their own generator derived from the seed; on one backend with one thread count, two runs
 * give bitwise-identical losses.
 */
public final class Trainer {
    private final Backend backend;
    private final Loss configuredLoss;
    private final Optimizer optimizer;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final double validationSplit;
    private final boolean standardize;
    private final boolean standardizeTargets;
    private final LearningRateSchedule schedule;
    private final TrainingListener[] listeners;
    private final int patience;
    private final double minDelta;
    private final Path checkpointPath;

    private Trainer(Builder b) {
        this.backend = b.backend;
        this.configuredLoss = b.loss;
        this.optimizer = b.optimizer != null ? b.optimizer : new Adam(1e-3f);
        this.batchSize = b.batchSize;
        this.epochs = b.epochs;
        this.seed = b.seed;
        this.validationSplit = b.validationSplit;
        this.standardizeTargets = b.standardizeTargets;
        this.standardize = b.standardize;
        this.schedule = b.schedule;
        this.listeners = b.listeners.toArray(new TrainingListener[0]);
        this.patience = b.patience;
        this.minDelta = b.minDelta;
        this.checkpointPath = b.checkpointPath;
    }

    /** A builder for training on {@code backend}. */
    public static Builder on(Backend backend) {
        if (backend == null) {
            throw new IllegalArgumentException("Trainer.on: backend is null; use Backends.best()");
        }
        return new Builder(backend);
    }

    /** The backend the trainer runs on. */
    public Backend backend() {
        return backend;
    }

    /** The optimizer (its state is reset by each {@code fit}). */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Trains on {@code train}, holding out the configured validation fraction (drawn at random from
     * the seed; none when the split is 0).
     */
    public History fit(Sequential model, Dataset train) {
        if (validationSplit > 0) {
            Splits.Split split = Splits.random(train, validationSplit, seed);
            return fit(model, split.first(), split.second());
        }
        return fit(model, train, null);
    }

    /** Trains on {@code train}, validating after each epoch on {@code validation} (may be null). */
    public History fit(Sequential model, Dataset train, Dataset validation) {
        return run(model, train, validation, null);
    }

    /**
     * Continues the run saved in {@code checkpoint} on the same training data as {@link #fit(Sequential, Dataset)}
     * (the same validation split is drawn from the seed), up to this trainer's epoch count. With the
     * same settings, backend and thread count, the epochs after the checkpoint give bitwise the
     * losses an uninterrupted run gives.
     *
     * @throws IllegalArgumentException if the checkpoint does not fit this trainer (seed, batch size,
     *                                  optimizer, learning rate, early stopping) or the data
     */
    public History resume(Checkpoint checkpoint, Dataset train) {
        if (validationSplit > 0) {
            Splits.Split split = Splits.random(train, validationSplit, seed);
            return resume(checkpoint, split.first(), split.second());
        }
        return resume(checkpoint, train, null);
    }

    /** As {@link #resume(Checkpoint, Dataset)}, with the validation data given, as in {@link #fit(Sequential, Dataset, Dataset)}. */
    public History resume(Checkpoint checkpoint, Dataset train, Dataset validation) {
        return run(checkpoint.model(), train, validation, checkpoint);
    }

    private History run(Sequential model, Dataset train, Dataset validation, Checkpoint resumeFrom) {
        prepare(model, train);
        TargetScaler targets = standardizeTargets && train.task() == Task.REGRESSION ? TargetScaler.fit(train) : null;
        if (targets != null) {
            train = targets.apply(train);
            validation = validation == null ? null : targets.apply(validation);
        }
        Dataset trainData = scaled(model, train);
        Dataset validData = validation == null ? null : scaled(model, validation);
        History history = run(model, train, trainData, validData, resumeFrom);
        if (targets != null) {
            targets.foldInto(model); // after the best weights are restored: the model predicts raw units
        }
        return history;
    }

    private History run(Sequential model, Dataset train, Dataset trainData, Dataset validData, Checkpoint resumeFrom) {
        Loss loss = lossFor(train);
        BatchLoader loader = new BatchLoader(backend, trainData, batchSize);
        BatchLoader validLoader = validData == null ? null : new BatchLoader(backend, validData, batchSize);
        optimizer.attach(model.parameters());
        EarlyStopping stopper = patience > 0 && validLoader != null ? new EarlyStopping(model, patience, minDelta) : null;
        RunState run = new RunState(model, optimizer, seed, epochs, loader, stopper);
        History history = run.history;
        if (resumeFrom != null) {
            resumeFrom.restoreInto(run);
            if (run.stoppedEarly) {
                stopper.restoreBest();
                history.markStoppedEarly(stopper.bestEpoch());
                return history;
            }
        }
        TrainingPlan plan = new TrainingPlan(epochs, loader.batches(), trainData.size(),
                validData == null ? 0 : validData.size(), backend.name());
        for (TrainingListener l : listeners) {
            l.onTrainStart(plan);
        }
        try {
            for (int epoch = run.completed; epoch < epochs; epoch++) {
                long start = System.nanoTime();
                // dropout noise from (seed, epoch) alone, so a resumed run draws the same masks
                model.resetNoise(seed + 3 + epoch * 0x9E3779B97F4A7C15L);
                float rate = schedule.rate(epoch, run.baseRate);
                optimizer.setLearningRate(rate);
                for (TrainingListener l : listeners) {
                    l.onEpochStart(epoch);
                }
                double trainLoss = runEpoch(model, loss, loader, run.shuffle, epoch);
                Evaluation v = validLoader == null ? null : evaluate(model, loss, validLoader);
                EpochResult result = new EpochResult(epoch + 1, trainLoss, v == null ? Double.NaN : v.loss(),
                        v == null ? Map.of() : EpochResult.asValidation(v.metrics()), rate, (System.nanoTime() - start) / 1e9);
                history.add(result);
                for (TrainingListener l : listeners) {
                    l.onEpochEnd(result);
                }
                boolean stop = stopper != null && stopper.shouldStop(epoch, result.validationLoss());
                run.completeEpoch(stop);
                if (checkpointPath != null) {
                    saveCheckpoint(run);
                }
                if (stop) {
                    stopper.restoreBest();
                    history.markStoppedEarly(stopper.bestEpoch());
                    break;
                }
            }
            if (stopper != null && !history.stoppedEarly()) {
                stopper.restoreBest();
                history.setBestEpoch(stopper.bestEpoch());
            }
        } finally {
            optimizer.setLearningRate(run.baseRate);
        }
        for (TrainingListener l : listeners) {
            l.onTrainEnd(history);
        }
        return history;
    }

    private void saveCheckpoint(RunState run) {
        try {
            Checkpoint.write(checkpointPath, run);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the checkpoint " + checkpointPath + ": " + e.getMessage(), e);
        }
    }

    /** One pass over the training data; returns the sample-weighted mean batch loss. */
    private double runEpoch(Sequential model, Loss loss, BatchLoader loader, Random shuffle, int epoch) {
        loader.shuffle(shuffle);
        int batches = loader.batches();
        double sum = 0;
        for (int b = 0; b < batches; b++) {
            double batchLoss = step(model, loss, loader, b);
            // listeners first: a Diagnostics listener explains a non-finite loss better than the check below
            for (int i = 0; i < listeners.length; i++) {
                listeners[i].onBatchEnd(epoch, b, batchLoss);
            }
            if (!Double.isFinite(batchLoss)) {
                throw new TrainingDivergedException("the training loss became " + batchLoss + " at epoch " + (epoch + 1)
                        + ", batch " + (b + 1) + "; training stopped. Lower the learning rate (now "
                        + optimizer.learningRate() + "), check the data for extreme values, or attach a Diagnostics listener"
                        + " to see which layer blows up");
            }
            sum += batchLoss * loader.features().rows();
        }
        return sum / loader.size();
    }

    /**
     * One training step exactly as {@code fit} runs it, for benchmarks and custom loops: gathers
     * batch {@code b}, runs the forward pass in training mode, the loss and its gradient, the
     * backward pass and the optimizer update, and returns the batch's mean loss. The model must be
     * on the loader's backend and the optimizer attached to its parameters; call
     * {@code model.setInputGradientNeeded(false)} first, as {@code fit} does. Allocation-free when warm.
     */
    public static double step(Sequential model, Loss loss, BatchLoader loader, int b, Optimizer optimizer) {
        return step(model, loss, loader, b, optimizer, null);
    }

    /**
     * The phases of a step, in the order they run, as
     * {@link #step(Sequential, Loss, BatchLoader, int, Optimizer, long[])} times them.
     */
    public static final List<String> STEP_PHASES = List.of("gather", "forward", "loss", "backward", "optimizer");

    /**
     * {@link #step(Sequential, Loss, BatchLoader, int, Optimizer)}, adding each phase's nanoseconds
     * to {@code phaseNanos} (one slot per {@link #STEP_PHASES} entry), or timing nothing when it is
     * null. A phase's time includes waiting for the backend's threads to finish it.
     */
    public static double step(Sequential model, Loss loss, BatchLoader loader, int b, Optimizer optimizer,
                              long[] phaseNanos) {
        if (phaseNanos != null && phaseNanos.length < STEP_PHASES.size()) {
            throw new IllegalArgumentException("Trainer.step: phaseNanos needs one slot per phase " + STEP_PHASES
                    + ", got " + phaseNanos.length + "; pass a long[" + STEP_PHASES.size() + "] or null");
        }
        long start = System.nanoTime();
        loader.load(b);
        long loaded = System.nanoTime();
        Tensor out = model.forward(loader.features(), Mode.TRAIN);
        long forward = System.nanoTime();
        double value = loss.forward(out, loader.targets());
        long lossed = System.nanoTime();
        model.backward(loss.gradient());
        long backward = System.nanoTime();
        optimizer.step();
        if (phaseNanos != null) {
            phaseNanos[0] += loaded - start;
            phaseNanos[1] += forward - loaded;
            phaseNanos[2] += lossed - forward;
            phaseNanos[3] += backward - lossed;
            phaseNanos[4] += System.nanoTime() - backward;
        }
        return value;
    }

    private double step(Sequential model, Loss loss, BatchLoader loader, int b) {
        return step(model, loss, loader, b, optimizer);
    }

    /**
     * The loss and metrics of {@code model} on {@code data} (raw features: the model's stored
     * normalisation is applied), in evaluation mode.
     */
    public Evaluation evaluate(Sequential model, Dataset data) {
        if (model.backend() != backend) {
            model.to(backend);
        }
        checkData(model, data);
        return evaluate(model, lossFor(data), new BatchLoader(backend, scaled(model, data), batchSize));
    }

    private Evaluation evaluate(Sequential model, Loss loss, BatchLoader loader) {
        Dataset data = loader.dataset();
        int width = data.targetWidth();
        float[] outputs = new float[data.size() * width];
        loader.resetOrder();
        double sum = 0;
        for (int b = 0; b < loader.batches(); b++) {
            loader.load(b);
            Tensor out = model.forward(loader.features(), Mode.EVAL);
            sum += loss.forward(out, loader.targets()) * out.rows();
            backend.download(out, outputs, b * loader.batchSize() * width);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (data.task() == Task.CLASSIFICATION) {
            int[] predicted = Metrics.argmaxRows(outputs, width);
            int[] labels = new int[data.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = data.label(i);
            }
            metrics.put("accuracy", Metrics.accuracy(predicted, labels));
        } else {
            float[] targets = data.targetArray();
            metrics.put("mse", Metrics.mse(outputs, targets));
            metrics.put("mae", Metrics.mae(outputs, targets));
            metrics.put("r2", Metrics.r2(outputs, targets));
        }
        return new Evaluation(sum / data.size(), metrics, data.size());
    }

    private void prepare(Sequential model, Dataset train) {
        if (!model.isInitialized()) {
            model.initialize(seed + 1);
        }
        if (model.backend() != backend) {
            model.to(backend);
        }
        model.setInputGradientNeeded(false);
        checkData(model, train);
        if (standardize && model.metadata().normalization() == null) {
            model.metadata().setNormalization(Standardizer.fit(train));
        }
        if (model.metadata().task() == null) {
            model.metadata().setTask(train.task(), train.classNames());
        }
        if (model.metadata().featureNames().isEmpty() && !train.featureNames().isEmpty()) {
            model.metadata().setFeatureNames(train.featureNames());
        }
    }

    private static void checkData(Sequential model, Dataset data) {
        if (model.inputWidth() >= 0 && model.inputWidth() != data.featureCount()) {
            throw new IllegalArgumentException("the model takes " + model.inputWidth() + " input features but "
                    + data.name() + " has " + data.featureCount());
        }
        if (model.outputWidth() >= 0 && model.outputWidth() != data.targetWidth()) {
            throw new IllegalArgumentException("the model outputs " + model.outputWidth() + " values but "
                    + data.name() + " has " + data.targetWidth() + (data.task() == Task.CLASSIFICATION
                    ? " classes" : " targets") + " per sample; make the last Dense layer's output "
                    + data.targetWidth());
        }
    }

    private static Dataset scaled(Sequential model, Dataset data) {
        Standardizer s = model.metadata().normalization();
        return s == null ? data : s.transform(data);
    }

    /** The configured loss, or the default for the data's task. A new instance per run: losses own workspaces. */
    private Loss lossFor(Dataset data) {
        if (configuredLoss != null) {
            return configuredLoss;
        }
        return data.task() == Task.CLASSIFICATION ? Losses.softmaxCrossEntropy() : Losses.mse();
    }

    /** Configures a {@link Trainer}. Not thread-safe. */
    public static final class Builder {
        private final Backend backend;
        private Loss loss;
        private Optimizer optimizer;
        private int batchSize = 64;
        private int epochs = 10;
        private long seed;
        private double validationSplit = 0.1;
        private boolean standardizeTargets;
        private boolean standardize = true;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private final List<TrainingListener> listeners = new ArrayList<>();
        private int patience;
        private double minDelta;
        private Path checkpointPath;

        private Builder(Backend backend) {
            this.backend = backend;
        }

        /** The loss; default softmax cross-entropy for classification, MSE for regression. */
        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /** The optimizer; default Adam at 1e-3. */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** Samples per optimizer step (default 64). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Passes over the training data (default 10); early stopping may end sooner. */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** The seed of every random draw: validation split, weights, dropout, shuffling. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The fraction of the training data held out for validation by {@link Trainer#fit(Sequential, Dataset)}; 0 for none. */
        public Builder validationSplit(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("validation split must be in [0, 1), got " + fraction);
            }
            this.validationSplit = fraction;
            return this;
        }

        /**
         * Whether to train a regression model on standardised targets, (y − mean) / std from the
         * training data, and fold the scaling into the last Dense layer when {@code fit} returns, so
         * the model predicts raw units (default false; see {@link TargetScaler}). The losses in the
         * history are then in standardised units. The CLI turns it on: with targets such as
         * diabetes progression (25 to 346), Adam at its usual rate spends most of a short run just
         * moving the output bias without it.
         */
        public Builder standardizeTargets(boolean standardize) {
            this.standardizeTargets = standardize;
            return this;
        }

        /** Whether to fit a {@link Standardizer} on the training data when the model has none (default true). */
        public Builder standardize(boolean standardize) {
            this.standardize = standardize;
            return this;
        }

        /** The learning rate per epoch (default constant). */
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /** Adds a listener; listeners are called in the order added. */
        public Builder listener(TrainingListener listener) {
            this.listeners.add(listener);
            return this;
        }

        /**
         * Stops when the validation loss has not improved by more than {@code minDelta} for
         * {@code patience} epochs, and restores the best weights.
         */
        public Builder earlyStopping(int patience, double minDelta) {
            if (patience < 1) {
                throw new IllegalArgumentException("early-stopping patience must be at least 1, got " + patience);
            }
            this.patience = patience;
            this.minDelta = minDelta;
            return this;
        }

        /**
         * After every epoch, writes the whole training state to {@code file} (atomically: the
         * previous checkpoint stays intact until the new one is complete), for {@link Trainer#resume};
         * null for none (the default). See {@link Checkpoint}.
         */
        public Builder checkpoint(Path file) {
            this.checkpointPath = file;
            return this;
        }

        /** The trainer; the builder can be reused. */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
