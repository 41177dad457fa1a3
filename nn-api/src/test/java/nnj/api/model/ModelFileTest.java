package nnj.api.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nnj.api.data.Dataset;
import nnj.api.io.MalformedModelFileException;
import nnj.api.io.SafeTensors;
import nnj.api.layers.Dense;
import nnj.api.layers.Dropout;
import nnj.api.layers.LeakyReLU;
import nnj.api.layers.Parameter;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.api.layers.Tanh;
import nnj.api.testing.Blobs;
import nnj.api.train.Trainer;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    private Sequential trained() {
        Sequential model = Sequential.of(new Dense(4, 6), new Tanh(), new Dropout(0.2f), new Dense(6, 5),
                new LeakyReLU(0.05f), new Dense(5, 3));
        Trainer.on(new NaiveBackend("first") { }).epochs(2).seed(4).build().fit(model, Blobs.of(90, 1));
        return model;
    }

    @Test
    void featureNamesOfTheTrainingDataAreRecordedAndSaved() throws IOException {
        Sequential model = Sequential.of(new Dense(4, 3));
        List<String> names = List.of("sepal length", "sepal width", "petal length", "petal width");
        Trainer.on(new NaiveBackend()).epochs(1).seed(4).build().fit(model, Blobs.of(60, 1).withFeatureNames(names));
        assertEquals(names, model.metadata().featureNames());
        Path file = dir.resolve("named.safetensors");
        model.save(file);
        assertEquals(names, Sequential.loadOnHost(file).metadata().featureNames());
        // unnamed data (images, generated sets) leaves the list empty, and the file without the key
        Sequential unnamed = trained();
        unnamed.save(dir.resolve("unnamed.safetensors"));
        assertEquals(List.of(), Sequential.loadOnHost(dir.resolve("unnamed.safetensors")).metadata().featureNames());
        assertTrue(!SafeTensors.read(dir.resolve("unnamed.safetensors")).metadata().containsKey("feature_names"));
    }

    @Test
    void saveThenLoadOnAnotherBackendGivesTheSamePredictions() throws IOException {
        Sequential model = trained();
        Dataset test = Blobs.of(40, 9);
        float[] before = model.predict(test);
        Path file = dir.resolve("model.safetensors");
        model.save(file);
        Sequential loaded = Sequential.load(file, new NaiveBackend("second") { });
        // Same weights, same kernels, same order: the predictions are bitwise equal.
        assertArrayEquals(before, loaded.predict(test), 0f);
        assertEquals(model.toString(), loaded.toString());
        assertEquals(List.of("a", "b", "c"), loaded.metadata().classNames());
        assertNotNull(loaded.metadata().normalization());
        assertArrayEquals(model.metadata().normalization().mean(), loaded.metadata().normalization().mean(), 0f);
        assertTrue(Files.list(dir).allMatch(p -> p.equals(file)), "no temporary file is left behind");
    }

    @Test
    void theFileIsStandardSafetensors() throws IOException {
        Sequential model = trained();
        Path file = dir.resolve("m.safetensors");
        model.save(file);
        SafeTensors.Contents c = SafeTensors.read(file);
        assertEquals("nnj", c.metadata().get("format"));
        assertEquals("2", c.metadata().get("format_version"));
        assertTrue(c.metadata().get("architecture").contains("\"type\":\"Dense\""));
        assertArrayEquals(new int[] {4, 6}, c.tensors().get("layers.0.weight").shape());
        assertArrayEquals(new int[] {3}, c.tensors().get("layers.5.bias").shape());
        assertArrayEquals(model.parameters().get(0).values(), c.tensors().get("layers.0.weight").data(), 0f);
        byte[] bytes = Files.readAllBytes(file);
        long headerLen = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLen) % 8, "tensor data starts 8-byte aligned");
    }

    @Test
    void numpyReadsTheSameNumbers() throws Exception {
        Path script = Path.of("..", "scripts", "read_safetensors.py").toAbsolutePath().normalize();
        assumeTrue(Files.exists(script), "script not found at " + script);
        assumeTrue(run("python3", "-c", "import numpy") != null, "python3 with numpy is not installed");
        Sequential model = trained();
        Path file = dir.resolve("np.safetensors");
        model.save(file);
        List<String> out = run("python3", script.toString(), file.toString());
        assertNotNull(out, "the script failed");
        Map<String, String> lines = new HashMap<>();
        for (String l : out) {
            lines.put(l.split(" ")[0], l);
        }
        for (Parameter p : model.parameters()) {
            String line = lines.get(p.name());
            assertNotNull(line, "numpy did not list " + p.name() + ": " + out);
            float[] v = p.values();
            double sum = 0;
            for (float f : v) {
                sum += f;
            }
            double numpySum = Double.parseDouble(line.replaceAll(".*sum=(\\S+).*", "$1"));
            float numpyFirst = Float.parseFloat(line.replaceAll(".*first=(\\S+).*", "$1"));
            // Same float32 values summed in double; numpy sums pairwise, so allow 1e-12 relative.
            assertEquals(sum, numpySum, 1e-12 * Math.max(1, Math.abs(sum)), p.name());
            assertEquals(v[0], numpyFirst, 0f, p.name() + " first value");
            assertTrue(line.contains(Arrays.toString(p.shape().dims())), line);
        }
    }

    private static List<String> run(String... cmd) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        List<String> lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            lines = r.lines().toList();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return null;
        }
        return lines;
    }

    // ------------------------------------------------------------------------ malformed files

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    /** A file with this header text and {@code dataBytes} zero bytes of data. */
    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    private String refusal(byte[] bytes) throws IOException {
        Path f = write("bad.safetensors", bytes);
        MalformedModelFileException e = assertThrows(MalformedModelFileException.class, () -> SafeTensors.read(f));
        return e.getMessage();
    }

    @Test
    void malformedFilesAreRefusedWithAReason() throws IOException {
        String ok = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}";
        assertEquals(2, SafeTensors.read(write("ok.safetensors", file(ok, 16))).tensors().get("w").shape().length);

        assertTrue(refusal(new byte[5]).contains("shorter than the 8-byte header length"));
        byte[] lying = file(ok, 16);
        lying[0] = (byte) 0xff; // header length far beyond the file
        lying[3] = (byte) 0x7f;
        assertTrue(refusal(lying).contains("header length"), refusal(lying));
        assertTrue(refusal(file("{\"w\": {\"dtype", 0)).contains("not valid JSON"));
        assertTrue(refusal(file("[1, 2]", 0)).contains("JSON object"));
        assertTrue(refusal(file(ok.replace("F32", "F16"), 16)).contains("dtype F16"));
        assertTrue(refusal(file(ok.replace("[2,2]", "[3,2]"), 16)).contains("needs 24 bytes"));
        assertTrue(refusal(file(ok.replace("[0,16]", "[0,64]"), 16)).contains("claims bytes [0, 64)"));
        assertTrue(refusal(file(ok.replace("[0,16]", "[16,0]"), 16)).contains("claims bytes"));
        assertTrue(refusal(file(ok.replace("[2,2]", "[-2,2]"), 16)).contains("non-negative integer"));
        assertTrue(refusal(file(ok.replace("[0,16]", "[0.5,16]"), 16)).contains("non-negative integer"));
        assertTrue(refusal(file(ok, 20)).contains("extra bytes"), "trailing garbage");
        String overlap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertTrue(refusal(file(overlap, 12)).contains("overlap"));
        assertTrue(refusal(file("{\"__metadata__\":{\"a\":1}}", 0)).contains("(a string) but found a number"));
    }

    @Test
    void aTruncatedModelFileIsRefused() throws IOException {
        Path good = dir.resolve("good.safetensors");
        trained().save(good);
        byte[] all = Files.readAllBytes(good);
        String msg = refusal(Arrays.copyOf(all, all.length - 7));
        assertTrue(msg.contains("truncated"), msg);
    }

    @Test
    void aFileWhoseTensorsDoNotFitTheArchitectureIsRefused() throws IOException {
        Path f = dir.resolve("wrong.safetensors");
        SafeTensors.write(f, v2("[{\"type\":\"Dense\",\"config\":{\"in\":\"3\",\"out\":\"2\"}}]"),
                List.of(new SafeTensors.Entry("layers.0.weight", new int[] {2, 3}, new float[6]),
                        new SafeTensors.Entry("layers.0.bias", new int[] {2}, new float[2])));
        MalformedModelFileException e = assertThrows(MalformedModelFileException.class, () -> Sequential.loadOnHost(f));
        assertTrue(e.getMessage().contains("layers.0.weight") && e.getMessage().contains("[3, 2]"), e.getMessage());

        Path g = dir.resolve("notnnj.safetensors");
        SafeTensors.write(g, Map.of(), List.of(new SafeTensors.Entry("x", new int[] {1}, new float[1])));
        assertTrue(assertThrows(MalformedModelFileException.class, () -> Sequential.loadOnHost(g)).getMessage()
                .contains("not an nnj model"));

        Path h = dir.resolve("unknown.safetensors");
        SafeTensors.write(h, v2("[{\"type\":\"Conv9D\"}]"), List.of());
        assertTrue(assertThrows(MalformedModelFileException.class, () -> Sequential.loadOnHost(h)).getMessage()
                .contains("unknown layer type 'Conv9D'"));
    }

    /** The required metadata of a version-2 model file around {@code architecture}. */
    static Map<String, String> v2(String architecture) {
        return Map.of("format", "nnj", "format_version", "2", "architecture", architecture, "task", "none",
                "class_names", "[]", "normalization", "none", "input_width", "3", "output_width", "2");
    }

    @Test
    void anUntrainedModelIsNotSaved() {
        Sequential fresh = Sequential.of(new Dense(2, 2), new ReLU());
        assertThrows(IllegalStateException.class, () -> fresh.save(dir.resolve("x.safetensors")));
    }

    @Test
    void batchNormRunningStatisticsAreSavedAndRestored() throws IOException {
        Sequential model = Sequential.of(new Dense(4, 6), new nnj.api.layers.BatchNorm(6), new ReLU(), new Dense(6, 3));
        Trainer.on(new NaiveBackend()).epochs(2).seed(4).build().fit(model, Blobs.of(90, 1));
        Path file = dir.resolve("bn.safetensors");
        model.save(file);
        Sequential loaded = Sequential.loadOnHost(file);
        assertEquals(2, loaded.buffers().size());
        for (int i = 0; i < 2; i++) {
            // training moved them off their start (0 and 1): a reload that dropped them would fail here
            assertArrayEquals(model.buffers().get(i).values(), loaded.buffers().get(i).values(), 0f);
        }
        assertTrue(model.buffers().get(0).values()[0] != 0f);
    }
}
