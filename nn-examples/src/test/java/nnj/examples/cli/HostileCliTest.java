package nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import nnj.api.layers.Dense;
import nnj.api.layers.Sequential;
import nnj.examples.data.DatasetResolver;
import nnj.examples.run.TrainingRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against hostile options and model files (docs/RELIABILITY.md): sizes that
 * cannot fit are refused before any weight exists, output paths before any training, a model
 * file's recorded data is read only when bundled, and odd values print sensibly.
 */
class HostileCliTest {
    @TempDir
    static Path dir;
    static Path irisModel;

    @BeforeAll
    static void trainSmallModel() {
        irisModel = Cli.irisModel(dir, 1);
    }

    /** Exit 1 (2 for a value picocli refuses), one {@code nnj:} line with a help pointer, nothing on stdout. */
    private static String fails(int exit, String expected, String... args) {
        Cli.Run r = Cli.run(args);
        assertEquals(exit, r.exit(), String.join(" ", args) + ": " + r.err());
        String err = r.err().strip();
        assertTrue(err.startsWith("nnj: ") && err.endsWith(" --help)"), err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
        assertFalse(err.contains("Exception") || err.contains("Error"), "a Java class name: " + err);
        assertEquals("", r.out(), "nothing printed, nothing trained");
        return err;
    }

    @Test
    void networksThatCannotFitTheHeapAreRefusedWithTheirSize() {
        // 2e9 hidden units: 6e9 parameters, 96 GB; refused before the data is even read.
        String hidden = fails(1, "6,000,000,001 parameters", "train", "--dataset", "iris", "--layers", "2000000000");
        assertTrue(hidden.contains("needs 96 GB, but the Java heap has") && hidden.contains("NNJ_JAVA_OPTS=-Xmx")
                && hidden.contains("use smaller layers"), hidden);
        // Once the data is known, with its widths and the batch: 100,000 units, each with its activation and
        // dropout, for 100,000 samples are 3e10 values (240 GB).
        fails(1, "MLP 64-100000-10", "train", "--layers", "100000", "--batch-size", "100000", "--json");
        // A conv spec: conv20000 after conv20000 is 3.6e9 weights, refused before that layer is built.
        fails(1, "3,600,220,000 parameters", "train", "--dataset", "digits", "--arch", "conv20000,conv20000",
                "--input-shape", "1,8,8");
        // Few parameters but huge activations: 4096 channels of 8×8 for a batch of 100,000.
        String acts = fails(1, "plus the activations of a batch of 100000", "train", "--dataset", "digits", "--arch",
                "conv4096", "--input-shape", "1,8,8", "--batch-size", "100000");
        assertTrue(acts.contains("--batch-size"), acts);
        fails(1, "99999999999 is too large", "train", "--dataset", "digits", "--arch", "conv99999999999",
                "--input-shape", "1,8,8");
    }

    @Test
    void outputPathsAreCheckedBeforeTraining() throws Exception {
        Path existing = Files.createDirectories(dir.resolve("outdir"));
        fails(2, "'" + existing + "/' names a directory, not a file; add a file name, such as " + existing
                + "/model.safetensors", "train", "--dataset", "iris", "--out", existing + "/");
        fails(2, "names a directory", "predict", "--model", irisModel.toString(), "--input", "x.csv",
                "--output", existing + "/..");
        fails(1, "--out " + existing + " is a directory, not a file", "train", "--dataset", "iris", "--out",
                existing.toString());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        fails(1, "--out " + file.resolve("sub/m.safetensors") + ": " + file + " is a file, not a directory", "train",
                "--dataset", "iris", "--out", file.resolve("sub/m.safetensors").toString());
        fails(1, "--plot " + file + " is a file, not a directory", "train", "--dataset", "iris", "--plot",
                file.toString());
        fails(1, file + " is a file, not a directory", "train", "--dataset", "iris", "--checkpoint",
                file.resolve("sub").toString());
        fails(1, file + " is a file, not a directory", "predict", "--model", irisModel.toString(), "--input", "x.csv",
                "--output", file.resolve("p.csv").toString());
        if (Files.isDirectory(Path.of("/proc"))) { // Linux: a directory where even root cannot create a file
            fails(1, "--out /proc/nope/m.safetensors: cannot write in /proc", "train", "--dataset", "iris", "--out",
                    "/proc/nope/m.safetensors");
        }
        // A missing directory is fine (the writer creates it); the check creates nothing and leaves no probe file.
        nnj.examples.cli.options.OutputPaths.requireWritableFile("--out", existing.resolve("new/m.safetensors"));
        nnj.examples.cli.options.OutputPaths.requireWritableDirectory("--plot", existing.resolve("plots"));
        try (var left = Files.list(existing)) {
            assertEquals(0, left.count(), "nothing created in " + existing);
        }
    }

    @Test
    void evaluateReadsOnlyDataTheUserNamesOrABundledSet() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.csv"), "TOP-SECRET-LINE\nroot:x:0:0\n");
        Sequential model = Sequential.load(irisModel);
        Path recordsPath = dir.resolve("records-path.safetensors");
        new TrainingRecord("csv:" + secret, 42, 0.2, null, null, null, null).save(model, recordsPath);
        String err = fails(1, "give it with --dataset", "evaluate", "--model", recordsPath.toString());
        assertTrue(err.contains("csv:" + secret), "names what the file records: " + err);
        assertFalse(err.contains("TOP-SECRET") || err.contains("root:x"), "quotes the file: " + err);
        // a catalog set would be downloaded: only when the user asks for it
        Path recordsMnist = dir.resolve("records-mnist.safetensors");
        new TrainingRecord("mnist", 42, 0, null, null, null, null).save(model, recordsMnist);
        fails(1, "the model file says it was trained on mnist", "evaluate", "--model", recordsMnist.toString());
        // a recorded test file beside a bundled training set: refused unless named, --all needs none
        Path recordsTest = dir.resolve("records-test.safetensors");
        new TrainingRecord("iris", 42, 0, null, null, null, "csv:" + secret).save(model, recordsTest);
        fails(1, "give it with --test-dataset", "evaluate", "--model", recordsTest.toString(), "--backend", "naive");
        Cli.Run all = Cli.run("evaluate", "--model", recordsTest.toString(), "--all", "--json", "--backend", "naive");
        assertEquals(150, all.json().get("samples").getAsInt(), all.err());
        // the user's own file, named: read as before
        Path own = Files.writeString(dir.resolve("own.csv"), irisCsv());
        Path ownModel = dir.resolve("own.safetensors");
        assertEquals(0, Cli.run("train", "--dataset", "csv:" + own, "--epochs", "1", "--quiet", "--backend", "naive",
                "--out", ownModel.toString()).exit());
        fails(1, "give it with --dataset", "evaluate", "--model", ownModel.toString());
        Cli.Run named = Cli.run("evaluate", "--model", ownModel.toString(), "--dataset", "csv:" + own, "--json",
                "--backend", "naive");
        assertEquals(30, named.json().get("samples").getAsInt(), named.err());
    }

