package nnj.examples.cli.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nnj.api.Shape;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import nnj.api.init.Initializer;
import nnj.api.init.Initializers;
import nnj.api.layers.Dense;
import nnj.api.layers.Dropout;
import nnj.api.layers.Layer;
import nnj.api.layers.LeakyReLU;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.api.layers.Sigmoid;
import nnj.api.layers.Tanh;
import nnj.examples.run.ArchSpec;
import nnj.examples.run.NetworkFootprint;
import picocli.CommandLine.Option;

/**
 * The network's shape: {@code --arch}, {@code --layers}, {@code --activation}, {@code --dropout},
 * {@code --input-shape}. With {@code --arch mlp} (the default) a dense net of {@code --layers}; with
 * {@code --arch cnn} or a spec, a convolutional net ({@link ArchSpec}) on the samples' image shape. The input width
 * and the output width come from the data: one output per class (logits, for softmax
 * cross-entropy) or one linear output per regression target (for the mean squared error).
 */
public final class ModelOptions {
    static final String DEFAULT_LAYERS = "128,64";

    @Option(names = "--arch", paramLabel = "mlp|cnn|SPEC", defaultValue = "mlp",
            description = {"The network: mlp (dense layers of --layers), cnn (the preset " + ArchSpec.CNN_PRESET
                    + ") or a SPEC of comma-separated items: convF[kK][sS][pP|same|valid] (K×K conv to F channels,"
                    + " default k3 s1 same), poolP[sS] or maxpoolP, avgpoolP, gap (global average pool), bn,"
                    + " denseN, dropoutR, relu|leaky_relu|tanh|sigmoid. Conv and dense get --activation unless an"
                    + " activation item follows (after any bn); the output dense layer is added. No dropout unless"
                    + " --dropout (after hidden dense layers) or a dropout item. Example: conv16k5,bn,pool2,dense64"
                    + " (default: ${DEFAULT-VALUE})."})
    String arch;

    @Option(names = "--input-shape", paramLabel = "C,H,W",
            description = "The image shape of each sample for --arch cnn or a SPEC, when the data has none (a CSV);"
                    + " default: the dataset's (28×28 IDX images are 1,28,28).")
    String inputShape;

