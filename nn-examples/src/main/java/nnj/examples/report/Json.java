package nnj.examples.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;

/**
 * The one-line JSON objects of {@code --json}. A metric that has no value (R² of a constant target)
 * is written as null ({@link #addMetric}); a stray NaN elsewhere is written as NaN rather than lost.
 */
public final class Json {
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().serializeNulls().create();

    private Json() {
    }

    public static void print(PrintWriter out, JsonObject o) {
        out.println(GSON.toJson(o));
        out.flush();
    }

    /** Adds {@code value} under {@code key}, or null when it is not a finite number (the metric is undefined). */
    public static void addMetric(JsonObject o, String key, double value) {
        if (Double.isFinite(value)) {
            o.addProperty(key, value);
        } else {
            o.add(key, com.google.gson.JsonNull.INSTANCE);
        }
    }

    public static JsonArray array(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }
}
