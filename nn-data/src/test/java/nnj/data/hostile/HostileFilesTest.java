package nnj.data.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import nnj.api.io.MalformedModelFileException;
import nnj.api.io.SafeTensors;
import nnj.api.model.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files whose metadata declares far more than they hold, or more than the heap has, each
 * read in a JVM of its own with -Xmx64m: the reader must refuse with a message naming the declared
 * size against the file's or the heap's, and never allocate it (an OutOfMemoryError ends the child
 * JVM abnormally and fails the test). Large files are sparse, so they cost no disk.
 */
class HostileFilesTest {
    @TempDir
    Path dir;

    /** Runs {@link HostileProbe} at -Xmx64m; returns its one line of output. */
    private static String probe(String kind, Path file) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                HostileProbe.class.getName(), kind, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the reader hung");
        assertEquals(0, p.exitValue(), "the child JVM failed (an OutOfMemoryError?): " + out);
        assertTrue(out.startsWith("refused: ") && !out.contains("\n"), "not a one-line refusal: " + out);
        return out;
    }

    private static Map<String, String> v2(String architecture, int in, int out) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "nnj");
        m.put("format_version", "2");
        m.put("architecture", architecture);
        m.put("task", "none");
        m.put("class_names", "[]");
        m.put("normalization", "none");
        m.put("input_width", Integer.toString(in));
        m.put("output_width", Integer.toString(out));
        return m;
    }

    private static String dense(int in, int out) {
        return "{\"type\":\"Dense\",\"config\":{\"in\":\"" + in + "\",\"out\":\"" + out + "\"}}";
    }

    @Test
    void anArchitectureLargerThanTheFileIsRefusedBeforeAnyWeightExists() throws Exception {
        Path f = dir.resolve("huge-dense.safetensors");
        SafeTensors.write(f, v2("[" + dense(46340, 46340) + "]", 46340, 46340),
                List.of(new SafeTensors.Entry("layers.0.weight", new int[] {2, 2}, new float[4])));
        String msg = probe("model", f);
        assertTrue(msg.contains("declares 8.6 GB of parameters, but the file holds only 16 bytes of tensors"), msg);

        Path g = dir.resolve("deep.safetensors");
        List<String> layers = new ArrayList<>();
        for (int i = 0; i < 62; i++) {
            layers.add(dense(4000, 4000));
        }
        SafeTensors.write(g, v2("[" + String.join(",", layers) + "]", 4000, 4000), List.of());
        msg = probe("model", g);
        assertTrue(msg.contains("declares 4.0 GB of parameters, but the file holds only 0 bytes"), msg);
    }

    @Test
    void tensorBytesBeyondTheHeapAreRefusedBeforeReading() throws Exception {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[25000000],\"data_offsets\":[0,100000000]}}";
        Path f = sparse("big-tensor.safetensors", safetensorsHeader(header), 100_000_000L);
        String msg = probe("model", f);
        assertTrue(msg.contains("tensors needs 100 MB, but the Java heap has"), msg);
    }

    @Test
    void aShapeArrayOfMillionsIsRefusedAtItsFifthEntry() throws Exception {
        StringBuilder h = new StringBuilder("{\"w\":{\"dtype\":\"F32\",\"shape\":[1");
        for (int i = 0; i < 3_000_000; i++) {
            h.append(",1");
        }
        h.append("],\"data_offsets\":[0,4]}}");
        Path f = dir.resolve("long-shape.safetensors");
        byte[] head = safetensorsHeader(h.toString());
        Files.write(f, ByteBuffer.allocate(head.length + 4).put(head).putFloat(1f).array());
        String msg = probe("model", f);
        assertTrue(msg.contains("shape has more than 4 entries"), msg);
    }

    @Test
    void anIdxFileLargerThanTheHeapIsRefusedWithItsSize() throws Exception {
        Path f = sparse("train-images-idx3-ubyte", idxHeader(100_000, 28, 28), 100_000L * 28 * 28);
        String msg = probe("idx", f);
        assertTrue(msg.contains("100000×28×28 elements needs 78 MB, but the Java heap has"), msg);
    }

    @Test
    void aGzipBombIsRefusedFromItsDeclaredSize() throws Exception {
        Path f = dir.resolve("train-images-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f), 1 << 16)) {
            out.write(idxHeader(128_000, 28, 28));
            byte[] zeros = new byte[1 << 20];
            for (long left = 128_000L * 28 * 28; left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
        }
        assertTrue(Files.size(f) < 1_000_000, "a bomb: small on disk");
        String msg = probe("idx", f);
        assertTrue(msg.contains("128000×28×28 elements needs 100 MB, but the Java heap has"), msg);
    }

    @Test
    void anIdxDirectoryIsBudgetedFromItsHeadersBeforeReading() throws Exception {
        int n = 12_000; // 9.4 MB of pixels: each file fits, the floats of all of them do not
        sparse("train-images-idx3-ubyte", idxHeader(n, 28, 28), (long) n * 28 * 28);
        sparse("train-labels-idx1-ubyte", idxHeader(n), n);
        sparse("t10k-images-idx3-ubyte", idxHeader(n, 28, 28), (long) n * 28 * 28);
        sparse("t10k-labels-idx1-ubyte", idxHeader(n), n);
        String msg = probe("idxdir", dir);
        assertTrue(msg.contains("the IDX files declare 12000×28×28 + 12000 + 12000×28×28 + 12000 elements")
                && msg.contains("needs 94 MB, but the Java heap has"), msg);
    }

    @Test
    void aCsvLargerThanTheHeapIsRefusedEarlyWithItsEstimate() throws Exception {
        Path f = dir.resolve("big.csv");
        byte[] rows = "1,2\n".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(f)) {
            for (int i = 0; i < 96; i++) { // 24 MB: 12.6 M values, 50 MB as floats, twice
                out.write(rows);
            }
        }
        String msg = probe("csv", f);
        assertTrue(msg.contains("rows × 2 columns (estimated from its 25 MB)") && msg.contains("needs 101 MB, but the Java heap has"),
                msg);
    }

    @Test
    void aLayerConfigOfTheWrongKindIsOneLine() throws IOException {
        Path f = dir.resolve("config-list.safetensors");
        SafeTensors.write(f, v2("[{\"type\":\"Dense\",\"config\":[1]}]", 3, 2), List.of());
        MalformedModelFileException e = assertThrows(MalformedModelFileException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().endsWith("architecture layer 0 has a config that is not an object of strings"),
                e.getMessage());
    }

    // ------------------------------------------------------------------------------- file builders

    private Path sparse(String name, byte[] head, long dataBytes) throws IOException {
        Path f = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(head);
            raf.setLength(head.length + dataBytes); // a hole: no disk blocks
        }
        return f;
    }

    private static byte[] safetensorsHeader(String json) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).array();
    }

    private static byte[] idxHeader(int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length).put(new byte[] {0, 0, 8, (byte) dims.length});
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }
}