    private static String irisCsv() {
        Dataset iris = nnj.examples.data.BundledData.iris();
        StringBuilder sb = new StringBuilder("a,b,c,d,y\n");
        for (int i = 0; i < iris.size(); i++) {
            for (int j = 0; j < 4; j++) {
                sb.append(iris.feature(i, j)).append(',');
            }
            sb.append(iris.label(i)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void r2OfAConstantTestTargetIsNotAvailableAndOlsSaysWhyOnce() throws Exception {
        // 40 rows with y = 1.5 and one with y = 2.5, split with a seed that leaves the odd row in training:
        // the test targets are then constant, and R² (1 − SS_res/SS_tot with SS_tot = 0) has no value.
        StringBuilder sb = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 41; i++) {
            sb.append(i * 0.25).append(',').append(i * 0.5).append(',').append(i == 7 ? "2.5" : "1.5").append('\n');
        }
        Path csv = Files.writeString(dir.resolve("nearly-constant.csv"), sb.toString());
        long seed = seedWithConstantTestTarget(csv);
        String[] args = {"train", "--dataset", "csv:" + csv, "--epochs", "1", "--quiet", "--backend", "naive",
            "--seed", Long.toString(seed)};
        Cli.Run text = Cli.run(args);
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("network\\s+n/a\\s+.*")), text.out());
        assertFalse(text.out().contains("NaN"), text.out());
        // b = 2a: the OLS baseline cannot run, and says so in one sentence
        assertTrue(text.out().contains("\nOLS baseline skipped: the features are collinear"), text.out());
        assertFalse(text.out().contains("skipped: OLS"), text.out());
        String[] json = java.util.Arrays.copyOf(args, args.length + 1);
        json[args.length] = "--json";
        JsonObject o = Cli.run(json).json();
        assertTrue(o.has("r2") && o.get("r2").isJsonNull(), o.toString());
        assertTrue(o.get("rmse").getAsDouble() >= 0, o.toString());
    }

