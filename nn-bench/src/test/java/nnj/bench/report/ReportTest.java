package nnj.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report command on a hand-made JMH result: numbers, columns, markers and charts. No timing. */
class ReportTest {
    @TempDir
    Path dir;

    private static JsonObject row(String benchmark, Map<String, String> params, double usPerOp, double bytes) {
        JsonObject o = new JsonObject();
        o.addProperty("benchmark", benchmark);
        o.addProperty("jdkVersion", "17.0.15");
        o.addProperty("vmName", "OpenJDK 64-Bit Server VM");
        o.addProperty("vmVersion", "17.0.15+6");
        o.addProperty("forks", 1);
        JsonObject p = new JsonObject();
        params.forEach(p::addProperty);
        o.add("params", p);
        JsonObject primary = new JsonObject();
        primary.addProperty("score", usPerOp);
        primary.addProperty("scoreError", "NaN");
        primary.addProperty("scoreUnit", "us/op");
        o.add("primaryMetric", primary);
        JsonObject secondary = new JsonObject();
        JsonObject norm = new JsonObject();
        norm.addProperty("score", bytes);
        norm.addProperty("scoreUnit", "B/op");
        secondary.add("gc.alloc.rate.norm", norm);
        o.add("secondaryMetrics", secondary);
        return o;
    }

    private Path fixture() throws IOException {
        JsonArray a = new JsonArray();
        // 256³ NN: 2·256³ = 33,554,432 flop; 1000 µs → 33.55 GFLOPS, 100 µs → 335.5 GFLOPS
        a.add(row("nnj.bench.kernels.GemmBench.gemm", Map.of("backend", "naive", "threads", "2", "gemm", "256x256x256:NN"), 1000, 0));
        a.add(row("nnj.bench.kernels.GemmBench.gemm", Map.of("backend", "demo", "threads", "2", "gemm", "256x256x256:NN"), 100, 0));
        // batch 128 in 1280 µs → 100,000 samples/s
        a.add(row("nnj.bench.mlp.MlpBench.trainStep", Map.of("backend", "naive", "threads", "2", "batch", "128"), 1280, 4096));
        a.add(row("nnj.bench.mlp.MlpBench.trainStep", Map.of("backend", "demo", "threads", "2", "batch", "128"), 12800, 0));
        a.add(row("nnj.bench.kernels.AdamBench.adamUpdate", Map.of("backend", "demo", "threads", "2"), 250, 0));
        Path json = dir.resolve("r.json");
        Files.writeString(json, a.toString());
        RunInfo info = new RunInfo();
        info.cpu = "Test CPU";
        info.cores = 2;
        info.started = "2026-01-01 00:00 UTC";
        info.openblas.add(JsonParser.parseString(
                "{\"case\":\"256x256x256:NN\",\"threads\":2,\"gflops\":100.0}").getAsJsonObject());
        info.pytorch.add(JsonParser.parseString(
                "{\"kind\":\"trainStep\",\"batch\":128,\"threads\":2,\"samples_per_s\":50000.0}").getAsJsonObject());
        info.write(RunInfo.sidecarOf(json));
        return json;
    }

