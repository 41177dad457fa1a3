package nnj.bench.report;

import nnj.api.io.AtomicFiles;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import nnj.bench.kernels.GemmShapes;

/**
 * Turns one run (JMH's JSON plus the run record) into the generated section of
 * {@code docs/BENCHMARKS.md} and its charts. Every backend found in the results gets a column;
 * nothing here names a backend.
 */
public final class Report {
    static final String GEMM_CHART = "bench-gemm-gflops.png";
    static final String TRAIN_CHART = "bench-mlp-train-samples.png";
    static final String INFER_CHART = "bench-mlp-inference-samples.png";
    private static final double NOISY = 0.10;

    private final List<JmhResult> results;
    private final RunInfo info;

    public Report(List<JmhResult> results, RunInfo info) {
        this.results = results;
        this.info = info;
    }

    /** Writes the section into {@code markdown} (keeping the rest) and the charts into {@code imgDir}. */
    public void write(Path markdown, Path imgDir) throws IOException {
        String relImg = relative(markdown, imgDir);
        String body = markdown(relImg);
        String old = Files.isRegularFile(markdown) ? Files.readString(markdown) : "";
        AtomicFiles.writeString(markdown, MarkedSection.replace(old, body, "nnj benchmarks"));
        writeCharts(imgDir);
    }

    private static String relative(Path markdown, Path imgDir) {
        Path base = markdown.toAbsolutePath().getParent();
        return base.relativize(imgDir.toAbsolutePath()).toString().replace('\\', '/');
    }

    // ------------------------------------------------------------------------------ markdown

    String markdown(String imgDir) {
        StringBuilder md = new StringBuilder();
        md.append("## Generated results\n\n");
        md.append(header()).append("\n");
        gemmSection(md, imgDir);
        mlpSection(md, "trainStep", "Training step", "forward, softmax cross-entropy, backward, Adam", TRAIN_CHART, imgDir);
        mlpSection(md, "inference", "Inference", "forward pass only", INFER_CHART, imgDir);
        allocationSection(md);
        kernelSection(md);
        otherSection(md);
        return md.toString().replaceAll(" +\n", "\n"); // table rows end in "| "; Markdown needs no trailing blanks
    }

    private String header() {
        StringBuilder h = new StringBuilder();
        JmhResult any = results.isEmpty() ? null : results.get(0);
        String cpu = info != null && info.cpu != null ? info.cpu : Machine.cpuModel();
        int cores = info != null && info.cores > 0 ? info.cores : Runtime.getRuntime().availableProcessors();
        h.append("| | |\n|---|---|\n");
        h.append("| Machine | ").append(cpu).append(", ").append(cores).append(" cores")
                .append(info != null && info.os != null ? ", " + info.os : "").append(" |\n");
        if (any != null) {
            h.append("| JDK | ").append(any.jdk()).append(" (").append(any.vm()).append(") |\n");
        }
        h.append("| Date | ").append(info != null && info.started != null ? info.started : "unknown")
                .append(info != null && info.finished != null ? " – " + info.finished : "").append(" |\n");
        if (info != null && info.profile != null) {
            h.append("| Profile | ").append(info.profile).append(" |\n");
        }
        if (info != null && info.command != null) {
            h.append("| Command | `").append(info.command).append("` |\n");
        }
        if (any != null) {
            // settings can differ per benchmark (each has its own @Warmup): list each distinct one
            Map<String, Set<String>> bySettings = new LinkedHashMap<>();
            for (JmhResult r : results) {
                bySettings.computeIfAbsent(r.runSettings(), k -> new LinkedHashSet<>()).add(r.benchClass());
            }
            List<String> parts = new ArrayList<>();
            bySettings.forEach((settings, classes) -> parts.add(
                    (bySettings.size() > 1 ? String.join(", ", classes) + ": " : "") + settings));
            h.append("| JMH | ").append(String.join("; ", parts)).append("; average time per call |\n");
        }
        h.append("\nEach figure is the median of the measured JMH iterations (JMH's own score is their mean, "
                + "which one iteration slowed by another job on this shared machine can drag far off). "
                + "±N% marks iterations that spread more than 10%: N is half their range over the median. "
                + "Threads (\"thr\") are the backend's own worker count (`Backend.setThreads`); one caller "
                + "thread drives every benchmark.\n");
        if (info != null && !info.referenceProblems.isEmpty()) {
            h.append("\nReferences missing from this run: ");
            h.append(String.join("; ", info.referenceProblems)).append("\n");
        }
        return h.toString();
    }

