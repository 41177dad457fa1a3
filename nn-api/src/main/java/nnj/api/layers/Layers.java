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
