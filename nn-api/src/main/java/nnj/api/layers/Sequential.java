package nnj.api.layers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.backend.Backends;
import nnj.api.data.Dataset;
import nnj.api.init.Initializers;
import nnj.api.model.ModelFile;
import nnj.api.model.ModelMetadata;
import nnj.api.model.ModelSummary;
import nnj.api.model.Predictor;

/**
 * A stack of layers applied in order; itself a {@link Layer}.
 *
 * <p>Lifecycle: {@link #of} builds the model and checks that the widths fit;
 * {@link #initialize(long)} draws the weights on the host from a seed (a {@code Trainer} does it
 * with its seed when the model is not initialised yet); {@link #to(Backend)} copies them to a
 * backend and can be called again to move the model.
 *
 * <p>When a {@link Dense} layer is directly followed by ReLU, sigmoid or tanh, the activation is
 * fused into the dense layer's forward pass ({@link Backend#denseForward}); results are the same,
 * and a fast backend saves a pass over memory. {@link #setFusion(boolean)} turns this off.
 *
 * <p>A model carries {@link ModelMetadata}: the scaling its inputs were standardised with and the
 * task and class names it was trained for. {@link #predict} (a façade over {@link Predictor})
 * applies the scaling, and {@link #save} and {@link #load} (façades over {@link ModelFile}) store
 * and read all of it.
 *
 * <p>Not thread-safe, like every {@link Layer}; predictions from several threads need one model each.
 */
public final class Sequential implements Layer {
    private final Layer[] layers;
    private final List<Parameter> parameters;
    private final List<Parameter> buffers;
    private final int inputWidth;
    private final int outputWidth;
    private Layer[] plan;
    private boolean fusion = true;
    private boolean inputGradientNeeded;
    private boolean initialized;
    private Backend backend;
    private final ModelMetadata metadata;