    private void gemmSection(StringBuilder md, String imgDir) {
        List<JmhResult> gemm = select("GemmBench", "gemm");
        if (gemm.isEmpty()) {
            return;
        }
        List<String> cases = distinct(gemm, r -> r.param("gemm"));
        List<Series> nnj = seriesOf(gemm, r -> r.param("gemm"),
                r -> GemmShapes.parse(r.param("gemm")).flops() / r.secondsPerOp() / 1e9);
        List<Series> refs = referenceSeries(info == null ? List.of() : info.openblas, "OpenBLAS", "case", "gflops");
        md.append("\n### GEMM (GFLOPS, higher is better)\n\n");
        md.append("C = op(A)·op(B) in float32; GFLOPS = 2·m·k·n / time per call. ");
        md.append("The MLP cases are the products of a 784-256-128-10 MLP at batch 128.\n\n");
        table(md, "case", cases, c -> GemmShapes.parse(c).label(), nnj, refs, this::gflops);
        md.append("\n![GEMM GFLOPS per backend and case](").append(imgDir).append('/').append(GEMM_CHART).append(")\n");
    }

    private void mlpSection(StringBuilder md, String method, String title, String what, String chart, String imgDir) {
        List<JmhResult> rows = select("MlpBench", method);
        if (rows.isEmpty()) {
            return;
        }
        List<String> batches = batchesOf(rows);
        List<Series> nnj = seriesOf(rows, r -> r.param("batch"),
                r -> Integer.parseInt(r.param("batch")) / r.secondsPerOp());
        List<JsonObject> torch = new ArrayList<>();
        if (info != null) {
            for (JsonObject o : info.pytorch) {
                if (o.get("kind").getAsString().equals(method)) {
                    torch.add(o);
                }
            }
        }
        List<Series> refs = referenceSeries(torch, "PyTorch", "batch", "samples_per_s");
        md.append("\n### ").append(title).append(" of the 784-256-128-10 MLP (samples/s, higher is better)\n\n");
        md.append(what).append("; samples/s = batch / time per call.\n\n");
        table(md, "batch", batches, b -> b, nnj, refs, v -> String.format(Locale.ROOT, "%,.0f", v));
        md.append("\n![").append(title).append(" samples/s per backend and batch](").append(imgDir).append('/')
                .append(chart).append(")\n");
    }

