package nnj.api.model;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
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
import nnj.api.io.SafeTensors;
import nnj.api.layers.Sequential;

/**
 * An nnj model as one {@code .safetensors} file.
 *
 * <p>Tensors (F32): every parameter under its model name ({@code layers.0.weight} (in, out),
 * {@code layers.0.bias} (out), ...), and the input standardisation as {@code normalization.mean} and
 * {@code normalization.std} when the model has one. Metadata (strings): {@code format} = "nnj",
 * {@code format_version} = "1", {@code architecture} (a JSON list of {@code {"type", "config"}}),
 * {@code task}, {@code class_names} (a JSON list), {@code input_width}, {@code output_width}, and
 * {@code feature_names} (a JSON list) when the training data named its features.
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
    public static final String FORMAT_VERSION = "1";
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
        if (model.metadata().task() != null) {
            meta.put("task", model.metadata().task().name().toLowerCase(java.util.Locale.ROOT));
        }
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

    /** Reads a model (on the host; move it with {@code to(backend)}). */
    public static Sequential load(Path path) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(path);
        Map<String, String> meta = c.metadata();
        String format = meta.get("format");
        if (!FORMAT.equals(format)) {
            throw new MalformedModelFileException(path + " is a safetensors file but not an nnj model (metadata format is "
                    + (format == null ? "missing" : "'" + format + "'") + ")");
        }
        if (!FORMAT_VERSION.equals(meta.get("format_version"))) {
            throw new MalformedModelFileException(path + " has nnj format version " + meta.get("format_version")
                    + "; this nnj reads version " + FORMAT_VERSION);
        }
        Sequential model;
        try {
            model = Sequential.of(layers(path, meta.get("architecture")));
        } catch (IllegalArgumentException e) {
            throw new MalformedModelFileException(path + " describes an invalid model: " + e.getMessage());
        }
        Map<String, SafeTensors.Entry> tensors = new LinkedHashMap<>(c.tensors());
        List<Parameter> stored = new ArrayList<>(model.parameters());
        stored.addAll(model.buffers());
        for (Parameter p : stored) {
            SafeTensors.Entry e = tensors.remove(p.name());
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
        SafeTensors.Entry mean = tensors.remove("normalization.mean");
        SafeTensors.Entry std = tensors.remove("normalization.std");
        if ((mean == null) != (std == null)) {
            throw new MalformedModelFileException(path + " has only one of normalization.mean and normalization.std");
        }
        if (mean != null) {
            try {
                model.metadata().setNormalization(new Standardizer(mean.data(), std.data()));
            } catch (IllegalArgumentException e) {
                throw new MalformedModelFileException(path + ": bad normalization statistics: " + e.getMessage());
            }
        }
        for (String name : tensors.keySet()) {
            if (CHECKPOINT_PREFIXES.stream().noneMatch(name::startsWith)) {
                throw new MalformedModelFileException(path + " holds tensor " + name
                        + " that the architecture does not use");
            }
        }
        String task = meta.get("task");
        if (task != null) {
            try {
                model.metadata().setTask(Task.valueOf(task.toUpperCase(java.util.Locale.ROOT)), names(path, meta.get("class_names"), "class names"));
            } catch (IllegalArgumentException e) {
                throw new MalformedModelFileException(path + " has unknown task '" + task + "'");
            }
        }
        String features = meta.get("feature_names");
        if (features != null) {
            try {
                model.metadata().setFeatureNames(names(path, features, "feature names"));
            } catch (IllegalArgumentException e) {
                throw new MalformedModelFileException(path + ": " + e.getMessage());
            }
        }
        return model;
    }

    private static List<Layer> layers(Path path, String architecture) throws MalformedModelFileException {
        if (architecture == null) {
            throw new MalformedModelFileException(path + " has no architecture in its metadata");
        }
        try {
            JsonArray arr = JsonParser.parseString(architecture).getAsJsonArray();
            List<Layer> layers = new ArrayList<>();
            for (JsonElement e : arr) {
                JsonObject o = e.getAsJsonObject();
                Map<String, String> config = new LinkedHashMap<>();
                if (o.has("config")) {
                    for (Map.Entry<String, JsonElement> kv : o.getAsJsonObject("config").entrySet()) {
                        config.put(kv.getKey(), kv.getValue().getAsString());
                    }
                }
                layers.add(Layers.create(o.get("type").getAsString(), config));
            }
            return layers;
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            throw new MalformedModelFileException(path + " has an unreadable architecture: " + architecture);
        } catch (IllegalArgumentException e) {
            throw new MalformedModelFileException(path + ": " + e.getMessage());
        }
    }

    private static List<String> names(Path path, String json, String what) throws MalformedModelFileException {
        if (json == null) {
            return List.of();
        }
        try {
            List<String> names = new ArrayList<>();
            for (JsonElement e : JsonParser.parseString(json).getAsJsonArray()) {
                names.add(e.getAsString());
            }
            return names;
        } catch (RuntimeException e) {
            throw new MalformedModelFileException(path + " has unreadable " + what + ": " + json);
        }
    }
}
