package nnj.examples.cli.options;

import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.Map;
import nnj.api.backend.Backend;
import nnj.api.data.Task;
import nnj.api.optim.LearningRateSchedule;
import nnj.api.optim.Optimizers;
import nnj.api.train.Trainer;
import picocli.CommandLine.Option;

/** How to train: epochs, batch size, optimizer, learning rate and its schedule. */
public final class TrainingOptions {
    /** The default share of the training part held out for validation, drawn from the seed (the trainer's default). */
    public static final double VALIDATION_FRACTION = 0.1;

    @Option(names = "--validation-fraction", paramLabel = "F",
            description = "Share of the training data held out to validate after each epoch; 0 trains on all of it "
                    + "(default: 0.1; with --test-dataset 0, unless --early-stopping needs a validation part).")
    Double validationFraction;

    /** Whether the test data is a dataset of its own ({@code --test-dataset}); see {@link #validationFraction()}. */
    private boolean separateTestData;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE",
            description = "Stop when the validation loss has not improved for PATIENCE epochs, and keep the best "
                    + "epoch's weights (needs a validation part).")
    Integer patience;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs (default: 40; for small or large bundled sets what suits them: sine 300, iris 150, "
                    + "diabetes 20, mnist and fashion-mnist 10).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.002",
            description = "Learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "adam, adamw, sgd, momentum, nesterov or rmsprop (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--schedule", paramLabel = "NAME", defaultValue = "cosine",
            description = "Learning-rate schedule: constant or cosine (default: ${DEFAULT-VALUE}).")
    String schedule;

    /**
     * {@code --validation-fraction}, or its default: {@value #VALIDATION_FRACTION}, but 0 when the test data is a
     * dataset of its own and no {@code --early-stopping} asks for a validation part. A user with separate train
     * and test files trains on the whole train file, as in Keras ({@code validation_split=0}) or a PyTorch loop;
     * a validation part that only draws a curve would cost a tenth of the training rows (scikit-learn's
     * MLP likewise holds one out only for early stopping).
     */
    public double validationFraction() {
        if (validationFraction != null) {
            return validationFraction;
        }
        return separateTestData && patience == null ? 0 : VALIDATION_FRACTION;
    }

    /**
     * Tells these options whether the test data is a dataset of its own ({@code --test-dataset}), which changes
     * the default validation part.
     */
    public TrainingOptions separateTestData(boolean separate) {
        this.separateTestData = separate;
        return this;
    }

    /** {@code --early-stopping}, or 0 for none. */
    public int patience() {
        return patience == null ? 0 : patience;
    }

    /** {@code --batch-size}. */
    public int batchSize() {
        return batchSize;
    }

    /** {@code --optimizer}, as given. */
    public String optimizer() {
        return optimizer;
    }

    /** {@code --lr}. */
    public float learningRate() {
        return learningRate;
    }

    /** {@code --schedule}, as given. */
    public String schedule() {
        return schedule;
    }

    /** The default epoch count per {@code --dataset} value; anything not listed gets {@value #DEFAULT_EPOCHS}. */
    static final int DEFAULT_EPOCHS = 40;
    private static final Map<String, Integer> SUGGESTED_EPOCHS = Map.of(
            // 1,000 points and 12 steps an epoch: a ReLU net needs a few thousand steps for two sine periods
            "sine", 300,
            // 120 training samples are 2 steps an epoch
            "iris", 150,
            // 442 noisy samples: the test R² falls after about 20 epochs as the network starts to overfit
            "diabetes", 20,
            // 844 steps an epoch; 10 epochs reach the accuracy the README quotes
            "mnist", 10,
            "fashion-mnist", 10);

    /** {@code --epochs} if given, else the suggestion for {@code dataset}. */
    public int epochsFor(String dataset) {
        if (epochs != null) {
            return epochs;
        }
        return SUGGESTED_EPOCHS.getOrDefault(dataset.toLowerCase(Locale.ROOT).replace('_', '-'), DEFAULT_EPOCHS);
    }

    /** Checks every option, so that a typo fails before any data is loaded. */
    public void validate() {
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be a positive number, got " + learningRate);
        }
        if (epochs != null && epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
        }
        double v = validationFraction();
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException("--validation-fraction must be in [0, 1), got " + v);
        }
        if (patience != null && patience < 1) {
            throw new IllegalArgumentException("--early-stopping needs a patience of at least 1 epoch, got " + patience);
        }
        if (patience != null && v == 0) {
            throw new IllegalArgumentException("--early-stopping watches the validation loss, but --validation-fraction 0"
                    + " leaves no validation part; give a fraction such as 0.1");
        }
        Optimizers.named(optimizer, learningRate);
        schedule(schedule, 1);
    }

    /** A trainer builder with these settings for {@code epochs} epochs (and no listeners yet). */
    public Trainer.Builder builder(Backend backend, long seed, int epochs) {
        validate();
        Trainer.Builder b = Trainer.on(backend)
                .optimizer(Optimizers.named(optimizer, learningRate))
                .batchSize(batchSize)
                .epochs(epochs)
                .seed(seed)
                .validationSplit(validationFraction())
                .schedule(schedule(schedule, epochs));
        if (patience() > 0) {
            b.earlyStopping(patience(), 0);
        }
        return b;
    }

    static LearningRateSchedule schedule(String name, int epochs) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "constant": return LearningRateSchedule.constant();
            case "cosine": return LearningRateSchedule.cosine(epochs, 0f);
            default: throw new IllegalArgumentException("unknown schedule '" + name + "'; use constant or cosine");
        }
    }

    /**
     * The fields that open a training run's {@code --json} ({@code nnj train}, {@code nnj spark
     * train}), in this order: what ran where, on which data, and how.
     */
    public JsonObject jsonHead(String backend, int threads, String dataset, Task task, int epochs, long seed) {
        JsonObject o = new JsonObject();
        o.addProperty("backend", backend);
        o.addProperty("threads", threads);
        o.addProperty("dataset", dataset);
        o.addProperty("task", task.name().toLowerCase(Locale.ROOT));
        o.addProperty("epochs", epochs);
        o.addProperty("batch_size", batchSize);
        o.addProperty("optimizer", optimizer);
        o.addProperty("learning_rate", learningRate);
        o.addProperty("seed", seed);
        return o;
    }

    /** One line such as {@code adam lr 0.002 cosine, batch 64, 40 epochs}. */
    public String describe(int epochs) {
        return optimizer + " lr " + learningRate + " " + schedule + ", batch " + batchSize + ", " + epochs + " epochs"
                + (patience() > 0 ? " (early stopping after " + patience() + " without improvement)" : "");
    }
}
