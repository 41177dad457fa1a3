package nnj.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import nnj.data.DataFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetResolverTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    /** Options that never touch the real cache, network or system directories. */
    private DatasetResolver.Options options() {
        return new DatasetResolver.Options()
                .cacheDir(tmp.resolve("cache"))
                .progress(false)
                .log(new PrintStream(logBytes, true))
                .systemDirs(List.of());
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetResolver.resolve("cifar10", options()));
        String m = e.getMessage();
        assertTrue(m.startsWith("unknown dataset 'cifar10'; choose one of:"), m);
        for (String name : List.of("digits", "iris", "wine", "breast-cancer", "diabetes", "sine", "mnist",
                "fashion-mnist", "idx:DIR", "csv:FILE")) {
            assertTrue(m.contains("\n  " + name + " "), name + " missing from: " + m);
        }
    }

    @Test
    void aBarePathGetsAHint() throws IOException {
        Path csv = Files.writeString(tmp.resolve("mine.csv"), "a,b\n1,2\n");
        String m = assertThrows(IllegalArgumentException.class,
                () -> DatasetResolver.resolve(csv.toString(), options())).getMessage();
        assertTrue(m.contains("(to read that file as CSV, write csv:" + csv + ")"), m);
        String d = assertThrows(IllegalArgumentException.class,
                () -> DatasetResolver.resolve(tmp.toString(), options())).getMessage();
        assertTrue(d.contains("write idx:" + tmp), d);
    }

    @Test
    void targetOnANamedSetIsRefused() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> DatasetResolver.resolve("iris", options().target("species"))).getMessage();
        assertTrue(m.contains("--target and --task apply to csv:FILE only"), m);
    }

    @Test
    void defaultIsDigitsSplitFromTheSeed() {
        DatasetResolver.Split s = DatasetResolver.resolve(null, options());
        assertEquals("digits", s.train().name());
        assertEquals(1797, s.train().size() + s.test().size());
        assertEquals(359, s.test().size()); // round(1797 × 0.2), shared over the classes
        assertTrue(s.description().contains("stratified, seed 42"), s.description());
        DatasetResolver.Split again = DatasetResolver.resolve("digits", options());
        assertArrayEquals(s.test().featureArray(), again.test().featureArray());
    }

    @Test
    void bundledNamesResolve() {
        assertEquals(3, DatasetResolver.resolve("iris", options()).train().classCount());
        assertEquals(13, DatasetResolver.resolve("wine", options()).train().featureCount());
        assertEquals(2, DatasetResolver.resolve("breast_cancer", options()).test().classCount());
        DatasetResolver.Split diabetes = DatasetResolver.resolve("Diabetes", options());
        assertEquals(Task.REGRESSION, diabetes.train().task());
        assertEquals(442, diabetes.train().size() + diabetes.test().size());
    }

    @Test
    void sineUsesSamplesNoiseAndSeed() {
        DatasetResolver.Split s = DatasetResolver.resolve("sine", options().samples(300).noise(0.2).seed(5));
        assertEquals(300, s.train().size() + s.test().size());
        assertEquals(60, s.test().size());
        assertTrue(s.description().contains("N(0, 0.2²)"), s.description());
    }

    @Test
    void csvWithTargetAndTask() throws IOException {
        Path csv = tmp.resolve("points.csv");
        StringBuilder text = new StringBuilder("a,b,kind\n");
        for (int i = 0; i < 40; i++) {
            text.append(i).append(',').append(i * 0.5).append(',').append(i % 2).append('\n');
        }
        Files.writeString(csv, text);
        DatasetResolver.Split s = DatasetResolver.resolve("csv:" + csv, options().target("kind"));
        assertEquals(Task.CLASSIFICATION, s.train().task());
        assertEquals(2, s.train().featureCount());
        assertEquals(8, s.test().size());
        assertTrue(s.description().contains("target 'kind' → classification"), s.description());
        DatasetResolver.Split r = DatasetResolver.resolve("csv:" + csv, options().target("b").task(Task.REGRESSION));
        assertEquals(Task.REGRESSION, r.train().task());
        assertThrows(DataFileException.class, () -> DatasetResolver.resolve("csv:" + tmp.resolve("none.csv"),
                options()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetResolver.resolve("csv:", options()))
                .getMessage().contains("needs a file after the colon"));
    }

    @Test
    void idxDirectoryUsesItsOwnTestFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("tiny"));
        for (Map.Entry<String, byte[]> e : TestFiles.tinyMnistGz().entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
        DatasetResolver.Split s = DatasetResolver.resolve("idx:" + dir, options());
        assertEquals(10, s.train().size());
        assertEquals(4, s.test().size());
        assertArrayEquals(new int[] {3, 2}, s.train().sampleShape());
        assertEquals((2 + 3) / 255f, s.test().feature(2, 3), 0f);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DatasetResolver.resolve("idx:" + tmp.resolve("absent"), options())).getMessage()
                .contains("no such directory"));
    }

    @Test
    void systemPackageDirectoryIsUsedWithoutChecksums() throws IOException {
        // Files whose MD5s match nothing published (like Debian's re-compressed ones) are accepted
        // from a system directory: they are only checked structurally.
        Path system = Files.createDirectories(tmp.resolve("usr-share-datasets-fashion-mnist"));
        for (Map.Entry<String, byte[]> e : TestFiles.tinyMnistGz().entrySet()) {
            Files.write(system.resolve(e.getKey()), e.getValue());
        }
        DatasetResolver.Split s = DatasetResolver.resolve("fashion-mnist", options().systemDirs(List.of(system)));
        assertEquals("Ankle boot", s.train().classNames().get(9));
        assertEquals(10, s.train().size());
        assertTrue(s.description().contains(system.toString()), s.description());
    }

    @Test
    void mnistDownloadsFromTheMirrorIntoTheCache() throws IOException {
        Map<String, byte[]> files = TestFiles.tinyMnistGz();
        try (TestFiles.Server server = new TestFiles.Server(files)) {
            DatasetResolver.Options o = options().mirror(server.base()).checksums(TestFiles.md5Of(files));
            DatasetResolver.Split s = DatasetResolver.resolve("mnist", o);
            assertEquals(10, s.train().size());
            assertTrue(Files.isRegularFile(tmp.resolve("cache/mnist/train-images-idx3-ubyte.gz")));
            assertTrue(s.description().contains("downloaded, MD5 verified"), s.description());
            DatasetResolver.Split cached = DatasetResolver.resolve("mnist", o);
            assertTrue(cached.description().contains("cached, MD5 verified"), cached.description());
            assertEquals(1, server.requestsFor("train-images-idx3-ubyte.gz"));
        }
    }

    @Test
    void mirrorServingOtherFilesIsRefusedByThePublishedChecksums() throws IOException {
        // The real published MNIST MD5s, and a mirror that serves generated files: every file must fail.
        try (TestFiles.Server server = new TestFiles.Server(TestFiles.tinyMnistGz())) {
            DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                    () -> DatasetResolver.resolve("mnist", options().mirror(server.base())));
            assertTrue(e.getMessage().contains("does not match the published f68b3c2dcbeaaa9fbdd348bbdeb94873")
                    || e.getMessage().contains("does not match the published"), e.getMessage());
            try (var files = Files.list(tmp.resolve("cache/mnist"))) {
                assertEquals(0, files.count(), "no partial or unverified file may stay in the cache");
            }
        }
    }

    @Test
    void offlineMessageSaysWhatToDo() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }
        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> DatasetResolver.resolve("fashion-mnist", options().mirror(closed)));
        String m = e.getMessage();
        assertTrue(m.contains("cannot download Fashion-MNIST: no mirror could be reached (offline?)"), m);
        assertTrue(m.contains("sudo apt-get install dataset-fashion-mnist"), m);
        assertTrue(m.contains("--dataset idx:DIR"), m);
        assertTrue(m.contains("NNJ_FASHION_MNIST_MIRROR"), m);
    }

    @Test
    void unsplitForFolds() {
        Dataset all = DatasetResolver.resolveUnsplit("diabetes", options());
        assertEquals(442, all.size());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DatasetResolver.resolveUnsplit("mnist", options())).getMessage()
                .contains("comes with fixed training and test files"));
    }

    /**
     * A test file without class 1 has classes {0, 2} of its own (indices 0 and 1); mapped by name onto
     * the training classes {0, 1, 2} its "2" rows must get index 2. A class training never saw is refused by name.
     */
    @Test
    void testFileMayLackATrainingClassButNotAddOne() throws IOException {
        Path train = Files.writeString(tmp.resolve("train.csv"), "a,b,k\n0,1,0\n1,0,1\n2,2,2\n3,1,0\n1,3,1\n0,2,2\n");
        Path test = Files.writeString(tmp.resolve("test.csv"), "a,b,k\n5,5,2\n6,6,0\n7,7,2\n");
        DatasetResolver.Split s = DatasetResolver.resolve("csv:" + train, "csv:" + test, options().target("k"));
        assertEquals(List.of("0", "1", "2"), s.test().classNames());
        int[] labels = new int[s.test().size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = s.test().label(i);
        }
        assertArrayEquals(new int[] {2, 0, 2}, labels);
        assertEquals(List.of("a", "b"), s.test().featureNames());
        assertTrue(s.description().endsWith("no samples of class 1"), s.description());

        Path unseen = Files.writeString(tmp.resolve("unseen.csv"), "a,b,k\n5,5,2\n6,6,7\n7,7,9\n8,8,7\n");
        String message = assertThrows(IllegalArgumentException.class,
                () -> DatasetResolver.resolve("csv:" + train, "csv:" + unseen, options().target("k"))).getMessage();
        assertTrue(message.startsWith("--test-dataset csv:" + unseen + ": ")
                && message.endsWith("has classes 7, 9, not among the training classes 0, 1, 2"), message);

        Path oneClass = Files.writeString(tmp.resolve("positives.csv"), "a,b,k\n5,5,2\n6,6,2\n");
        DatasetResolver.Split only2 = DatasetResolver.resolve("csv:" + train, "csv:" + oneClass, options().target("k"));
        assertEquals(List.of("0", "1", "2"), only2.test().classNames(), "a test file of one class is scored, not refused");
        assertEquals(2, only2.test().label(1));
    }

    @Test
    void aRegressionTestFileMayHaveAConstantTarget() throws IOException {
        Path train = Files.writeString(tmp.resolve("train.csv"), "a,y\n0,0.5\n1,1.5\n2,2.5\n3,3.5\n");
        Path test = Files.writeString(tmp.resolve("test.csv"), "a,y\n5,1.0\n6,1.0\n");
        DatasetResolver.Split s = DatasetResolver.resolve("csv:" + train, "csv:" + test, options().target("y"));
        assertEquals(2, s.test().size()); // scored (its R² is n/a), where a training file like it is refused
        assertThrows(IllegalArgumentException.class,
                () -> DatasetResolver.resolve("csv:" + test, "csv:" + train, options().target("y")));
    }
}