    /** The first seed whose test part of {@code csv} has a single target value (train's split). */
    private static long seedWithConstantTestTarget(Path csv) {
        for (long seed = 1; seed < 100; seed++) {
            Dataset test = DatasetResolver.resolve("csv:" + csv, new DatasetResolver.Options().seed(seed)).test();
            float[] y = test.targetArray();
            boolean constant = true;
            for (float v : y) {
                constant &= v == y[0];
            }
            if (constant) {
                return seed;
            }
        }
        throw new AssertionError("no seed in 1..99 leaves row 8 out of the test part");
    }

    @Test
    void predictQuotesClassNamesAndNamesTheInputLine() throws Exception {
        Dense dense = new Dense(2, 3);
        Sequential model = Sequential.of(dense);
        model.initialize(1);
        dense.weight().setValues(new float[] {1, 0, 0, 0, 1, 0}); // (in, out): output j = x_j, class 3 gets 0
        model.metadata().setTask(Task.CLASSIFICATION, List.of("a,b", "say \"hi\"", "plain"));
        Path file = dir.resolve("odd-names.safetensors");
        model.save(file);
        Path input = Files.writeString(dir.resolve("in.csv"), "x,y\n5,0\n0,5\n-5,-5\n");
        Cli.Run r = Cli.run("predict", "--model", file.toString(), "--input", input.toString(), "--backend", "naive");
        assertEquals(0, r.exit(), r.err());
        // RFC 4180: fields with a comma, a quote or a line break are quoted, quotes doubled
        List<String> lines = r.out().lines().toList();
        assertEquals("class,\"p_a,b\",\"p_say \"\"hi\"\"\",p_plain", lines.get(0));
        assertTrue(lines.get(1).startsWith("\"a,b\",") && lines.get(2).startsWith("\"say \"\"hi\"\"\",")
                && lines.get(3).startsWith("plain,"), r.out());
        // the model loader refuses names with line breaks; the quoting would still keep a row on its record
        assertEquals("\"two\nlines\"", PredictCommand.quote("two\nlines"));
        assertEquals("\"cr\rhere\"", PredictCommand.quote("cr\rhere"));
        // 3e38 + 3e38 overflows: the header is line 1, a comment line 3, so the bad row is line 5
        Path overflow = Files.writeString(dir.resolve("overflow.csv"), "x,y\n1,2\n# note\n3,4\n3e38,3e38\n");
        dense.weight().setValues(new float[] {1, 1, 1, 1, 1, 1});
        model.save(file);
        fails(1, overflow + " line 5: the model's output is", "predict", "--model", file.toString(), "--input",
                overflow.toString(), "--backend", "naive");
    }
}