    @Option(names = "--layers", paramLabel = "W1,W2,…", defaultValue = DEFAULT_LAYERS,
            description = "Hidden layer widths, or none for a linear model (default: ${DEFAULT-VALUE}).")
    String layers;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "relu, leaky_relu, tanh or sigmoid (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--dropout", paramLabel = "RATE",
            description = "Dropout rate after each hidden layer (default: 0.1 for classification, 0 for regression,"
                    + " where it only adds noise to a smooth fit).")
    Float dropout;

    @Option(names = "--init", paramLabel = "NAME",
            description = "Weight initialisation of every Dense layer: he, xavier, lecun (Gaussian, variance 2/fan_in, "
                    + "2/(fan_in+fan_out), 1/fan_in), uniform (U(-1/sqrt(fan_in), 1/sqrt(fan_in)), PyTorch's Linear "
                    + "default) or uniform01 (U(0, 1), to see a bad start blow up with --diagnose). Default: uniform for "
                    + "regression; for classification he before ReLU, xavier elsewhere.")
    String init;

    /** Checks every option, so that a typo fails before any data is loaded. */
    public void validate() {
        hiddenWidths();
        initializer(init);
        if (convolutional()) {
            ArchSpec.parse(arch);
        }
        if (inputShape != null) {
            parseInputShape();
        }
        activationLayer(activation);
        if (dropout != null && !(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
        if (!convolutional()) { // the hidden layers alone, before the data says the input and output widths
            NetworkFootprint.require("of hidden layers " + layers.trim(), mlpParameters(1, 1), 0, 0);
        }
    }

    /**
     * Refuses, before any parameter exists, a network for {@code data} whose parameters and one
     * batch of activations cannot fit in the heap ({@link NetworkFootprint}), naming its size.
     */
    public void requireFitsHeap(Dataset data, int batchSize) {
        if (!convolutional()) {
            NetworkFootprint.require(describe(data), mlpParameters(data.featureCount(), data.targetWidth()),
                    mlpActivations(data.targetWidth(), data.task()), batchSize);
            return;
        }
        int[] chw = imageShape(data);
        String name = describe(data);
        float rate = dropout != null ? dropoutFor(data.task()) : 0f;
        // each conv and dense layer is checked before its weights are allocated, then the activations
        List<Layer> stack = ArchSpec.parse(arch).layers(chw[0], chw[1], chw[2], data.targetWidth(), activation, rate,
                parameters -> NetworkFootprint.require(name, parameters, 0, batchSize));
        long parameters = 0;
        long activations = 0;
        Shape shape = Shape.of(data.featureCount());
        for (Layer layer : stack) {
            shape = layer.outputShape(shape);
            activations += shape.size();
            for (nnj.api.layers.Parameter p : layer.parameters()) {
                parameters += p.shape().size();
            }
        }
        NetworkFootprint.require(name, parameters, activations, batchSize);
    }

    /** The MLP's weights and biases from {@code inputs} through the hidden widths to {@code outputs}, in long. */
    private long mlpParameters(int inputs, int outputs) {
        long total = 0;
        long width = inputs;
        for (int h : hiddenWidths()) {
            total = NetworkFootprint.saturatedSum(total, NetworkFootprint.times(width + 1, h));
            width = h;
        }
        return NetworkFootprint.saturatedSum(total, NetworkFootprint.times(width + 1, outputs));
    }

    /** The values the MLP's layers output per sample: each hidden Dense, its activation and any dropout, then the outputs. */
    private long mlpActivations(int outputs, Task task) {
        int perHidden = dropoutFor(task) > 0 ? 3 : 2;
        long total = outputs;
        for (int h : hiddenWidths()) {
            total += (long) perHidden * h;
        }
        return total;
    }

    /** The hidden widths from {@code --layers}, checked. */
    List<Integer> hiddenWidths() {
        return parseWidths(layers);
    }

    static List<Integer> parseWidths(String spec) {
        String s = spec == null ? "" : spec.trim();
        List<Integer> widths = new ArrayList<>();
        if (s.equalsIgnoreCase("none") || s.isEmpty()) {
            return widths;
        }
        for (String part : s.split(",", -1)) {
            int w;
            try {
                w = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                w = -1;
            }
            if (w < 1) {
                throw new IllegalArgumentException("--layers expects positive hidden widths separated by commas, such as "
                        + DEFAULT_LAYERS + " (or none for no hidden layer); '" + part.trim() + "' in '" + spec
                        + "' is not one");
            }
            widths.add(w);
        }
        return widths;
    }

    float dropoutFor(Task task) {
        float rate = dropout != null ? dropout : task == Task.CLASSIFICATION ? 0.1f : 0f;
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + rate);
        }
        return rate;
    }

    /** Whether {@code --arch} asks for a convolutional net (cnn or a spec) rather than the MLP. */
    public boolean convolutional() {
        return arch != null && !arch.trim().equalsIgnoreCase("mlp");
    }

    /**
     * The (C, H, W) shape of one sample of {@code data}: {@code --input-shape}, else the data's own
     * (H, W) as 1 channel, or (C, H, W). Flat samples without {@code --input-shape} are refused.
     */
    public int[] imageShape(Dataset data) {
        int[] shape = inputShape != null ? parseInputShape() : data.sampleShape();
        if (shape.length == 2) {
            shape = new int[] {1, shape[0], shape[1]};
        }
        if (shape.length != 3) {
            throw new IllegalArgumentException("--arch " + arch.trim() + " needs images, but " + data.name()
                    + " has flat samples of " + data.featureCount() + " features; give their shape with"
                    + " --input-shape C,H,W");
        }
        if ((long) shape[0] * shape[1] * shape[2] != data.featureCount()) {
            throw new IllegalArgumentException("--input-shape " + shape[0] + "," + shape[1] + "," + shape[2] + " holds "
                    + (long) shape[0] * shape[1] * shape[2] + " values, but " + data.name() + " has "
                    + data.featureCount() + " features per sample");
        }
        return shape;
    }

    private int[] parseInputShape() {
        String[] parts = inputShape.trim().split("[,x×]", -1);
        int[] shape = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                shape[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                shape[i] = -1;
            }
        }
        if (shape.length != 3 || shape[0] < 1 || shape[1] < 1 || shape[2] < 1) {
            throw new IllegalArgumentException("--input-shape expects three positive sizes C,H,W such as 1,28,28, got '"
                    + inputShape + "'");
        }
        return shape;
    }

    /** A new, uninitialised model for {@code data}: the MLP, or the convolutional net of {@code --arch}. */
    public Sequential build(Dataset data) {
        if (!convolutional()) {
            return build(data.featureCount(), data.targetWidth(), data.task());
        }
        int[] chw = imageShape(data);
        float rate = dropout != null ? dropoutFor(data.task()) : 0f;
        return Sequential.of(ArchSpec.parse(arch).layers(chw[0], chw[1], chw[2], data.targetWidth(), activation, rate));
    }

    /** One line such as {@code MLP 64-128-64-10 relu, dropout 0.1} or {@code CNN 1×28×28 conv32k3,…  → 10 relu}. */
    public String describe(Dataset data) {
        if (!convolutional()) {
            return describe(data.featureCount(), data.targetWidth(), data.task());
        }
        int[] chw = imageShape(data);
        String s = "CNN " + chw[0] + "×" + chw[1] + "×" + chw[2] + " " + ArchSpec.parse(arch).spec() + " → "
                + data.targetWidth() + " " + activation.toLowerCase(Locale.ROOT);
        return dropout != null && dropout > 0 ? s + ", dropout " + dropout : s;
    }

    /** A new, uninitialised model from {@code inputs} features to {@code outputs} values. */
    public Sequential build(int inputs, int outputs, Task task) {
        List<Integer> hidden = hiddenWidths();
        float rate = dropoutFor(task);
        activationLayer(activation); // check the name before anything is built
        List<Layer> stack = new ArrayList<>();
        int width = inputs;
        Initializer weights = initializerFor(task);
        for (int h : hidden) {
            stack.add(new Dense(width, h, true, weights));
            stack.add(activationLayer(activation));
            if (rate > 0) {
                stack.add(new Dropout(rate));
            }
            width = h;
        }
        stack.add(new Dense(width, outputs, true, weights)); // linear output: logits or regression values
        return Sequential.of(stack);
    }

    /** One line such as {@code 64-128-64-10 relu, dropout 0.1}. */
    public String describe(int inputs, int outputs, Task task) {
        StringBuilder sb = new StringBuilder("MLP ").append(inputs);
        for (int h : hiddenWidths()) {
            sb.append('-').append(h);
        }
        sb.append('-').append(outputs);
        if (!hiddenWidths().isEmpty()) {
            sb.append(' ').append(activation.toLowerCase(Locale.ROOT));
        }
        float rate = dropoutFor(task);
        if (rate > 0) {
            sb.append(", dropout ").append(rate);
        }
        Initializer weights = initializerFor(task);
        if (weights != null) {
            sb.append(", init ").append(weights.name());
        }
        return sb.toString();
    }

    /**
     * {@code --init}, else for regression U(±1/√fan_in), else null (each Dense layer's own default:
     * He before ReLU, Xavier elsewhere). Why regression differs: He's variance 2/fan_in starts a
     * shallow regression net as a steep random function of standardised inputs, and with a few
     * thousand noisy rows the fit keeps those kinks; on the synthetic set in docs/EXAMPLES.md the
     * test R² goes from 0.861 (He) to 0.906 (uniform), and diabetes and sine improve as well.
     */
    Initializer initializerFor(Task task) {
        if (init != null) {
            return initializer(init);
        }
        return task == Task.REGRESSION ? UNIFORM_FAN_IN : null;
    }

    /** The {@code --init} initialiser, or null for each layer's default. */
    static Initializer initializer(String name) {
        if (name == null) {
            return null;
        }
        switch (name.toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "he": case "he_normal": return Initializers.heNormal();
            case "xavier": case "xavier_normal": case "glorot": return Initializers.xavierNormal();
            case "lecun": case "lecun_normal": return Initializers.lecunNormal();
            case "uniform": return UNIFORM_FAN_IN;
            case "uniform01": return UNIFORM01;
            default:
                throw new IllegalArgumentException("unknown --init '" + name + "'; use he, xavier, lecun, uniform or uniform01");
        }
    }

    /** U(−a, a) with a = 1/√fan_in (variance 1/(3·fan_in)), as PyTorch's nn.Linear draws its weights. */
    private static final Initializer UNIFORM_FAN_IN = new Initializer() {
        @Override
        public void fill(float[] values, int fanIn, int fanOut, java.util.Random random) {
            double a = 1 / Math.sqrt(fanIn);
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (a * (2 * random.nextDouble() - 1));
            }
        }

        @Override
        public String name() {
            return "uniform";
        }
    };

    /** U(0, 1) whatever the fan-in: all weights positive, so activations grow layer after layer (see docs/MATH.md). */
    private static final Initializer UNIFORM01 = new Initializer() {
        @Override
        public void fill(float[] values, int fanIn, int fanOut, java.util.Random random) {
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextFloat();
            }
        }

        @Override
        public String name() {
            return "uniform01";
        }
    };

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
