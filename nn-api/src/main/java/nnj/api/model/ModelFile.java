package nnj.api.model;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnj.api.data.Standardizer;
import nnj.api.data.Task;
import nnj.api.layers.Layer;
import nnj.api.layers.Layers;
import nnj.api.layers.Parameter;
import nnj.api.io.MalformedModelFileException;
import nnj.api.io.MemoryBudget;
import nnj.api.io.StrictJson;
import nnj.api.io.SafeTensors;
import nnj.api.layers.Sequential;

/**
 * An nnj model as one {@code .safetensors} file.
 *
 * <p>Tensors (F32): every parameter under its model name ({@code layers.0.weight} (in, out),
 * {@code layers.0.bias} (out), ...), and the input standardisation as {@code normalization.mean} and
 * {@code normalization.std} when the model has one. Metadata (strings): {@code format} = "nnj",
 * {@code format_version} = "2", {@code architecture} (a JSON list of {@code {"type", "config"}}),
 * {@code task} (classification, regression or none), {@code class_names} (a JSON list),
 * {@code normalization} (standardize or none), {@code input_width}, {@code output_width}, the
 * {@code sha256} that {@link SafeTensors} records over the metadata and tensors, and
 * {@code feature_names} (a JSON list) when the training data named its features. All but
 * {@code feature_names} are required; version 1 files (no checksum) are refused with a message.
 *
 * <p>Checkpoints extend the same file: tensors under {@code optimizer.} (e.g.
 * {@code optimizer.layers.0.weight.m}) and metadata keys such as {@code optimizer}, {@code step},
 * {@code epoch} and {@code rng_state}. A model loader ignores those, and refuses any other unknown
 * tensor.
 *
 * <p>Dense weights are (in, out); PyTorch's {@code nn.Linear} stores (out, in), so transpose when
 * exporting to it.
 *
 * <p>Stateless and thread-safe; a model must not be trained while it is being saved.
 */
public final class ModelFile {
    /** The {@code format} metadata value of an nnj model. */
    public static final String FORMAT = "nnj";
    /** The {@code format_version} this code writes and reads. */
    public static final String FORMAT_VERSION = "2";
    /** Tensor-name prefixes reserved for checkpoint state, ignored when loading a model. */
    public static final List<String> CHECKPOINT_PREFIXES = List.of("optimizer.", "checkpoint.");
    private static final Gson GSON = new Gson();

    private ModelFile() {
    }

