package nnj.examples.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;

/** The one-line JSON objects of {@code --json}. NaN (a metric that does not apply) is written as NaN. */
public final class Json {
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private Json() {
    }

    public static void print(PrintWriter out, JsonObject o) {
        out.println(GSON.toJson(o));
        out.flush();
    }

    public static JsonArray array(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }
}
