package nnj.spark.cli;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import nnj.api.backend.Backend;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import nnj.api.layers.Sequential;
import nnj.api.metrics.Metrics;
import nnj.api.train.Trainer;
import nnj.examples.cli.options.BackendOptions;
import nnj.examples.cli.options.DatasetOptions;
import nnj.examples.cli.options.ModelOptions;
import nnj.examples.cli.options.OutputOptions;
import nnj.examples.cli.options.TrainingOptions;
import nnj.examples.data.DatasetResolver;
import nnj.examples.report.Json;
import nnj.spark.Mode;
import nnj.spark.NetworkSpec;
import nnj.spark.TrainingConfig;
import nnj.spark.data.SparkDatasets;
import nnj.spark.ml.NnjClassificationModel;
import nnj.spark.ml.NnjClassifier;
import nnj.spark.ml.NnjEstimator;
import nnj.spark.ml.NnjRegressionModel;
import nnj.spark.ml.NnjRegressor;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code nnj spark train}: the options of {@code nnj train} (the same option classes, help text and
 * checks) plus {@code --master} and the distribution settings, trained data-parallel on Spark
 * ({@link NnjClassifier} / {@link NnjRegressor}) and scored on the test part. {@code --mllib} also
 * trains Spark's MultilayerPerceptronClassifier on the same cached split; {@code --compare-local}
 * also trains one-JVM nnj on the same data, in the same JVM.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a multi-layer perceptron on Apache Spark (an embedded local[*] Spark unless --master says"
                + " otherwise), data-parallel over the partitions, on the same data and split as `nnj train`.",
            "It takes `nnj train`'s options; those for convolutional nets, weight initialisation, validation and"
                + " early stopping are refused. The model trains on all of the training part. --batch-size is the"
                + " global batch; --backend and --threads apply to each task's backend on the executors (default:"
                + " 1 thread a task, as Spark runs one task per core).", ""})
