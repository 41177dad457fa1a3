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

    static {
        register("Dense", c -> new Dense(integer(c, "in"), integer(c, "out"),
                Boolean.parseBoolean(c.getOrDefault("bias", "true")), null));
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

    /** Makes {@code type} loadable from model files. */
    public static void register(String type, Function<Map<String, String>, Layer> factory) {
        FACTORIES.put(type, factory);
    }

    /** A new layer of {@code type} with this configuration. */
    public static Layer create(String type, Map<String, String> config) {
        Function<Map<String, String>, Layer> f = FACTORIES.get(type);
        if (f == null) {
            throw new IllegalArgumentException("unknown layer type '" + type + "'; known types: "
                    + new java.util.TreeSet<>(FACTORIES.keySet()) + " (register your own with Layers.register)");
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
}