    @Test
    void tablesShowEveryBackendFoundWithDerivedUnitsAndReferenceRatios() throws IOException {
        Path json = fixture();
        ReportCommand.run(new String[] {json.toString(), "--docs", dir.resolve("docs").toString()});
        String md = Files.readString(dir.resolve("docs/BENCHMARKS.md"));
        assertTrue(md.contains("| Machine | Test CPU, 2 cores"), md);
        assertTrue(md.contains("| JDK | 17.0.15"), md);
        assertTrue(md.contains("| Date | 2026-01-01 00:00 UTC"), md);
        // GEMM: columns naive, demo, OpenBLAS and best ÷ OpenBLAS = 335.5 / 100
        assertTrue(md.contains("| case | naive · 2 thr | demo · 2 thr | OpenBLAS · 2 thr | best nnj ÷ OpenBLAS · 2 thr |"), md);
        assertTrue(md.contains("| 256×256·256×256 (A·B) | 33.6 | 336 | 100 | 3.36 |"), md);
        // training step: 100,000 and 10,000 samples/s, PyTorch 50,000, best ratio 2.00
        assertTrue(md.contains("| 128 | 100,000 | 10,000 | 50,000 | 2.00 |"), md);
        // allocation per step from gc.alloc.rate.norm
        assertTrue(md.contains("| naive · 2 thr | 4,096 |"), md);
        assertTrue(md.contains("| demo · 2 thr | 0 |"), md);
        assertTrue(md.contains("| adamUpdate (MLP) | 250 |"), md);
        assertTrue(Files.size(dir.resolve("docs/img/" + Report.GEMM_CHART)) > 1000);
        assertTrue(Files.size(dir.resolve("docs/img/" + Report.TRAIN_CHART)) > 1000);
        byte[] png = Files.readAllBytes(dir.resolve("docs/img/" + Report.GEMM_CHART));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    @Test
    void rerunningReplacesOnlyTheGeneratedSection() throws IOException {
        Path json = fixture();
        Path docs = dir.resolve("docs");
        Files.createDirectories(docs);
        Files.writeString(docs.resolve("BENCHMARKS.md"), "# Benchmarks\n\n## SIMD notes (hand-written)\nkeep me\n");
        ReportCommand.run(new String[] {json.toString(), "--docs", docs.toString()});
        ReportCommand.run(new String[] {json.toString(), "--docs", docs.toString()});
        String md = Files.readString(docs.resolve("BENCHMARKS.md"));
        assertTrue(md.startsWith("# Benchmarks\n\n## SIMD notes (hand-written)\nkeep me\n"), md);
        assertEquals(1, md.split("nnj-bench report: begin", -1).length - 1, "one generated section");
    }

    @Test
    void markedSectionReplacesAppendsAndRefusesBrokenMarkers() {
        String once = MarkedSection.replace("# T\n\nhand\n", "body 1", "x");
        assertTrue(once.startsWith("# T\n\nhand\n\n" + MarkedSection.BEGIN + "\nbody 1\n"), once);
        String twice = MarkedSection.replace(once + "\ntail\n", "body 2", "x");
        assertTrue(twice.contains("body 2") && !twice.contains("body 1") && twice.endsWith("\ntail\n"), twice);
        assertTrue(MarkedSection.replace("", "b", "Title").startsWith("# Title\n"));
        assertThrows(IllegalArgumentException.class, () -> MarkedSection.replace(MarkedSection.BEGIN + "\nno end\n", "b", "x"));
    }

    @Test
    void scoresInAnyJmhUnitBecomeSecondsPerCall() {
        assertEquals(2e-6, JmhResult.toSecondsPerOp(2, "us/op"), 1e-18);
        assertEquals(3e-3, JmhResult.toSecondsPerOp(3, "ms/op"), 1e-15);
        assertEquals(0.25, JmhResult.toSecondsPerOp(4, "ops/s"), 1e-15);
        assertEquals(1e-6 / 5, JmhResult.toSecondsPerOp(5, "ops/us"), 1e-18);
        assertThrows(IllegalArgumentException.class, () -> JmhResult.toSecondsPerOp(1, "furlongs"));
    }

    @Test
    void aFileThatIsNotJmhJsonGetsAClearMessage() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"not\": \"an array\"}");
        IOException e = assertThrows(IOException.class, () -> JmhResult.read(bad));
        assertTrue(e.getMessage().contains("not a JMH JSON result"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ReportCommand.run(new String[] {dir.resolve("none.json").toString()}));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void aColdOrDisturbedIterationDoesNotMoveTheFigure() throws IOException {
        JsonObject r = row("nnj.bench.kernels.AdamBench.adamUpdate", Map.of("backend", "simd", "threads", "1"), 400, 0);
        // JMH's mean of 1000, 100, 110 is 403; the median is 110, spread (1000 − 100) / 2 / 110
        r.getAsJsonObject("primaryMetric").add("rawData", JsonParser.parseString("[[1000, 100, 110]]"));
        r.getAsJsonObject("secondaryMetrics").getAsJsonObject("gc.alloc.rate.norm")
                .add("rawData", JsonParser.parseString("[[5000000, 0, 0]]"));
        JsonArray a = new JsonArray();
        a.add(r);
        Path json = dir.resolve("cold.json");
        Files.writeString(json, a.toString());
        JmhResult parsed = JmhResult.read(json).get(0);
        assertEquals(110e-6, parsed.secondsPerOp(), 1e-12);
        assertEquals(900.0 / 2 / 110, parsed.relativeError(), 1e-9);
        assertEquals(0, parsed.bytesPerOp());
    }

    @Test
    void readsWhatJmhWrites() throws IOException {
        List<JmhResult> rows = JmhResult.read(fixture());
        assertEquals(5, rows.size());
        assertEquals("GemmBench", rows.get(0).benchClass());
        assertEquals("gemm", rows.get(0).method());
        assertEquals(1e-3, rows.get(0).secondsPerOp(), 1e-12);
        assertEquals(4096, rows.get(2).bytesPerOp());
    }
}