final class SparkTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions data = new DatasetOptions();

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Mixin
    TrainingOptions training = new TrainingOptions();

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Option(names = "--out", paramLabel = "FILE", description = "Save the trained model (.safetensors).")
    Path out;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master: local[N], local[*] (embedded, the default) or spark://HOST:PORT.")
    String master;

    @Option(names = "--partitions", paramLabel = "P",
            description = "Data partitions, i.e. data-parallel workers (default: Spark's default parallelism).")
    Integer partitions;

    // average by default: on local[2] sync's one Spark job per step cost 7-12x one-JVM nnj, average
    // a small multiple of it at the same accuracy (docs/DISTRIBUTED.md)
    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "average",
            description = "average: --local-steps steps per partition, then the weights averaged; sync: the gradients "
                    + "of every global batch summed, as one machine computes them (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--local-steps", paramLabel = "K",
            description = "Local steps per averaging round with --mode average (default: enough for about 1 GFLOP of "
                    + "work per partition and round, at least 8; a round may span epochs).")
    Integer localSteps;

    @Option(names = "--mllib", description = "Also train Spark's MultilayerPerceptronClassifier (l-bfgs, maxIter 100, "
            + "tol 1e-6, blockSize 128, the same layer widths and seed) on the same split, and report it side by side.")
    boolean mllib;

    @Option(names = "--compare-local", description = "Also train one-JVM nnj (no Spark) on the same data, epochs and "
            + "settings in this JVM, and report its time and accuracy.")
    boolean compareLocal;

    /** Options of `nnj train` that training on Spark does not do, refused with the reason. */
    private static final String[][] UNSUPPORTED = {
        {"--arch", "nnj spark trains multi-layer perceptrons only (--layers)"},
        {"--input-shape", "it applies to convolutional nets, which nnj spark does not train"},
        {"--init", "nnj spark uses each Dense layer's default initialisation"},
        {"--validation-fraction", "nnj spark trains on all of the training part and holds out no validation data"},
        {"--early-stopping", "it needs a validation part, which nnj spark does not hold out"},
    };

    private <T> T value(String option) {
        return spec.findOption(option).getValue();
    }

    private void refuseUnsupported() {
        ParseResult parsed = spec.commandLine().getParseResult();
        for (String[] u : UNSUPPORTED) {
            if (parsed.hasMatchedOption(u[0]) && !(u[0].equals("--arch") && !modelOptions.convolutional())) {
                throw new IllegalArgumentException(u[0] + " is not supported by nnj spark train: " + u[1]);
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        refuseUnsupported();
        modelOptions.validate(); // a typo fails before Spark starts or data is read
        training.validate();
        Mode.parse(mode);
        if (localSteps != null && localSteps < 1) {
            throw new IllegalArgumentException("--local-steps must be at least 1, got " + localSteps);
        }
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
        }
        Integer threadOption = value("--threads");
        int threads = threadOption == null ? 1 : BackendOptions.checkThreads(threadOption);
        String backendName = value("--backend");
        Backend driverBackend = backendOptions.backend(); // an unknown name fails here, listing the backends
        DatasetResolver.Split split = data.resolve();
        Dataset trainSet = split.train();
        Task kind = trainSet.task();
        if (mllib && kind != Task.CLASSIFICATION) {
            throw new IllegalArgumentException("--mllib compares with MultilayerPerceptronClassifier, a classifier; "
                    + data.dataset() + " is a regression set");
        }
        int epochCount = training.epochsFor(data.dataset());
        Float dropoutOption = value("--dropout");
        float rate = dropoutOption != null ? dropoutOption : kind == Task.CLASSIFICATION ? 0.1f : 0f;
        String layers = value("--layers");
        String activation = value("--activation");
        boolean json = output.json();

        SparkSession spark = SparkSession.builder().appName("nnj spark train").master(master)
                .config("spark.ui.showConsoleProgress", "false").getOrCreate();
        try {
            int parts = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
            org.apache.spark.sql.Dataset<Row> train = SparkDatasets.toDataFrame(spark, trainSet, parts).cache();
            org.apache.spark.sql.Dataset<Row> test = SparkDatasets.toDataFrame(spark, split.test(), parts).cache();
            train.count(); // cached before any clock starts, for nnj and MLlib alike
            test.count();
            if (!json) {
                stdout.println(split.description());
                stdout.printf(Locale.ROOT, "%s on Spark %s (%s, %d partitions, %s mode), %s%n",
                        new NetworkSpec(trainSet.featureCount(), NetworkSpec.parseWidths(layers), activation, rate,
                                trainSet.targetWidth(), kind).describe(), spark.version(), master, parts, mode,
                        training.describe(epochCount));
                stdout.flush();
            }
            NnjEstimator<?, ?> estimator = kind == Task.CLASSIFICATION ? new NnjClassifier() : new NnjRegressor();
            estimator.setLayers(layers).setActivation(activation).setDropout(rate).setEpochs(epochCount)
                    .setBatchSize(training.batchSize()).setLearningRate(training.learningRate())
                    .setOptimizer(training.optimizer()).setSchedule(training.schedule()).setSeed(data.seed())
                    .setMode(mode).setLocalSteps(localSteps == null ? TrainingConfig.AUTO : localSteps)
                    .setThreads(threads).setBackend(backendName == null ? "" : backendName);
            long start = System.nanoTime();
            Model<?> model = estimator.fit(train);
            double seconds = (System.nanoTime() - start) / 1e9;

            JsonObject o = training.jsonHead(driverBackend.name(), threads, data.dataset(), kind, epochCount, data.seed());
            o.addProperty("master", master);
            o.addProperty("workers", parts);
            o.addProperty("mode", mode);
            o.addProperty("steps", estimator.lastRun().steps()); // Spark jobs that moved weights
            o.addProperty("loop_seconds", estimator.lastRun().seconds()); // of `seconds`: the steps, data packed
            Sequential trained;
            if (model instanceof NnjClassificationModel m) {
                trained = m.toSequential();
                o.addProperty("parameters", trained.parameterCount());
                o.addProperty("seconds", seconds);
                addClassification(o, "", m.transform(train), m.transform(test));
            } else {
                NnjRegressionModel m = (NnjRegressionModel) model;
                trained = m.toSequential();
                o.addProperty("parameters", trained.parameterCount());
                o.addProperty("seconds", seconds);
                RegressionEvaluator ev = new RegressionEvaluator();
                org.apache.spark.sql.Dataset<Row> scored = m.transform(test);
                o.addProperty("train_loss", ev.setMetricName("mse").evaluate(m.transform(train)));
                o.addProperty("test_loss", ev.setMetricName("mse").evaluate(scored));
                o.addProperty("r2", ev.setMetricName("r2").evaluate(scored));
                o.addProperty("rmse", ev.setMetricName("rmse").evaluate(scored));
                o.addProperty("mae", ev.setMetricName("mae").evaluate(scored));
            }
            if (mllib) {
                int[] widths = NetworkSpec.parseWidths(layers);
                int[] all = new int[widths.length + 2];
                all[0] = trainSet.featureCount();
                System.arraycopy(widths, 0, all, 1, widths.length);
                all[all.length - 1] = trainSet.targetWidth();
                MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier().setLayers(all)
                        .setSolver("l-bfgs").setMaxIter(100).setTol(1e-6).setBlockSize(128).setSeed(data.seed());
                long t0 = System.nanoTime();
                MultilayerPerceptronClassificationModel mm = mlp.fit(train);
                o.addProperty("mllib_seconds", (System.nanoTime() - t0) / 1e9);
                o.addProperty("mllib_test_accuracy", accuracy(mm.transform(test)));
            }
            if (compareLocal) {
                compareLocal(o, driverBackend, trainSet, split.test(), epochCount, rate, layers, activation);
            }
            if (out != null) {
                data.record().save(trained, out);
                o.addProperty("model", out.toString());
            }
            print(stdout, o, json);
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** One-JVM nnj on the same training part: the Trainer, no validation hold-out, the same settings. */
    private void compareLocal(JsonObject o, Backend b, Dataset train, Dataset test, int epochCount, float rate,
                              String layers, String activation) {
        Sequential model = new NetworkSpec(train.featureCount(), NetworkSpec.parseWidths(layers), activation, rate,
                train.targetWidth(), train.task()).build();
        Trainer trainer = training.builder(b, data.seed(), epochCount).validationSplit(0)
                .standardizeTargets(true).build(); // as `nnj train` and the Spark trainer do for regression
        long t0 = System.nanoTime();
        trainer.fit(model, train, null);
        o.addProperty("local_seconds", (System.nanoTime() - t0) / 1e9);
        o.addProperty("local_threads", b.threads());
        if (train.task() == Task.CLASSIFICATION) {
            int[] labels = new int[test.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = test.label(i);
            }
            o.addProperty("local_test_accuracy", Metrics.accuracy(model.predictClasses(test), labels));
        } else {
            o.addProperty("local_test_loss", trainer.evaluate(model, test).loss());
        }
    }

    private static void addClassification(JsonObject o, String prefix, org.apache.spark.sql.Dataset<Row> train,
                                          org.apache.spark.sql.Dataset<Row> test) {
        o.addProperty(prefix + "train_loss", crossEntropy(train));
        o.addProperty(prefix + "test_loss", crossEntropy(test));
        o.addProperty(prefix + "train_accuracy", accuracy(train));
        o.addProperty(prefix + "test_accuracy", accuracy(test));
    }

    private static double accuracy(org.apache.spark.sql.Dataset<Row> scored) {
        return new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(scored);
    }

    /** The mean cross-entropy of the true class's probability (what nnj calls the loss). */
    private static double crossEntropy(org.apache.spark.sql.Dataset<Row> scored) {
        return new MulticlassClassificationEvaluator().setMetricName("logLoss").evaluate(scored);
    }

    private static void print(PrintWriter stdout, JsonObject o, boolean json) {
        if (json) {
            Json.print(stdout, o);
        } else {
            o.entrySet().forEach(e -> stdout.printf(Locale.ROOT, "%-20s %s%n", e.getKey(), e.getValue()));
            stdout.flush();
        }
    }
}