    private Sequential(Layer[] layers) {
        if (layers.length == 0) {
            throw new IllegalArgumentException("a Sequential model needs at least one layer");
        }
        this.layers = layers;
        this.inputWidth = firstDenseInput(layers);
        this.outputWidth = checkWidths(layers, inputWidth);
        List<Parameter> all = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            for (Parameter p : layers[i].parameters()) {
                p.qualify("layers." + i + ".");
                all.add(p);
            }
        }
        this.parameters = Collections.unmodifiableList(all);
        List<Parameter> state = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            for (Parameter p : layers[i].buffers()) {
                p.qualify("layers." + i + ".");
                state.add(p);
            }
        }
        this.buffers = Collections.unmodifiableList(state);
        this.plan = layers.clone();
        this.metadata = new ModelMetadata(inputWidth);
    }

    /** A model of these layers, in order. */
    public static Sequential of(Layer... layers) {
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] == null) {
                throw new IllegalArgumentException("layer " + i + " of the model is null");
            }
        }
        return new Sequential(layers.clone());
    }

    /** A model of these layers, in order. */
    public static Sequential of(List<? extends Layer> layers) {
        return of(layers.toArray(new Layer[0]));
    }

    private static int firstDenseInput(Layer[] layers) {
        for (Layer l : layers) {
            if (l instanceof nnj.api.layers.conv.Unflatten) { // flat rows viewed as images: C·H·W features
                return ((nnj.api.layers.conv.Unflatten) l).features();
            }
            if (l.outputWidthUnknown()) { // an image layer: the width depends on the image size
                return -1;
            }
            if (l instanceof Dense) {
                return ((Dense) l).inputs();
            }
            if (l instanceof Sequential) {
                return ((Sequential) l).inputWidth();
            }
        }
        return -1;
    }

    private static int checkWidths(Layer[] layers, int width) {
        if (width < 0) {
            return -1;
        }
        if (java.util.Arrays.stream(layers).anyMatch(Layer::outputWidthUnknown)) {
            // image layers know their width only from the full shape: follow it from the flat input
            Shape shape = Shape.of(width);
            for (int i = 0; i < layers.length; i++) {
                try {
                    shape = layers[i].outputShape(shape);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("layer " + i + " " + e.getMessage(), e);
                }
            }
            return shape.size();
        }
        for (int i = 0; i < layers.length; i++) {
            try {
                width = layers[i].outputWidth(width);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + i + " " + e.getMessage(), e);
            }
        }
        return width;
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return List.of(layers);
    }

    /** Input features per sample, or −1 when no layer fixes it. */
    public int inputWidth() {
        return inputWidth;
    }

    /** Output features per sample, or −1 when no layer fixes it. */
    public int outputWidth() {
        return outputWidth;
    }

    @Override
    public String type() {
        return "Sequential";
    }

    @Override
    public int outputWidth(int width) {
        return checkWidths(layers, width);
    }

    /** All parameters, named {@code layers.i.weight} and so on. */
    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Non-trained state saved with the model (BatchNorm's running statistics), named like the parameters. */
    @Override
    public List<Parameter> buffers() {
        return buffers;
    }

    /**
     * Checks the shapes layer by layer for one input sample of {@code input} (without the batch
     * dimension, e.g. {@code (1, 28, 28)} for a grey image) and returns the output sample's shape.
     *
     * @throws IllegalArgumentException naming the first layer (index and type) that does not fit
     */
    @Override
    public Shape outputShape(Shape input) {
        Shape shape = input;
        for (int i = 0; i < layers.length; i++) {
            try {
                shape = layers[i].outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + i + " (" + layers[i].type() + ") gets " + shape + ": "
                        + e.getMessage(), e);
            }
        }
        return shape;
    }

    /** The number of trainable values. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.shape().size();
        }
        return n;
    }

    // ----------------------------------------------------------------------------- lifecycle

    /** Draws every layer's initial weights from {@code seed} on the host. */
    public Sequential initialize(long seed) {
        initialize(new Random(seed));
        return this;
    }

    @Override
    public void initialize(Random random) {
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] instanceof ActivationFusable) {
                ((ActivationFusable) layers[i]).setDefaultInitializer(Initializers.forActivation(nextActivationType(i)));
            }
            layers[i].initialize(random);
        }
        initialized = true;
    }

    /** The type of the first layer after {@code i} that is not Dropout or Flatten, or null. */
    private String nextActivationType(int i) {
        for (int j = i + 1; j < layers.length; j++) {
            if (!(layers[j] instanceof Dropout) && !(layers[j] instanceof Flatten)) {
                return layers[j].type();
            }
        }
        return null;
    }

    /** Whether the weights were initialised (or loaded). */
    public boolean isInitialized() {
        return initialized;
    }

    /** Marks the weights as set (after loading them from a file). */
    void markInitialized() {
        initialized = true;
    }

    /** Moves the model to {@code backend}, initialising it with seed 0 first if it never was. */
    @Override
    public void to(Backend backend) {
        if (!initialized) {
            initialize(0L);
        }
        for (Layer l : layers) {
            l.to(backend);
        }
        this.backend = backend;
        plan();
    }

    /** Fluent {@link #to(Backend)}. */
    public Sequential on(Backend backend) {
        to(backend);
        return this;
    }

    /** The backend the model is on, or null. */
    public Backend backend() {
        return backend;
    }

    /** Turns the fusing of dense layers with their activation on or off (on by default). */
    public Sequential setFusion(boolean enabled) {
        this.fusion = enabled;
        plan();
        return this;
    }

    /** Builds the execution plan: which layers run, with activations fused into dense layers. */
    private void plan() {
        List<Layer> run = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            Layer l = layers[i];
            if (l instanceof ActivationFusable) {
                ActivationFusable d = (ActivationFusable) l;
                d.fuse(nnj.api.backend.Activation.IDENTITY);
                if (fusion && i + 1 < layers.length && layers[i + 1] instanceof ActivationLayer) {
                    d.fuse(((ActivationLayer) layers[i + 1]).activation());
                    run.add(d);
                    i++;
                    continue;
                }
            }
            run.add(l);
        }
        plan = run.toArray(new Layer[0]);
        setInputGradientNeeded(inputGradientNeeded);
    }

    /**
     * A layer needs its input gradient when a layer below it has parameters, or when the model's
     * own input gradient is wanted (as in a gradient check). The first layer of a model being
     * trained computes none.
     */
    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
        boolean below = needed;
        for (Layer l : plan) {
            l.setInputGradientNeeded(below);
            if (!l.parameters().isEmpty()) {
                below = true;
            }
        }
    }

    @Override
    public void resetNoise(long seed) {
        for (int i = 0; i < layers.length; i++) {
            layers[i].resetNoise(seed + 1_000_003L * i);
        }
    }

    // ------------------------------------------------------------------------ forward, backward

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        if (backend == null) {
            throw new IllegalStateException("the model is not on a backend yet; call model.to(backend) first");
        }
        Tensor x = input;
        Layer[] p = plan;
        for (int i = 0; i < p.length; i++) {
            try {
                x = p[i].forward(x, mode);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + indexOf(p[i]) + " " + e.getMessage(), e);
            }
        }
        return x;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        Tensor g = gradOutput;
        Layer[] p = plan;
        for (int i = p.length - 1; i >= 0 && g != null; i--) {
            g = p[i].backward(g);
        }
        return g;
    }

    /** Sees the output of each step of a {@link #trace}d forward pass; called on the thread that runs the trace. */
    @FunctionalInterface
    public interface LayerOutputObserver {
        /**
         * @param first  the index (in {@link #layers()}) of the step's first layer
         * @param last   the index of its last layer: first + 1 for a dense layer fused with its activation
         * @param output the step's output (owned by the layer; read it, do not keep it)
         */
        void accept(int first, int last, Tensor output);
    }

    /**
     * Runs the forward pass like {@link #forward} and shows each step's output to {@code observer},
     * for diagnostics (activation statistics). Not part of the allocation-free training step.
     */
    public Tensor trace(Tensor input, Mode mode, LayerOutputObserver observer) {
        if (backend == null) {
            throw new IllegalStateException("the model is not on a backend yet; call model.to(backend) first");
        }
        Tensor x = input;
        Layer[] p = plan;
        for (int i = 0; i < p.length; i++) {
            x = p[i].forward(x, mode);
            int first = indexOf(p[i]);
            int last = (i + 1 < p.length ? indexOf(p[i + 1]) : layers.length) - 1;
            observer.accept(first, last, x);
        }
        return x;
    }

    private int indexOf(Layer l) {
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] == l) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ metadata and prediction

    /** The input scaling, task and class names the model was trained with ({@link ModelMetadata}). */
    public ModelMetadata metadata() {
        return metadata;
    }

    /**
     * The model's outputs for {@code rows} raw samples (row-major, {@link #inputWidth()} floats each):
     * the stored normalisation is applied, then the model runs in evaluation mode in batches.
     * Returns rows × {@link #outputWidth()} floats. See {@link Predictor}.
     */
    public float[] predict(float[] features, int rows) {
        return Predictor.predict(this, features, rows);
    }

    /** The model's outputs for every sample of {@code data} (raw features; normalisation applied). */
    public float[] predict(Dataset data) {
        return Predictor.predict(this, data);
    }

    /** The most likely class of every sample of {@code data}: the arg-max of the outputs. */
    public int[] predictClasses(Dataset data) {
        return Predictor.predictClasses(this, data);
    }

    // ----------------------------------------------------------------------------- model files

    /** Writes the model as one {@code .safetensors} file (atomically); see {@link ModelFile}. */
    public void save(Path path) throws IOException {
        ModelFile.save(this, path);
    }

    /**
     * Reads a model written by {@link #save}, ready to predict on the default backend
     * ({@link Backends#best()}): {@code Sequential.load(path).predict(x, rows)}.
     */
    public static Sequential load(Path path) throws IOException {
        return loadOnHost(path).on(Backends.best());
    }

    /** Reads a model and moves it to {@code backend}. */
    public static Sequential load(Path path, Backend backend) throws IOException {
        return loadOnHost(path).on(backend);
    }

    /**
     * Reads a model and moves it to the backend with this name ({@link Backends#named}).
     *
     * @throws nnj.api.backend.BackendSelectionException if no such backend can run here, listing them all
     */
    public static Sequential load(Path path, String backendName) throws IOException {
        return loadOnHost(path).on(Backends.named(backendName));
    }

    /**
     * Reads a model without moving it to a backend, for code that only inspects it or moves it
     * itself (a checkpoint's trainer does). Its weights are set: {@link #to} will not re-initialise it.
     */
    public static Sequential loadOnHost(Path path) throws IOException {
        Sequential model = ModelFile.load(path);
        model.markInitialized();
        return model;
    }

    /**
     * Class probabilities of a classifier for {@code rows} raw samples: rows × classes floats, rows
     * summing to 1 (a softmax over the logits). See {@link Predictor#predictProbabilities}.
     */
    public float[] predictProbabilities(float[] features, int rows) {
        return Predictor.predictProbabilities(this, features, rows);
    }

    /**
     * A table of the layers: index, type, output shape per sample and parameter count, with the
     * totals; what {@code nnj train} prints before training.
     */
    public String summary() {
        return ModelSummary.of(this);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential(");
        for (int i = 0; i < layers.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(layers[i]);
        }
        return sb.append(')').toString();
    }
}
