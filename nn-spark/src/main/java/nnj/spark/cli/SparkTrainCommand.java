package nnj.spark.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import nnj.api.backend.Backend;
import nnj.api.backend.Backends;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import nnj.api.layers.Sequential;
import nnj.api.metrics.Metrics;
import nnj.api.optim.LearningRateSchedule;
import nnj.api.optim.Optimizers;
import nnj.api.train.Trainer;
import nnj.examples.data.DatasetResolver;
import nnj.spark.NetworkSpec;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nnj spark train}: the options of {@code nnj train} plus {@code --master}, trained
 * data-parallel on Spark ({@link NnjClassifier} / {@link NnjRegressor}) and scored on the test part.
 * {@code --mllib} also trains Spark's MultilayerPerceptronClassifier on the same cached split;
 * {@code --compare-local} also trains one-JVM nnj on the same data, in the same JVM.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a multi-layer perceptron on Apache Spark (an embedded local[*] Spark unless --master says"
                + " otherwise), data-parallel over the partitions, on the same data and split as `nnj train`.", ""})
final class SparkTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master: local[N], local[*] (embedded, the default) or spark://HOST:PORT.")
    String master;

    @Option(names = "--partitions", paramLabel = "P",
            description = "Data partitions, i.e. data-parallel workers (default: Spark's default parallelism).")
    Integer partitions;

    // average by default: on local[2] sync's one Spark job per step cost 12.8x one-JVM nnj on
    // Fashion-MNIST, average (K = 8) 2.0x at the same accuracy (docs/DISTRIBUTED.md)
    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "average",
            description = "average: --local-steps steps per partition, then the weights averaged; sync: the gradients "
                    + "of every global batch summed, as one machine computes them (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--local-steps", paramLabel = "K", defaultValue = "8",
            description = "Local steps per averaging round with --mode average (default: ${DEFAULT-VALUE}).")
    int localSteps;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = DatasetResolver.DEFAULT,
            description = "digits (default), iris, wine, breast-cancer, diabetes, sine, mnist, fashion-mnist, "
                    + "idx:DIR or csv:FILE.")
    String dataset;

    @Option(names = "--target", paramLabel = "COLUMN", description = "csv:FILE only: the target column.")
    String target;

    @Option(names = "--task", paramLabel = "TASK", description = "csv:FILE only: classification or regression.")
    Task task;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of every random draw (default: 42).")
    long seed;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Share held out for the test, for sets without their own test files (default: 0.2).")
    double testFraction;

    @Option(names = "--layers", paramLabel = "W1,W2,…", defaultValue = "128,64",
            description = "Hidden layer widths, or none (default: ${DEFAULT-VALUE}).")
    String layers;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "relu, leaky_relu, tanh or sigmoid (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--dropout", paramLabel = "RATE",
            description = "Dropout after each hidden layer (default: 0.1 for classification, 0 for regression).")
    Float dropout;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: as `nnj train` for the dataset).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
            description = "Global mini-batch size, split over the partitions (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.002", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "adam, adamw, sgd, momentum, nesterov or rmsprop (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--schedule", paramLabel = "NAME", defaultValue = "cosine",
            description = "constant or cosine (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "nnj backend on the executors and the driver (default: the usual rules on each JVM).")
    String backend;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Threads per task's backend (default: ${DEFAULT-VALUE}; Spark runs one task per core).")
    int threads;

    @Option(names = "--mllib", description = "Also train Spark's MultilayerPerceptronClassifier (l-bfgs, maxIter 100, "
            + "tol 1e-6, blockSize 128, the same layer widths and seed) on the same split, and report it side by side.")
    boolean mllib;

    @Option(names = "--compare-local", description = "Also train one-JVM nnj (no Spark) on the same data, epochs and "
            + "settings in this JVM, and report its time and accuracy.")
    boolean compareLocal;

    @Option(names = "--out", paramLabel = "FILE", description = "Save the trained model (.safetensors, as `nnj train --out`).")
    Path out;

    @Option(names = "--json", description = "Print only the final metrics, as one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        NetworkSpec.parseWidths(layers); // a typo fails before Spark starts
        Optimizers.named(optimizer, learningRate);
        DatasetResolver.Split split = DatasetResolver.resolve(dataset, new DatasetResolver.Options().seed(seed)
                .testFraction(testFraction).target(target).task(task));
        Dataset trainSet = split.train();
        Task kind = trainSet.task();
        if (mllib && kind != Task.CLASSIFICATION) {
            throw new IllegalArgumentException("--mllib compares with MultilayerPerceptronClassifier, a classifier; "
                    + dataset + " is a regression set");
        }
        int epochCount = epochs != null ? epochs : suggestedEpochs(dataset);
        float rate = dropout != null ? dropout : kind == Task.CLASSIFICATION ? 0.1f : 0f;

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
                stdout.printf(Locale.ROOT, "%s on Spark %s (%s, %d partitions, %s mode), %s lr %s %s, batch %d, %d epochs%n",
                        new NetworkSpec(trainSet.featureCount(), NetworkSpec.parseWidths(layers), activation, rate,
                                trainSet.targetWidth(), kind).describe(), spark.version(), master, parts, mode, optimizer,
                        learningRate, schedule, batchSize, epochCount);
                stdout.flush();
            }
            NnjEstimator<?, ?> estimator = kind == Task.CLASSIFICATION ? new NnjClassifier() : new NnjRegressor();
            configure(estimator, epochCount, rate);
            long start = System.nanoTime();
            Model<?> model = estimator.fit(train);
            double seconds = (System.nanoTime() - start) / 1e9;

            JsonObject o = new JsonObject();
            o.addProperty("backend", Backends.named(backend).name());
            o.addProperty("threads", threads);
            o.addProperty("dataset", dataset);
            o.addProperty("task", kind.name().toLowerCase(Locale.ROOT));
            o.addProperty("epochs", epochCount);
            o.addProperty("batch_size", batchSize);
            o.addProperty("optimizer", optimizer);
            o.addProperty("learning_rate", learningRate);
            o.addProperty("seed", seed);
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
                        .setSolver("l-bfgs").setMaxIter(100).setTol(1e-6).setBlockSize(128).setSeed(seed);
                long t0 = System.nanoTime();
                MultilayerPerceptronClassificationModel mm = mlp.fit(train);
                o.addProperty("mllib_seconds", (System.nanoTime() - t0) / 1e9);
                o.addProperty("mllib_test_accuracy", accuracy(mm.transform(test)));
            }
            if (compareLocal) {
                compareLocal(o, trainSet, split.test(), epochCount, rate);
            }
            if (out != null) {
                trained.save(out);
                o.addProperty("model", out.toString());
            }
            print(stdout, o);
            return 0;
        } finally {
            spark.stop();
        }
    }

    private void configure(NnjEstimator<?, ?> e, int epochCount, float rate) {
        e.setLayers(layers).setActivation(activation).setDropout(rate).setEpochs(epochCount).setBatchSize(batchSize)
                .setLearningRate(learningRate).setOptimizer(optimizer).setSchedule(schedule).setSeed(seed)
                .setMode(mode).setLocalSteps(localSteps).setThreads(threads).setBackend(backend == null ? "" : backend);
    }

    /** One-JVM nnj on the same training part: the Trainer, no validation hold-out, the same settings. */
    private void compareLocal(JsonObject o, Dataset train, Dataset test, int epochCount, float rate) {
        Backend b = Backends.named(backend);
        Sequential model = new NetworkSpec(train.featureCount(), NetworkSpec.parseWidths(layers), activation, rate,
                train.targetWidth(), train.task()).build();
        Trainer trainer = Trainer.on(b).optimizer(Optimizers.named(optimizer, learningRate)).batchSize(batchSize)
                .epochs(epochCount).seed(seed).validationSplit(0)
                .schedule(schedule.equalsIgnoreCase("constant") ? LearningRateSchedule.constant()
                        : LearningRateSchedule.cosine(epochCount, 0f)).build();
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

    private void print(PrintWriter stdout, JsonObject o) {
        if (json) {
            stdout.println(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o));
        } else {
            o.entrySet().forEach(e -> stdout.printf(Locale.ROOT, "%-20s %s%n", e.getKey(), e.getValue()));
        }
        stdout.flush();
    }

    /** As `nnj train` suggests per dataset. */
    private static int suggestedEpochs(String dataset) {
        switch (dataset.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "sine": return 300;
            case "iris": return 150;
            case "diabetes": return 20;
            case "mnist": case "fashion-mnist": return 10;
            default: return 40;
        }
    }
}
