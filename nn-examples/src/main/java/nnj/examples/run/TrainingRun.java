package nnj.examples.run;

import java.util.ArrayList;
import java.util.List;
import nnj.api.backend.Backend;
import nnj.api.data.Dataset;
import nnj.api.data.Splits;
import nnj.api.data.Standardizer;
import nnj.api.data.Task;
import nnj.api.layers.Sequential;
import nnj.api.metrics.Metrics;
import nnj.api.model.ModelFile;
import nnj.api.train.Checkpoint;
import nnj.api.train.Diagnostics;
import nnj.api.train.EpochResult;
import nnj.api.train.Evaluation;
import nnj.api.train.History;
import nnj.api.train.Trainer;
import nnj.api.train.TrainingListener;
import nnj.examples.cli.options.ModelOptions;
import nnj.examples.cli.options.TrainingOptions;

/**
 * One training run as the CLI does it, shared by {@code train}, {@code train --folds} and
 * {@code compare}: build the model from the options, hold out a validation part of the training
 * data (drawn from the seed), train (regression on standardised targets, see {@link nnj.api.train.TargetScaler}),
 * then score on the training and test parts.
 *
 * <p>Extension points for later options: {@link #listener} adds any {@link TrainingListener}
 * (progress bars, checkpoints, diagnostics), and {@link #customize} sees the trainer builder before
 * the trainer is built.
 */
public final class TrainingRun {
    private final Backend backend;
    private final ModelOptions modelOptions;
    private final TrainingOptions trainingOptions;
    private final long seed;
    private final int epochs;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final List<java.util.function.Consumer<Trainer.Builder>> customizers = new ArrayList<>();
    private boolean trackTrainAccuracy;
    private Checkpoint resumeFrom;
    private java.util.function.Consumer<String> diagnostics;
    private java.util.function.Consumer<Sequential> beforeTraining = m -> { };

    public TrainingRun(Backend backend, ModelOptions model, TrainingOptions training, long seed, int epochs) {
        this.backend = backend;
        this.modelOptions = model;
        this.trainingOptions = training;
        this.seed = seed;
        this.epochs = epochs;
    }

    public TrainingRun listener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    public TrainingRun customize(java.util.function.Consumer<Trainer.Builder> customizer) {
        customizers.add(customizer);
        return this;
    }

    /** Continue the run saved in {@code checkpoint} instead of building a new model (its architecture must match the options). */
    public TrainingRun resumeFrom(Checkpoint checkpoint) {
        this.resumeFrom = checkpoint;
        return this;
    }

    /** Report per-layer health to {@code out} every epoch, and stop with a hint when training blows up ({@link Diagnostics}). */
    public TrainingRun diagnose(java.util.function.Consumer<String> out) {
        this.diagnostics = out;
        return this;
    }

    /** Shows the model to {@code consumer} once it is built, before training starts (train prints its summary). */
    public TrainingRun beforeTraining(java.util.function.Consumer<Sequential> consumer) {
        this.beforeTraining = consumer;
        return this;
    }

    /** Also measure the accuracy on the training samples after every epoch (for the plot; costs a forward pass). */
    public TrainingRun trackTrainAccuracy(boolean track) {
        this.trackTrainAccuracy = track;
        return this;
    }

    /**
     * The outcome of a run.
     *
     * @param train          the scores on the samples trained on (the validation part excluded)
     * @param validationPart the held-out samples, or null with a validation fraction of 0
     * @param trainAccuracy per epoch, on the samples trained on (empty unless tracked)
     * @param seconds       the wall time of {@code fit}, validation included
     */
    public record Result(Sequential model, History history, double seconds, Evaluation train, Evaluation test,
                         Dataset trainingPart, Dataset validationPart, Dataset testPart, double[] trainAccuracy) {

        public Task task() {
            return testPart.task();
        }

        /** The model's outputs on the test part (raw units). */
        public float[] testPredictions() {
            return model.predict(testPart);
        }
    }

    /** The training part split for validation, or a refusal that names the options to change. */
    private Splits.Split validationSplit(Dataset train, double fraction) {
        try {
            return Splits.random(train, fraction, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + train.size() + " training samples are too few to hold out a "
                    + fraction + " validation part; use a smaller --test-fraction, more data or"
                    + " --validation-fraction 0", e);
        }
    }

    public Result fit(Dataset train, Dataset test) {
        double fraction = trainingOptions.validationFraction();
        Splits.Split held = fraction > 0 ? validationSplit(train, fraction) : null;
        Dataset fitPart = held == null ? train : held.first();
        Dataset validation = held == null ? null : held.second();
        modelOptions.requireFitsHeap(train, trainingOptions.batchSize()); // before any weight is allocated
        Sequential model = modelOptions.build(train);
        if (resumeFrom != null) {
            model = matchingModel(resumeFrom, model);
        } else if (modelOptions.convolutional()) {
            // images: one mean and std per channel (per pixel, a rarely lit pixel would get z ≈ 90)
            model.metadata().setNormalization(Standardizer.fitPerChannel(fitPart, modelOptions.imageShape(train)[0]));
        }
        Trainer.Builder builder = trainingOptions.builder(backend, seed, epochs);
        listeners.forEach(builder::listener);
        if (diagnostics != null) {
            builder.listener(new Diagnostics(model, fitPart, diagnostics));
        }
        TrainAccuracy accuracy = null;
        if (trackTrainAccuracy && train.task() == Task.CLASSIFICATION) {
            accuracy = new TrainAccuracy(model, fitPart);
            builder.listener(accuracy);
        }
        customizers.forEach(c -> c.accept(builder));
        builder.standardizeTargets(true); // regression trains on standardised targets (TargetScaler)
        Trainer trainer = builder.build();

        beforeTraining.accept(model);
        long start = System.nanoTime();
        History history = resumeFrom == null ? trainer.fit(model, fitPart, validation)
                : trainer.resume(resumeFrom, fitPart, validation);
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluation trainEval = trainer.evaluate(model, fitPart); // the samples trained on, not the held-out ones
        Evaluation testEval = trainer.evaluate(model, test);
        return new Result(model, history, seconds, trainEval, testEval, fitPart, validation, test,
                accuracy == null ? new double[0] : accuracy.values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The checkpoint's model, after checking that it is the one these options build. */
    private static Sequential matchingModel(Checkpoint checkpoint, Sequential built) {
        String want = ModelFile.metadata(built).get("architecture");
        String have = ModelFile.metadata(checkpoint.model()).get("architecture");
        if (!want.equals(have)) {
            throw new IllegalArgumentException("the checkpoint " + checkpoint.path() + " holds a different model ("
                    + have + ") from the one these options and data build (" + want + "); resume with the options of"
                    + " the checkpointed run");
        }
        return checkpoint.model();
    }

    /** Records the accuracy on the training samples (evaluation mode, no dropout) after each epoch. */
    private static final class TrainAccuracy implements TrainingListener {
        private final Sequential model;
        private final Dataset data;
        private final int[] labels;
        final List<Double> values = new ArrayList<>();

        TrainAccuracy(Sequential model, Dataset data) {
            this.model = model;
            this.data = data;
            this.labels = new int[data.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = data.label(i);
            }
        }

        @Override
        public void onEpochEnd(EpochResult result) {
            values.add(Metrics.accuracy(model.predictClasses(data), labels));
        }
    }
}