    private void allocationSection(StringBuilder md) {
        List<JmhResult> rows = new ArrayList<>(select("MlpBench", "trainStep"));
        rows.removeIf(r -> Double.isNaN(r.bytesPerOp()));
        if (rows.isEmpty()) {
            return;
        }
        List<String> batches = batchesOf(rows);
        List<Series> series = seriesOf(rows, r -> r.param("batch"), JmhResult::bytesPerOp);
        md.append("\n### Allocation per training step (bytes, `-prof gc`)\n\n");
        md.append("`gc.alloc.rate.norm`: bytes allocated on the heap per step, on the caller's thread and the "
                + "backend's workers. 0 means a zero-allocation step.\n\n");
        md.append("| backend | ");
        batches.forEach(b -> md.append("batch ").append(b).append(" | "));
        md.append("\n|---|");
        batches.forEach(b -> md.append("---:|"));
        md.append('\n');
        for (Series s : series) {
            md.append("| ").append(s.name()).append(" | ");
            for (String b : batches) {
                double v = s.get(b);
                md.append(Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%,.0f", v)).append(" | ");
            }
            md.append('\n');
        }
    }

    private void kernelSection(StringBuilder md) {
        List<JmhResult> rows = new ArrayList<>();
        for (JmhResult r : results) {
            if (r.benchClass().equals("ElementwiseBench") || r.benchClass().equals("LossBench")
                    || r.benchClass().equals("AdamBench")) {
                rows.add(r);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        List<String> kernels = distinct(rows, Report::kernelLabel);
        List<Series> series = seriesOf(rows, Report::kernelLabel, r -> r.secondsPerOp() * 1e6);
        md.append("\n### Kernels (µs per call, lower is better)\n\n");
        md.append("Element-wise kernels on a rows×cols matrix; the loss is the fused softmax cross-entropy with its "
                + "gradient; Adam updates every parameter of the MLP (235,146 floats).\n\n");
        table(md, "kernel", kernels, k -> k, series, List.of(), Report::micros);
    }

    private void otherSection(StringBuilder md) {
        Set<String> known = Set.of("GemmBench", "MlpBench", "ElementwiseBench", "LossBench", "AdamBench");
        List<JmhResult> rows = new ArrayList<>();
        for (JmhResult r : results) {
            if (!known.contains(r.benchClass())) {
                rows.add(r);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        md.append("\n### Other benchmarks (µs per call)\n\n| benchmark | parameters | µs/call |\n|---|---|---:|\n");
        for (JmhResult r : rows) {
            md.append("| ").append(r.benchClass()).append('.').append(r.method()).append(" | ")
                    .append(r.params()).append(" | ").append(micros(r.secondsPerOp() * 1e6)).append(" |\n");
        }
    }

    private static String kernelLabel(JmhResult r) {
        switch (r.benchClass()) {
            case "ElementwiseBench": return r.param("op") + " (" + r.param("size").replace('x', '×') + ")";
            case "LossBench": return "softmaxCrossEntropy (" + r.param("rows") + "×" + r.param("classes") + ")";
            case "AdamBench": return "adamUpdate (MLP)";
            default: return r.benchmark();
        }
    }

    // -------------------------------------------------------------------------------- tables

    private interface Format {
        String of(double v);
    }

    private interface Label {
        String of(String category);
    }

    /** A table: one row per category, one column per series, then each reference and best-nnj ÷ reference. */
    private void table(StringBuilder md, String first, List<String> categories, Label label, List<Series> nnj,
                       List<Series> refs, Format fmt) {
        md.append("| ").append(first).append(" | ");
        nnj.forEach(s -> md.append(s.name()).append(" | "));
        refs.forEach(s -> md.append(s.name()).append(" | best nnj ÷ ").append(s.name()).append(" | "));
        md.append("\n|---|");
        for (int i = 0; i < nnj.size() + 2 * refs.size(); i++) {
            md.append("---:|");
        }
        md.append('\n');
        for (String c : categories) {
            md.append("| ").append(label.of(c)).append(" | ");
            for (Series s : nnj) {
                md.append(cell(s, c, fmt)).append(" | ");
            }
            for (Series ref : refs) {
                md.append(cell(ref, c, fmt)).append(" | ");
                double best = bestAtThreads(nnj, threadsOf(ref.name()), c);
                double r = ref.get(c);
                md.append(Double.isNaN(best) || Double.isNaN(r) ? "–" : String.format(Locale.ROOT, "%.2f", best / r))
                        .append(" | ");
            }
            md.append('\n');
        }
    }

    private static String cell(Series s, String category, Format fmt) {
        double v = s.get(category);
        if (Double.isNaN(v)) {
            return "–";
        }
        double err = s.relativeError(category);
        return fmt.of(v) + (err > NOISY ? String.format(Locale.ROOT, " ±%.0f%%", err * 100) : "");
    }

    private static double bestAtThreads(List<Series> nnj, String threads, String category) {
        double best = Double.NaN;
        for (Series s : nnj) {
            if (threadsOf(s.name()).equals(threads)) {
                double v = s.get(category);
                if (!Double.isNaN(v) && (Double.isNaN(best) || v > best)) {
                    best = v;
                }
            }
        }
        return best;
    }

    /** Series names end in " · N thr". */
    private static String threadsOf(String seriesName) {
        int dot = seriesName.lastIndexOf(" · ");
        return dot < 0 ? "" : seriesName.substring(dot + 3);
    }

    static String seriesName(String who, String threads) {
        return who + " · " + threads + " thr";
    }

    private String gflops(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String micros(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    // -------------------------------------------------------------------------------- series

    private List<JmhResult> select(String benchClass, String method) {
        List<JmhResult> out = new ArrayList<>();
        for (JmhResult r : results) {
            if (r.benchClass().equals(benchClass) && r.method().equals(method)) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<String> distinct(List<JmhResult> rows, java.util.function.Function<JmhResult, String> key) {
        Set<String> seen = new LinkedHashSet<>();
        rows.forEach(r -> seen.add(key.apply(r)));
        return new ArrayList<>(seen);
    }

    private static List<String> batchesOf(List<JmhResult> rows) {
        Set<Integer> batches = new TreeSet<>();
        rows.forEach(r -> batches.add(Integer.parseInt(r.param("batch"))));
        List<String> out = new ArrayList<>();
        batches.forEach(b -> out.add(String.valueOf(b)));
        return out;
    }

    /** One series per backend and thread count, in the order backends first appear, then by threads. */
    private static List<Series> seriesOf(List<JmhResult> rows, java.util.function.Function<JmhResult, String> category,
                                         ToDoubleFunction<JmhResult> value) {
        List<String> backends = distinct(rows, r -> r.param("backend"));
        Map<String, Series> byName = new LinkedHashMap<>();
        List<JmhResult> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt((JmhResult r) -> backends.indexOf(r.param("backend")))
                .thenComparingInt(r -> parseIntOr(r.param("threads"), 0)));
        for (JmhResult r : sorted) {
            String name = seriesName(r.param("backend"), r.param("threads").isEmpty() ? "?" : r.param("threads"));
            byName.computeIfAbsent(name, Series::new)
                    .put(category.apply(r), value.applyAsDouble(r), r.relativeError());
        }
        return new ArrayList<>(byName.values());
    }

    /** Reference rows as one series per thread count. */
    private static List<Series> referenceSeries(List<JsonObject> rows, String tool, String categoryKey, String valueKey) {
        Map<Integer, Series> byThreads = new java.util.TreeMap<>();
        for (JsonObject o : rows) {
            int t = o.get("threads").getAsInt();
            byThreads.computeIfAbsent(t, k -> new Series(seriesName(tool, String.valueOf(k))))
                    .put(o.get(categoryKey).getAsString(), o.get(valueKey).getAsDouble(), 0);
        }
        return new ArrayList<>(byThreads.values());
    }

    private static int parseIntOr(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    // -------------------------------------------------------------------------------- charts

    private void writeCharts(Path imgDir) throws IOException {
        List<JmhResult> gemm = select("GemmBench", "gemm");
        if (!gemm.isEmpty()) {
            List<String> cases = distinct(gemm, r -> r.param("gemm"));
            List<Series> all = seriesOf(gemm, r -> r.param("gemm"),
                    r -> GemmShapes.parse(r.param("gemm")).flops() / r.secondsPerOp() / 1e9);
            all.addAll(referenceSeries(info == null ? List.of() : info.openblas, "OpenBLAS", "case", "gflops"));
            Charts.barChart(imgDir.resolve(GEMM_CHART), "GEMM throughput (float32)" + machineSuffix(),
                    "case m×k×n:op(A)op(B)", "GFLOPS (log scale)", cases, all);
        }
        mlpChart(imgDir, "trainStep", TRAIN_CHART, "Training step, 784-256-128-10 MLP with Adam");
        mlpChart(imgDir, "inference", INFER_CHART, "Inference, 784-256-128-10 MLP");
    }

    private void mlpChart(Path imgDir, String method, String file, String title) throws IOException {
        List<JmhResult> rows = select("MlpBench", method);
        if (rows.isEmpty()) {
            return;
        }
        List<Series> all = seriesOf(rows, r -> r.param("batch"), r -> Integer.parseInt(r.param("batch")) / r.secondsPerOp());
        List<JsonObject> torch = new ArrayList<>();
        if (info != null) {
            info.pytorch.stream().filter(o -> o.get("kind").getAsString().equals(method)).forEach(torch::add);
        }
        all.addAll(referenceSeries(torch, "PyTorch", "batch", "samples_per_s"));
        Charts.barChart(imgDir.resolve(file), title + machineSuffix(), "batch size", "samples/s (log scale)",
                batchesOf(rows), all);
    }

    private String machineSuffix() {
        String jdk = results.isEmpty() ? "" : ", JDK " + results.get(0).jdk();
        return info != null && info.cores > 0 ? " — " + info.cores + " cores" + jdk : "";
    }

    /** "2026-11-25 14:30 UTC" for an instant. */
    public static String utc(Instant t) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(t);
    }
}