    /** The metadata and tensors that describe {@code model} (for writing, possibly with more state). */
    public static Map<String, String> metadata(Sequential model) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", FORMAT_VERSION);
        JsonArray arch = new JsonArray();
        for (Layer l : model.layers()) {
            JsonObject o = new JsonObject();
            o.addProperty("type", l.type());
            JsonObject c = new JsonObject();
            new java.util.TreeMap<>(l.config()).forEach(c::addProperty);
            o.add("config", c);
            arch.add(o);
        }
        meta.put("architecture", GSON.toJson(arch));
        meta.put("task", model.metadata().task() == null ? TASK_NONE
                : model.metadata().task().name().toLowerCase(java.util.Locale.ROOT));
        meta.put("normalization", model.metadata().normalization() == null ? NORMALIZATION_NONE : NORMALIZATION_STANDARDIZE);
        meta.put("class_names", GSON.toJson(model.metadata().classNames()));
        if (!model.metadata().featureNames().isEmpty()) {
            meta.put("feature_names", GSON.toJson(model.metadata().featureNames()));
        }
        meta.put("input_width", Integer.toString(model.inputWidth()));
        meta.put("output_width", Integer.toString(model.outputWidth()));
        return meta;
    }

    /** The tensors of {@code model}: parameters, buffers (BatchNorm's running statistics), then normalisation statistics. */
    public static List<SafeTensors.Entry> tensors(Sequential model) {
        List<SafeTensors.Entry> out = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            out.add(new SafeTensors.Entry(p.name(), p.shape().dims(), p.values()));
        }
        for (Parameter p : model.buffers()) { // BatchNorm's running statistics: evaluation needs them
            out.add(new SafeTensors.Entry(p.name(), p.shape().dims(), p.values()));
        }
        Standardizer s = model.metadata().normalization();
        if (s != null) {
            out.add(new SafeTensors.Entry("normalization.mean", new int[] {s.featureCount()}, s.mean()));
            out.add(new SafeTensors.Entry("normalization.std", new int[] {s.featureCount()}, s.std()));
        }
        return out;
    }

    /** Writes {@code model} to {@code path} atomically. */
    public static void save(Sequential model, Path path) throws IOException {
        if (!model.isInitialized()) {
            throw new IllegalStateException("the model has no weights yet: initialise or train it before saving");
        }
        SafeTensors.write(path, metadata(model), tensors(model));
    }

    /**
     * Reads a model (on the host; move it with {@code to(backend)}). The file's SHA-256 is checked;
     * then the whole architecture is parsed and every tensor's shape compared with the shapes the
     * layers' configurations call for ({@link Layers#parameterShapes}) before any layer, and so any
     * parameter, is built. Every metadata entry that changes results is required.
     */
    public static Sequential load(Path path) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(path);
        Map<String, String> meta = c.metadata();
        String format = meta.get("format");
        if (!FORMAT.equals(format)) {
            throw new MalformedModelFileException(path + " is a safetensors file but not an nnj model (metadata format is "
                    + (format == null ? "missing" : "'" + StrictJson.oneLine(format) + "'") + ")");
        }
        String version = meta.get("format_version");
        if ("1".equals(version)) {
            throw new MalformedModelFileException(path + " was written by an older nnj (model format version 1,"
                    + " without a checksum); this nnj reads version " + FORMAT_VERSION + ": train the model again");
        }
        if (!FORMAT_VERSION.equals(version)) {
            throw new MalformedModelFileException(path + " has nnj format version "
                    + (version == null ? "(missing)" : StrictJson.oneLine(version)) + "; this nnj reads version " + FORMAT_VERSION);
        }
        if (meta.get(SafeTensors.DIGEST_KEY) == null) {
            throw new MalformedModelFileException(path + " has no " + SafeTensors.DIGEST_KEY
                    + " checksum in its metadata, so its integrity cannot be checked; nnj writes one in every model file");
        }
        int inputWidth = width(path, meta, "input_width");
        int outputWidth = width(path, meta, "output_width");
        List<LayerSpec> specs = architecture(path, require(path, meta, "architecture"));
        Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>(c.tensors());
        checkParameterTensors(path, specs, tensors);
        String normalization = require(path, meta, "normalization");
        SafeTensors.Entry mean = tensors.remove("normalization.mean");
        SafeTensors.Entry std = tensors.remove("normalization.std");
        switch (normalization) {
            case NORMALIZATION_STANDARDIZE -> {
                if (mean == null || std == null) {
                    throw new MalformedModelFileException(path + " says its inputs are standardised but lacks the"
                            + " normalization.mean and normalization.std tensors");
                }
                int[] wanted = {inputWidth};
                if (!Arrays.equals(mean.shape(), wanted) || !Arrays.equals(std.shape(), wanted)) {
                    throw new MalformedModelFileException(path + ": the normalization tensors have shapes "
                            + Arrays.toString(mean.shape()) + " and " + Arrays.toString(std.shape())
                            + " but the model takes " + inputWidth + " features");
                }
            }
            case NORMALIZATION_NONE -> {
                if (mean != null || std != null) {
                    throw new MalformedModelFileException(path + " says its inputs are not standardised but holds"
                            + " normalization tensors");
                }
            }
            default -> throw new MalformedModelFileException(path + " has normalization '"
                    + StrictJson.oneLine(normalization) + "'; expected " + NORMALIZATION_STANDARDIZE + " or " + NORMALIZATION_NONE);
        }
        for (String name : tensors.keySet()) {
            if (CHECKPOINT_PREFIXES.stream().noneMatch(name::startsWith)) {
                throw new MalformedModelFileException(path + " holds tensor " + StrictJson.oneLine(name)
                        + " that the architecture does not use");
            }
        }
        Sequential model = build(path, specs, c.tensors());
        if (model.inputWidth() != inputWidth || model.outputWidth() != outputWidth) {
            throw new MalformedModelFileException(path + " records input_width " + inputWidth + " and output_width "
                    + outputWidth + " but its architecture takes " + model.inputWidth() + " and gives " + model.outputWidth());
        }
        if (mean != null) {
            try {
                model.metadata().setNormalization(new Standardizer(mean.data(), std.data()));
            } catch (IllegalArgumentException e) {
                throw new MalformedModelFileException(path + ": bad normalization statistics: " + e.getMessage());
            }
        }
        setTask(path, model, require(path, meta, "task"), names(path, require(path, meta, "class_names"), "class_names"));
        String features = meta.get("feature_names");
        if (features != null) {
            try {
                model.metadata().setFeatureNames(names(path, features, "feature_names"));
            } catch (IllegalArgumentException e) {
                throw new MalformedModelFileException(path + ": " + e.getMessage());
            }
        }
        return model;
    }

    /** The {@code normalization} metadata value of a model whose inputs are standardised. */
    public static final String NORMALIZATION_STANDARDIZE = "standardize";
    /** The {@code normalization} metadata value of a model that takes its inputs as they are. */
    public static final String NORMALIZATION_NONE = "none";
    /** The {@code task} metadata value of a model trained for no recorded task. */
    public static final String TASK_NONE = "none";

    /** A layer as the architecture describes it. */
    private record LayerSpec(String type, Map<String, String> config) {
    }

    /** Compares every parameter tensor with the shape its layer's configuration calls for; builds nothing. */
    private static void checkParameterTensors(Path path, List<LayerSpec> specs, Map<String, SafeTensors.Entry> tensors)
            throws MalformedModelFileException {
        List<java.util.Optional<Map<String, int[]>>> all = new ArrayList<>();
        long declared = 0;
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec spec = specs.get(i);
            try {
                java.util.Optional<Map<String, int[]>> shapes = Layers.parameterShapes(spec.type(), spec.config());
                all.add(shapes);
                for (int[] shape : shapes.orElse(Map.of()).values()) {
                    declared = Math.min(Long.MAX_VALUE / 2, declared + 4 * count(shape));
                }
            } catch (IllegalArgumentException e) {
                throw new MalformedModelFileException(path + ": layer " + i + " (" + StrictJson.oneLine(spec.type())
                        + "): " + StrictJson.oneLine(e.getMessage()));
            }
        }
        long held = 0;
        for (SafeTensors.Entry e : tensors.values()) {
            held += 4L * e.data().length;
        }
        if (declared > held) {
            throw new MalformedModelFileException(path + ": its architecture declares " + MemoryBudget.size(declared)
                    + " of parameters, but the file holds only " + MemoryBudget.size(held) + " of tensors");
        }
        for (int i = 0; i < specs.size(); i++) {
            java.util.Optional<Map<String, int[]>> shapes = all.get(i);
            if (shapes.isEmpty()) {
                // A user-registered type without shapes: its tensors are checked after building it.
                String prefix = "layers." + i + ".";
                tensors.keySet().removeIf(n -> n.startsWith(prefix));
                continue;
            }
            for (Map.Entry<String, int[]> p : shapes.get().entrySet()) {
                String name = "layers." + i + "." + p.getKey();
                SafeTensors.Entry e = tensors.remove(name);
                if (e == null) {
                    throw new MalformedModelFileException(path + " lacks tensor " + name + " " + Arrays.toString(p.getValue())
                            + " (" + MemoryBudget.size(4 * count(p.getValue())) + ") that its architecture needs");
                }
                if (!Arrays.equals(e.shape(), p.getValue())) {
                    throw new MalformedModelFileException(path + ": tensor " + name + " has shape "
                            + Arrays.toString(e.shape()) + " but the architecture needs " + Arrays.toString(p.getValue()));
                }
            }
        }
    }

    /** The number of elements, saturating far below overflow (shapes come from the file). */
    private static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            long cap = Long.MAX_VALUE / 16;
            n = d <= 0 ? 0 : n > cap / d ? cap : n * d;
        }
        return n;
    }

    /** Builds the layers (whose parameters the file's tensors are now known to fill) and sets the values. */
    private static Sequential build(Path path, List<LayerSpec> specs, Map<String, SafeTensors.Entry> tensors)
            throws MalformedModelFileException {
        Sequential model;
        try {
            List<Layer> layers = new ArrayList<>();
            for (LayerSpec s : specs) {
                layers.add(Layers.create(s.type(), s.config()));
            }
            model = Sequential.of(layers);
        } catch (IllegalArgumentException e) {
            throw new MalformedModelFileException(path + " describes an invalid model: " + StrictJson.oneLine(e.getMessage()));
        }
        List<Parameter> stored = new ArrayList<>(model.parameters());
        stored.addAll(model.buffers()); // BatchNorm's running statistics
        for (Parameter p : stored) {
            SafeTensors.Entry e = tensors.get(p.name());
            if (e == null) {
                throw new MalformedModelFileException(path + " lacks tensor " + p.name() + " " + p.shape()
                        + " that its architecture needs");
            }
            if (!Arrays.equals(e.shape(), p.shape().dims())) {
                throw new MalformedModelFileException(path + ": tensor " + p.name() + " has shape "
                        + Arrays.toString(e.shape()) + " but the architecture needs " + p.shape());
            }
            p.setValues(e.data());
        }
        return model;
    }

    private static void setTask(Path path, Sequential model, String task, List<String> classNames)
            throws MalformedModelFileException {
        int outputs = model.outputWidth();
        switch (task) {
            case "classification" -> {
                if (classNames.size() < 2 || outputs > 1 && classNames.size() != outputs) {
                    throw new MalformedModelFileException(path + " is a classifier with " + outputs + " outputs but "
                            + classNames.size() + " class names");
                }
                model.metadata().setTask(Task.CLASSIFICATION, classNames);
            }
            case "regression" -> {
                if (!classNames.isEmpty()) {
                    throw new MalformedModelFileException(path + " is a regression model but has class names");
                }
                model.metadata().setTask(Task.REGRESSION, classNames);
            }
            case TASK_NONE -> {
                if (!classNames.isEmpty()) {
                    throw new MalformedModelFileException(path + " records no task but has class names");
                }
            }
            default -> throw new MalformedModelFileException(path + " has unknown task '" + StrictJson.oneLine(task)
                    + "'; expected classification, regression or none");
        }
    }

    private static String require(Path path, Map<String, String> meta, String key) throws MalformedModelFileException {
        String v = meta.get(key);
        if (v == null) {
            throw new MalformedModelFileException(path + " lacks the required metadata entry '" + key + "'");
        }
        return v;
    }

    private static int width(Path path, Map<String, String> meta, String key) throws MalformedModelFileException {
        String v = require(path, meta, key);
        try {
            int w = Integer.parseInt(v);
            if (w >= 1) {
                return w;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MalformedModelFileException(path + " has " + key + " '" + StrictJson.oneLine(v) + "'; expected a positive integer");
    }

    private static List<LayerSpec> architecture(Path path, String architecture) throws MalformedModelFileException {
        JsonElement root = StrictJson.parse(path, "architecture", architecture);
        if (!root.isJsonArray() || root.getAsJsonArray().isEmpty()) {
            throw new MalformedModelFileException(path + ": the architecture must be a non-empty list of layers");
        }
        List<LayerSpec> specs = new ArrayList<>();
        int i = 0;
        for (JsonElement e : root.getAsJsonArray()) {
            String where = path + ": architecture layer " + i + " ";
            if (!e.isJsonObject()) {
                throw new MalformedModelFileException(where + "must be an object {\"type\": ..., \"config\": {...}}");
            }
            JsonObject o = e.getAsJsonObject();
            JsonElement type = o.get("type");
            if (type == null || !type.isJsonPrimitive() || !type.getAsJsonPrimitive().isString()) {
                throw new MalformedModelFileException(where + "needs a \"type\" string");
            }
            for (String key : o.keySet()) {
                if (!key.equals("type") && !key.equals("config")) {
                    throw new MalformedModelFileException(where + "has an unknown entry '" + StrictJson.oneLine(key) + "'");
                }
            }
            Map<String, String> config = new LinkedHashMap<>();
            JsonElement conf = o.get("config");
            if (conf != null) {
                if (!conf.isJsonObject()) {
                    throw new MalformedModelFileException(where + "has a config that is not an object of strings");
                }
                for (Map.Entry<String, JsonElement> kv : conf.getAsJsonObject().entrySet()) {
                    JsonElement v = kv.getValue();
                    if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                        throw new MalformedModelFileException(where + "has config entry '" + StrictJson.oneLine(kv.getKey())
                                + "' that is not a string");
                    }
                    config.put(kv.getKey(), v.getAsString());
                }
            }
            specs.add(new LayerSpec(type.getAsString(), config));
            i++;
        }
        return specs;
    }

    private static List<String> names(Path path, String json, String key) throws MalformedModelFileException {
        JsonElement root = StrictJson.parse(path, key, json);
        if (!root.isJsonArray()) {
            throw new MalformedModelFileException(path + ": " + key + " must be a list of strings");
        }
        List<String> names = new ArrayList<>();
        for (JsonElement e : root.getAsJsonArray()) {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw new MalformedModelFileException(path + ": " + key + " must be a list of strings");
            }
            String name = e.getAsString();
            if (name.chars().anyMatch(Character::isISOControl)) {
                throw new MalformedModelFileException(path + ": " + key + " entry " + (names.size() + 1)
                        + " holds a control character (e.g. a line break); names must be one line of text");
            }
            names.add(name);
        }
        return names;
    }
}
