package nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench commands' output format and argument errors (never their timings). */
class BenchCommandsTest {

    /** Runs the CLI with stdout captured; returns {exit code, stdout}. */
    private static Object[] run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = NnjCli.run(args);
            return new Object[] {code, buf.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(old);
        }
    }

    private static List<JsonObject> jsonLines(String out) {
        List<JsonObject> objects = new ArrayList<>();
        for (String line : out.strip().split("\\R")) {
            objects.add(JsonParser.parseString(line).getAsJsonObject());
        }
        return objects;
    }

    @Test
    void benchGemmJsonHasOneObjectPerShapeWithTheDocumentedKeys() {
        Object[] r = run("bench", "gemm", "--backend", "naive", "--size", "3,4,5", "7x2x1", "--trans-b",
                "--threads", "1", "--rounds", "1", "--json");
        assertEquals(0, r[0]);
        List<JsonObject> lines = jsonLines((String) r[1]);
        assertEquals(2, lines.size(), (String) r[1]);
        JsonObject first = lines.get(0);
        assertEquals("naive", first.get("backend").getAsString());
        assertEquals(3, first.get("m").getAsInt());
        assertEquals(4, first.get("k").getAsInt());
        assertEquals(5, first.get("n").getAsInt());
        assertEquals(false, first.get("transA").getAsBoolean());
        assertEquals(true, first.get("transB").getAsBoolean());
        assertEquals(1, first.get("threads").getAsInt());
        assertTrue(first.get("gflops").getAsDouble() > 0);
        assertEquals(7, lines.get(1).get("m").getAsInt());
    }

    @Test
    void benchTrainJsonHasTheDocumentedKeys() {
        Object[] r = run("bench", "train", "--backend", "naive", "--batch-size", "2", "--threads", "1",
                "--rounds", "1", "--seconds", "0.01", "--json");
        assertEquals(0, r[0]);
        List<JsonObject> lines = jsonLines((String) r[1]);
        assertEquals(1, lines.size());
        JsonObject o = lines.get(0);
        assertEquals("naive", o.get("backend").getAsString());
        assertEquals(2, o.get("batch").getAsInt());
        assertEquals(1, o.get("threads").getAsInt());
        assertTrue(o.get("samples_per_s").getAsDouble() > 0);
    }

    @Test
    void benchTrainPhasesAddOneObjectWithEveryPhase() {
        Object[] r = run("bench", "train", "--backend", "naive", "--batch-size", "2", "--threads", "1",
                "--rounds", "1", "--seconds", "0.01", "--phases", "--json");
        assertEquals(0, r[0]);
        List<JsonObject> lines = jsonLines((String) r[1]);
        assertEquals(2, lines.size(), (String) r[1]);
        assertTrue(lines.get(0).has("samples_per_s"));
        JsonObject phases = lines.get(1).getAsJsonObject("phase_us");
        assertEquals(List.of("gather", "forward", "loss", "backward", "optimizer"), List.copyOf(phases.keySet()));
        for (String phase : phases.keySet()) {
            assertTrue(phases.get(phase).getAsDouble() >= 0, phase);
        }
        // a step on the naive backend takes far longer than a microsecond: the phases were timed
        assertTrue(phases.get("forward").getAsDouble() + phases.get("backward").getAsDouble() > 1, phases.toString());
    }

    @Test
    void aMalformedSizeIsAClearError() {
        Object[] r = run("bench", "gemm", "--backend", "naive", "--size", "3,4", "--rounds", "1");
        assertEquals(1, r[0]);
    }

    @Test
    void sizesParseWithCommasOrX() {
        assertEquals(List.of(128, 784, 256), toList(BenchGemmCommand.parse("128,784,256")));
        assertEquals(List.of(128, 784, 256), toList(BenchGemmCommand.parse("128x784x256")));
    }

    private static List<Integer> toList(int[] a) {
        return List.of(a[0], a[1], a[2]);
    }
}
