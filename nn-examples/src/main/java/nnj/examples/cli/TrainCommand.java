package nnj.examples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nnj.api.backend.Backend;
import nnj.api.backend.Backends;
import nnj.api.data.Dataset;
import nnj.api.layers.Dense;
import nnj.api.layers.Dropout;
import nnj.api.layers.Layer;
import nnj.api.layers.LeakyReLU;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.api.layers.Sigmoid;
import nnj.api.layers.Tanh;
import nnj.api.optim.LearningRateSchedule;
import nnj.api.optim.Optimizers;
import nnj.api.train.Evaluation;
import nnj.api.train.History;
import nnj.api.train.Trainer;
import nnj.examples.data.DatasetResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nnj train}: trains an MLP on a bundled dataset (handwritten digits by default) and prints
 * the train and test loss and accuracy.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a multi-layer perceptron, by default on the bundled handwritten digits (8x8, 1,797 samples).",
            "The data is split at random (from the seed, stratified by class) into train and test; features are",
            "standardised on the train part; 10% of train is held out for validation. Classification uses softmax",
            "cross-entropy, regression the mean squared error."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Compute backend (default: -Dnnj.backend, NNJ_BACKEND, else the best available).")
    String backend;

    @Option(names = "--dataset", defaultValue = DatasetResolver.DEFAULT, paramLabel = "NAME",
            description = "digits, iris, wine, breast-cancer, diabetes, sine, mnist, fashion-mnist, idx:DIR or "
                    + "csv:FILE (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--epochs", defaultValue = "40", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.002", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--optimizer", defaultValue = "adam",
            description = "adam, adamw, sgd, momentum, nesterov or rmsprop (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--layers", defaultValue = "128,64", split = ",",
            description = "Hidden layer widths (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--activation", defaultValue = "relu",
            description = "relu, leaky_relu, tanh or sigmoid (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--dropout", defaultValue = "0.1", description = "Dropout rate after each hidden layer (default: ${DEFAULT-VALUE}).")
    float dropout;

    @Option(names = "--schedule", defaultValue = "cosine",
            description = "Learning-rate schedule: constant or cosine (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.2",
            description = "Fraction of the data held out for the test (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--threads", description = "Threads the backend may use (default: the backend's own).")
    Integer threads;

    @Option(names = "--out", paramLabel = "FILE", description = "Save the trained model (.safetensors).")
    Path out;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--json", description = "Print only the final metrics, as one JSON object on stdout.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        Backend b = Backends.named(backend);
        if (threads != null) {
            b.setThreads(threads);
        }
        DatasetResolver.Split split = DatasetResolver.resolve(dataset,
                new DatasetResolver.Options().seed(seed).testFraction(testFraction));
        Dataset train = split.train();
        Dataset test = split.test();
        Sequential model = Sequential.of(buildLayers(train.featureCount(), train.targetWidth()));

        Trainer.Builder builder = Trainer.on(b)
                .optimizer(Optimizers.named(optimizer, learningRate))
                .batchSize(batchSize)
                .epochs(epochs)
                .seed(seed)
                .schedule(schedule(schedule, epochs));
        if (!quiet && !json && Terminal.isInteractive()) {
            builder.listener(new ProgressListener());
        }
        Trainer trainer = builder.build();
        long start = System.nanoTime();
        History history = trainer.fit(model, train);
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluation trainEval = trainer.evaluate(model, train);
        Evaluation testEval = trainer.evaluate(model, test);
        if (out != null) {
            model.save(out);
        }
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("backend", b.name());
            o.addProperty("threads", b.threads());
            o.addProperty("dataset", train.name());
            o.addProperty("epochs", history.epochs().size());
            o.addProperty("batch_size", batchSize);
            o.addProperty("optimizer", optimizer);
            o.addProperty("learning_rate", learningRate);
            o.addProperty("seed", seed);
            o.addProperty("seconds", seconds);
            o.addProperty("train_loss", trainEval.loss());
            o.addProperty("test_loss", testEval.loss());
            for (String metric : testEval.metrics().keySet()) {
                o.addProperty("train_" + metric, trainEval.metric(metric));
                o.addProperty("test_" + metric, testEval.metric(metric));
            }
            stdout.println(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o));
        } else {
            stdout.println(split.description());
            stdout.printf(Locale.ROOT, "on %s (%d threads): %s, %d parameters%n", b.name(), b.threads(),
                    describe(), model.parameterCount());
            stdout.printf(Locale.ROOT, "trained %d epochs in %.2f s (%d train, %d validation, %d test samples)%n",
                    history.epochs().size(), seconds, train.size() - Math.round(train.size() * 0.1),
                    Math.round(train.size() * 0.1), test.size());
            stdout.println("train  " + describe(trainEval));
            stdout.println("test   " + describe(testEval));
            if (out != null) {
                stdout.println("saved the model to " + out);
            }
        }
        stdout.flush();
        return 0;
    }

    private static String describe(Evaluation e) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "loss %.4f", e.loss()));
        e.metrics().forEach((name, value) -> sb.append(String.format(Locale.ROOT, "  %s %.4f", name, value)));
        return sb.toString();
    }

    private String describe() {
        StringBuilder sb = new StringBuilder("MLP ");
        for (int h : hidden) {
            sb.append(h).append('-');
        }
        return sb.append("out, ").append(activation).append(dropout > 0 ? ", dropout " + dropout : "")
                .append(", ").append(optimizer).append(" lr ")
                .append(learningRate).append(", batch ").append(batchSize).toString();
    }

    static LearningRateSchedule schedule(String name, int epochs) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "constant": return LearningRateSchedule.constant();
            case "cosine": return LearningRateSchedule.cosine(epochs, 0f);
            default: throw new IllegalArgumentException("unknown schedule '" + name + "'; use constant or cosine");
        }
    }

    private List<Layer> buildLayers(int inputs, int outputs) {
        List<Layer> layers = new ArrayList<>();
        int width = inputs;
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("--layers widths must be positive, got " + hidden);
            }
            layers.add(new Dense(width, h));
            layers.add(activationLayer(activation));
            if (dropout > 0) {
                layers.add(new Dropout(dropout));
            }
            width = h;
        }
        layers.add(new Dense(width, outputs));
        return layers;
    }

    static Layer activationLayer(String name) {
        switch (name.toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "relu": return new ReLU();
            case "leaky_relu": case "leakyrelu": return new LeakyReLU();
            case "tanh": return new Tanh();
            case "sigmoid": return new Sigmoid();
            default:
                throw new IllegalArgumentException("unknown activation '" + name
                        + "'; use relu, leaky_relu, tanh or sigmoid");
        }
    }
}
