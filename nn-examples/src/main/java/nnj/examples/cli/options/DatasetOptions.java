package nnj.examples.cli.options;

import java.util.Locale;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import nnj.examples.data.DatasetResolver;
import nnj.examples.run.TrainingRecord;
import picocli.CommandLine.Option;

/**
 * Which data, and how it is split: {@code --dataset}, {@code --target}, {@code --task},
 * {@code --noise}, {@code --seed} and {@code --test-fraction}. Shared by train, evaluate and compare.
 *
 * <p>Every field is null when not given, so that {@code evaluate} can take the values a model was
 * trained with from its file ({@link #fillFrom}) and the user can still override each one.
 */
public final class DatasetOptions {
    static final long DEFAULT_SEED = 42;
    static final double DEFAULT_TEST_FRACTION = 0.2;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "digits, iris, wine, breast-cancer, diabetes, sine, mnist, fashion-mnist, idx:DIR or "
                    + "csv:FILE (default: digits; for evaluate, the model's own, from its file).")
    String dataset;

    @Option(names = "--target", paramLabel = "COLUMN",
            description = "csv:FILE only: the target column, a header name or a 1-based number (default: the last).")
    String target;

    @Option(names = "--task", paramLabel = "TASK",
            description = "csv:FILE only: classification or regression (default: inferred from the target).")
    Task task;

    @Option(names = "--noise", paramLabel = "SIGMA",
            description = "sine only: the noise standard deviation (default: 0.1).")
    Double noise;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of every random draw: split, weights, shuffling, dropout (default: 42; for evaluate, "
                    + "the seed the model was trained with).")
    Long seed;

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "Share of the data held out for the test, for sets without their own test files "
                    + "(default: 0.2, for evaluate the model's; not with --test-dataset).")
    Double testFraction;

    @Option(names = "--test-dataset", paramLabel = "NAME",
            description = "Test on this dataset (same syntax as --dataset, e.g. csv:test.csv) and train on all of "
                    + "--dataset but its validation part (evaluate: score this dataset; default: the one the model "
                    + "was tested on). A CSV test file is read with --target and the training file's task.")
    String testDataset;

    /** The test set a model file records but that is not bundled: used only when the user names it. */
    private String recordedTestDataset;

    public String dataset() {
        return dataset == null || dataset.isBlank() ? DatasetResolver.DEFAULT : dataset.trim();
    }

    public long seed() {
        return seed == null ? DEFAULT_SEED : seed;
    }

    public double testFraction() {
        return testFraction == null ? DEFAULT_TEST_FRACTION : testFraction;
    }

    /** {@code --test-dataset}, or null when the test part is split off {@code --dataset}. */
    public String testDataset() {
        return testDataset == null || testDataset.isBlank() ? null : testDataset.trim();
    }

    /** Whether {@code --test-fraction} was given (it does not apply to cross-validation). */
    public boolean testFractionGiven() {
        return testFraction != null;
    }

    /**
     * For a {@code csv:} file, reads the target as {@code task} unless {@code --task} was given: so
     * that {@code evaluate} reads it the way the model sees it.
     */
    public void csvTaskDefault(Task modelTask) {
        if (task == null && dataset().toLowerCase(Locale.ROOT).startsWith("csv:")) {
            task = modelTask;
        }
    }

    /** The train and test parts, exactly as {@code train} draws them for these options. */
    public DatasetResolver.Split resolve() {
        if (testDataset() == null && recordedTestDataset != null) {
            throw new IllegalArgumentException("the model file says it was tested on "
                    + TrainingRecord.printable(recordedTestDataset) + "; evaluate reads only data you name: give it"
                    + " with --test-dataset, or score all of --dataset with --all");
        }
        if (testDataset() != null) {
            return DatasetResolver.resolve(dataset(), testDataset(), resolverOptions());
        }
        return DatasetResolver.resolve(dataset(), resolverOptions());
    }

    /** The whole set, for cross-validation. */
    public Dataset resolveUnsplit() {
        return DatasetResolver.resolveUnsplit(dataset(), resolverOptions());
    }

    DatasetResolver.Options resolverOptions() {
        if (noise != null && !isSine()) {
            throw new IllegalArgumentException("--noise applies to --dataset sine only, not " + dataset());
        }
        DatasetResolver.Options o = new DatasetResolver.Options().seed(seed()).target(target).task(task);
        if (testDataset() != null) {
            if (testFraction != null && testFraction != 0) {
                throw new IllegalArgumentException("--test-fraction " + testFraction + " splits a test part off --dataset,"
                        + " but --test-dataset " + testDataset() + " is the test data; leave one of them out");
            }
        } else if (testFraction != null && testFraction == 0) {
            throw new IllegalArgumentException("--test-fraction 0 leaves no test data; to train on all of --dataset,"
                    + " give the test data with --test-dataset");
        } else {
            o.testFraction(testFraction());
        }
        if (noise != null) {
            o.noise(noise);
        }
        return o;
    }

    private boolean isSine() {
        return "sine".equals(dataset().toLowerCase(Locale.ROOT));
    }

    /** The record of a run with these options (target and task only for csv:, noise only for sine). */
    public TrainingRecord record() {
        String name = dataset();
        boolean csv = name.toLowerCase(Locale.ROOT).startsWith("csv:");
        boolean sine = name.equalsIgnoreCase("sine");
        return new TrainingRecord(name, seed(), testDataset() != null ? 0 : testFraction(), csv ? target : null,
                csv ? task : null, sine ? noise : null, testDataset());
    }

    /**
     * Takes every option not given on the command line from the record of a training run. The
     * record's data is used only when it is a bundled set: a model file is not the user's word, so
     * a path (or a download) it names is read only when the user names it too.
     */
    public void fillFrom(TrainingRecord record) {
        if (record == null) {
            return;
        }
        boolean sameData = dataset == null || dataset.trim().equals(record.dataset());
        if (dataset == null) {
            if (!DatasetResolver.isBundled(record.dataset())) {
                throw new IllegalArgumentException("the model file says it was trained on "
                        + TrainingRecord.printable(record.dataset()) + "; evaluate reads only data you name:"
                        + " give it with --dataset (a bundled set is the only one taken from the model file)");
            }
            dataset = record.dataset();
        }
        if (seed == null) {
            seed = record.seed();
        }
        if (testDataset == null && testFraction == null && sameData && record.testDataset() != null) {
            if (DatasetResolver.isBundled(record.testDataset())) {
                testDataset = record.testDataset();
            } else {
                recordedTestDataset = record.testDataset(); // refused by resolve() unless --all scores --dataset
            }
        }
        if (testFraction == null && testDataset() == null && record.testDataset() == null) {
            testFraction = record.testFraction();
        }
        if (sameData) { // the target, task and noise belong to the recorded dataset only
            if (target == null) {
                target = record.target();
            }
            if (task == null) {
                task = record.task();
            }
            if (noise == null && isSine()) {
                noise = record.noise();
            }
        }
    }
}
