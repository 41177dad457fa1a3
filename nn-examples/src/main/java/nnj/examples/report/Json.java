package nnj.examples.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.Map;

/**
 * The one-line JSON objects of {@code --json}. A number that has no value (R² of a constant target,
 * the precision of a class never predicted, a loss that diverged) is written as null: JSON has no
 * NaN or infinity, and a bare {@code NaN} would make the whole line unreadable to a JSON parser.
 */
public final class Json {
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();

    private Json() {
    }

    public static void print(PrintWriter out, JsonObject o) {
        out.println(GSON.toJson(finite(o)));
        out.flush();
    }

    /** Adds {@code value} under {@code key}, or null when it is not a finite number (the metric is undefined). */
    public static void addMetric(JsonObject o, String key, double value) {
        if (Double.isFinite(value)) {
            o.addProperty(key, value);
        } else {
            o.add(key, JsonNull.INSTANCE);
        }
    }

    /** {@code e} with every non-finite number, at any depth, replaced by null. */
    static JsonElement finite(JsonElement e) {
        if (e.isJsonObject()) {
            JsonObject copy = new JsonObject();
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                copy.add(m.getKey(), finite(m.getValue()));
            }
            return copy;
        }
        if (e.isJsonArray()) {
            JsonArray copy = new JsonArray();
            for (JsonElement item : e.getAsJsonArray()) {
                copy.add(finite(item));
            }
            return copy;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() && !Double.isFinite(e.getAsDouble())) {
            return JsonNull.INSTANCE;
        }
        return e;
    }

    public static JsonArray array(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }
}
