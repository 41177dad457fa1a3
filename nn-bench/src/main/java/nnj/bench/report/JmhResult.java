package nnj.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of JMH's JSON result: a benchmark at one set of parameters.
 *
 * @param benchmark      the fully qualified method, e.g. {@code nnj.bench.kernels.GemmBench.gemm}
 * @param params         the @Param values
 * @param secondsPerOp   seconds per call, whatever mode and unit JMH used: the median of the measured
 *                       iterations (JMH's own score is their mean, which one iteration slowed by
 *                       another job on a shared machine, or still running cold code, can drag far)
 * @param relativeError  the iterations' spread: half their range divided by the median (0 for one)
 * @param bytesPerOp     {@code gc.alloc.rate.norm} from {@code -prof gc} (median of the iterations),
 *                       or NaN without it
 * @param jdk            the fork's JDK version
 * @param vm             the fork's VM name and version
 */
public record JmhResult(String benchmark, Map<String, String> params, double secondsPerOp, double relativeError,
                        double bytesPerOp, String jdk, String vm, String runSettings) {

    /** The class's simple name, e.g. {@code GemmBench}. */
    public String benchClass() {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : benchmark;
    }

    /** The method name, e.g. {@code gemm}. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    /**
     * Reads a JMH result written with {@code -rf json}.
     *
     * @throws IOException naming the file when it cannot be read or is not JMH's JSON
     */
    public static List<JmhResult> read(Path file) throws IOException {
        JsonElement root;
        try {
            root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw new IOException(file + " is not JSON (" + e.getMessage() + "); pass the file JMH wrote with -rf json");
        }
        if (!root.isJsonArray()) {
            throw new IOException(file + " is not a JMH JSON result (expected an array of benchmark results)");
        }
        List<JmhResult> out = new ArrayList<>();
        for (JsonElement e : (JsonArray) root) {
            out.add(parse(e.getAsJsonObject(), file));
        }
        return out;
    }

    private static JmhResult parse(JsonObject o, Path file) throws IOException {
        if (!o.has("benchmark") || !o.has("primaryMetric")) {
            throw new IOException(file + " holds an entry without 'benchmark' or 'primaryMetric'; is it JMH's JSON?");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (o.has("params")) {
            for (Map.Entry<String, JsonElement> p : o.getAsJsonObject("params").entrySet()) {
                params.put(p.getKey(), p.getValue().getAsString());
            }
        }
        JsonObject primary = o.getAsJsonObject("primaryMetric");
        double[] iterations = iterations(primary);
        double score = median(iterations);
        double spread = iterations.length < 2 || score == 0 ? 0
                : (iterations[iterations.length - 1] - iterations[0]) / 2 / Math.abs(score);
        String unit = primary.get("scoreUnit").getAsString();
        double bytes = Double.NaN;
        if (o.has("secondaryMetrics")) {
            for (Map.Entry<String, JsonElement> m : o.getAsJsonObject("secondaryMetrics").entrySet()) {
                if (m.getKey().endsWith("gc.alloc.rate.norm")) {
                    bytes = median(iterations(m.getValue().getAsJsonObject()));
                }
            }
        }
        String settings = String.format("%s×%s warm-up, %s×%s measured, %s fork(s)",
                str(o, "warmupIterations"), str(o, "warmupTime"), str(o, "measurementIterations"),
                str(o, "measurementTime"), str(o, "forks"));
        return new JmhResult(o.get("benchmark").getAsString(), Collections.unmodifiableMap(params),
                toSecondsPerOp(score, unit), spread, bytes,
                str(o, "jdkVersion"), (str(o, "vmName") + " " + str(o, "vmVersion")).trim(), settings);
    }

    /** Every measured iteration of every fork, sorted; JMH's score alone when there is no raw data. */
    private static double[] iterations(JsonObject metric) {
        List<Double> values = new ArrayList<>();
        if (metric.has("rawData")) {
            for (JsonElement fork : metric.getAsJsonArray("rawData")) {
                for (JsonElement v : fork.getAsJsonArray()) {
                    values.add(v.getAsDouble());
                }
            }
        }
        if (values.isEmpty()) {
            values.add(metric.get("score").getAsDouble());
        }
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String str(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : "?";
    }

    /** Converts "us/op", "ms/op", "ops/s", "ops/us" and the like into seconds per call. */
    static double toSecondsPerOp(double score, String unit) {
        String[] parts = unit.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("unknown JMH score unit '" + unit + "'");
        }
        if (parts[1].equals("op")) {
            return score * seconds(parts[0]);
        }
        if (parts[0].equals("ops")) {
            return seconds(parts[1]) / score;
        }
        throw new IllegalArgumentException("unknown JMH score unit '" + unit + "'");
    }

    private static double seconds(String unit) {
        switch (unit) {
            case "s": return 1;
            case "ms": return 1e-3;
            case "us": return 1e-6;
            case "ns": return 1e-9;
            case "min": return 60;
            default: throw new IllegalArgumentException("unknown time unit '" + unit + "' in a JMH score");
        }
    }
}
