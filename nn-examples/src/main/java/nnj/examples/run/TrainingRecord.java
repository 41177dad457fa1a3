package nnj.examples.run;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import nnj.api.data.Task;
import nnj.api.io.SafeTensors;
import nnj.api.layers.Sequential;
import nnj.api.model.ModelFile;

/**
 * What a model was trained on: the {@code --dataset} value, the seed, the test fraction and, for
 * CSV files and the sine curve, the target, task and noise. {@code train --out} stores it in the
 * model file's metadata (key {@value #KEY}, a JSON object), so that {@code evaluate --model FILE}
 * finds the same test split without being told the seed again.
 *
 * <p>The model loader ignores metadata it does not know, so the file stays an ordinary nnj model.
 */
public record TrainingRecord(String dataset, long seed, double testFraction, String target, Task task, Double noise,
                             String testDataset) {
    static final String KEY = "nnj_training";

    /** Saves {@code model} with this record in its metadata (atomically, like {@link Sequential#save}). */
    public void save(Sequential model, Path path) throws IOException {
        if (!model.isInitialized()) {
            throw new IllegalStateException("the model has no weights yet");
        }
        Map<String, String> meta = new LinkedHashMap<>(ModelFile.metadata(model));
        meta.put(KEY, toJson());
        SafeTensors.write(path, meta, ModelFile.tensors(model));
    }

    private String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("dataset", dataset);
        o.addProperty("seed", seed);
        o.addProperty("test_fraction", testFraction);
        if (testDataset != null) {
            o.addProperty("test_dataset", testDataset);
        }
        if (target != null) {
            o.addProperty("target", target);
        }
        if (task != null) {
            o.addProperty("task", task.name().toLowerCase(Locale.ROOT));
        }
        if (noise != null) {
            o.addProperty("noise", noise);
        }
        return o.toString();
    }

    /**
     * The record in a model file, or null when the model was saved without one (for example from
     * code with {@link Sequential#save}) or the entry cannot be read.
     */
    public static TrainingRecord read(Path modelFile) throws IOException {
        String json = SafeTensors.read(modelFile).metadata().get(KEY);
        if (json == null) {
            return null;
        }
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            return new TrainingRecord(o.get("dataset").getAsString(), o.get("seed").getAsLong(),
                    o.get("test_fraction").getAsDouble(), string(o.get("target")),
                    o.has("task") ? Task.valueOf(o.get("task").getAsString().toUpperCase(Locale.ROOT)) : null,
                    o.has("noise") ? o.get("noise").getAsDouble() : null, string(o.get("test_dataset")));
        } catch (RuntimeException e) {
            return null; // an unreadable record only costs the defaults, never the model
        }
    }

    /** IDX sets come with their own test files: no test fraction applies to them. */
    private static boolean hasTestFiles(String dataset) {
        String d = dataset.toLowerCase(Locale.ROOT).replace('_', '-');
        return d.startsWith("idx:") || nnj.examples.data.IdxCatalog.byId(d) != null;
    }

    private static String string(JsonElement e) {
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    /** For messages: {@code digits, seed 42, test fraction 0.2}. */
    public String describe() {
        return printable(dataset) + ", seed " + seed + (testDataset != null ? ", tested on " + printable(testDataset)
                : hasTestFiles(dataset) ? "" : ", test fraction " + testFraction)
                + (target != null ? ", target " + printable(target) : "") + (noise != null ? ", noise " + noise : "");
    }

    /**
     * A string from a model file, fit to print on one line: control characters (a newline, a
     * terminal escape) become '?', and at most {@value #PRINTABLE_LENGTH} characters are kept.
     */
    public static String printable(String recorded) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < recorded.length() && sb.length() < PRINTABLE_LENGTH; i++) {
            char c = recorded.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return sb.length() < recorded.length() ? sb + "…" : sb.toString();
    }

    private static final int PRINTABLE_LENGTH = 200;
}
