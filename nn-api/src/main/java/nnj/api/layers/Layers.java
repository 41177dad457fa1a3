package nnj.api.layers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Rebuilds layers from the type and configuration written in a model file. The built-in layers are
 * known; a user's own layer type can be added with {@link #register}.
 *
 * <p>Thread-safe: the registry is a concurrent map.
 */
public final class Layers {
    private static final Map<String, Function<Map<String, String>, Layer>> FACTORIES = new ConcurrentHashMap<>();
    private static final Map<String, ParameterShapes> SHAPES = new ConcurrentHashMap<>();

    /**
     * A layer type's parameter shapes computed from its configuration alone, without allocating
     * anything, so that a model file can be checked against its architecture before any weight
     * exists. Keys are the parameters' local names ({@code "weight"}, {@code "bias"}, or e.g. a
     * normalisation layer's running statistics); an empty map for a layer without parameters.
     */
    @FunctionalInterface
    public interface ParameterShapes {
        /**
         * The shapes, in the layer's parameter order.
         *
         * @throws IllegalArgumentException when the configuration is invalid
         */
        Map<String, int[]> of(Map<String, String> config);
    }

    static {
        register("Dense", c -> new Dense(integer(c, "in"), integer(c, "out"), bool(c, "bias"), null), c -> {
            int in = positive(c, "in");
            int out = positive(c, "out");
            Map<String, int[]> shapes = new java.util.LinkedHashMap<>();
            shapes.put("weight", new int[] {in, out});
            if (bool(c, "bias")) {
                shapes.put("bias", new int[] {out});
            }
            return shapes;
        });
        register("ReLU", c -> new ReLU());
        register("LeakyReLU", c -> new LeakyReLU(Float.parseFloat(c.getOrDefault("alpha", "0.01"))));
        register("Sigmoid", c -> new Sigmoid());
        register("Tanh", c -> new Tanh());
        register("Softmax", c -> new Softmax());
        register("Dropout", c -> new Dropout(Float.parseFloat(c.getOrDefault("rate", "0.5"))));
        register("Flatten", c -> new Flatten());
        register("BatchNorm", c -> new BatchNorm(integer(c, "features"),
                Float.parseFloat(c.getOrDefault("eps", "1e-5")), Float.parseFloat(c.getOrDefault("momentum", "0.1"))));
        register("Conv2D", c -> new nnj.api.layers.conv.Conv2D(integer(c, "in"), integer(c, "out"), integer(c, "kh"),
                integer(c, "kw"), Integer.parseInt(c.getOrDefault("stride", "1")), c.getOrDefault("padding", "valid"),
                Boolean.parseBoolean(c.getOrDefault("bias", "true")), null));
        register("MaxPool2D", c -> new nnj.api.layers.conv.MaxPool2D(integer(c, "pool"),
                Integer.parseInt(c.getOrDefault("stride", c.get("pool")))));
        register("AvgPool2D", c -> new nnj.api.layers.conv.AvgPool2D(integer(c, "pool"),
                Integer.parseInt(c.getOrDefault("stride", c.get("pool")))));
        register("GlobalAvgPool2D", c -> new nnj.api.layers.conv.GlobalAvgPool2D());
        register("Unflatten", c -> new nnj.api.layers.conv.Unflatten(integer(c, "channels"), integer(c, "height"),
                integer(c, "width")));
    }

    private Layers() {
    }

    /**
     * Makes a parameter-free {@code type} loadable from model files. A layer with parameters should
     * use {@link #register(String, Function, ParameterShapes)}: without shapes, the loader must build
     * the layer (and allocate its weights) before it can compare them with the file.
     */
    public static void register(String type, Function<Map<String, String>, Layer> factory) {
        FACTORIES.put(type, factory);
        SHAPES.remove(type);
    }

    /** Makes {@code type} loadable, with its parameter shapes computable from its configuration. */
    public static void register(String type, Function<Map<String, String>, Layer> factory, ParameterShapes shapes) {
        FACTORIES.put(type, factory);
        SHAPES.put(type, shapes);
    }

    /**
     * The parameter shapes of a {@code type} layer with this configuration, computed without
     * building it; empty when the type registered no shapes (it is then built to find out).
     *
     * @throws IllegalArgumentException for an unknown type or an invalid configuration
     */
    public static java.util.Optional<Map<String, int[]>> parameterShapes(String type, Map<String, String> config) {
        if (!FACTORIES.containsKey(type)) {
            throw unknown(type);
        }
        ParameterShapes s = SHAPES.get(type);
        if (s == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(s.of(config));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layer " + type + " has a bad configuration " + config + ": "
                    + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException unknown(String type) {
        return new IllegalArgumentException("unknown layer type '" + type + "'; known types: "
                + new java.util.TreeSet<>(FACTORIES.keySet()) + " (register your own with Layers.register)");
    }

    /** A new layer of {@code type} with this configuration. */
    public static Layer create(String type, Map<String, String> config) {
        Function<Map<String, String>, Layer> f = FACTORIES.get(type);
        if (f == null) {
            throw unknown(type);
        }
        try {
            return f.apply(config);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layer " + type + " has a bad configuration " + config + ": "
                    + e.getMessage(), e);
        }
    }

    private static int integer(Map<String, String> c, String key) {
        String v = c.get(key);
        if (v == null) {
            throw new IllegalArgumentException("layer configuration " + c + " lacks '" + key + "'");
        }
        return Integer.parseInt(v);
    }

    private static int positive(Map<String, String> c, String key) {
        int v = integer(c, key);
        if (v < 1) {
            throw new IllegalArgumentException("layer configuration " + c + " has " + key + " = " + v + "; it must be ≥ 1");
        }
        return v;
    }

    private static boolean bool(Map<String, String> c, String key) {
        String v = c.getOrDefault(key, "true");
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("layer configuration " + c + " has " + key + " = '" + v
                    + "'; expected true or false");
        }
        return Boolean.parseBoolean(v);
    }
}
