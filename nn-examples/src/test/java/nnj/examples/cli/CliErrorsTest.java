package nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every user error ends with exit code 1 (2 for a flag picocli cannot parse) and one message on
 * stderr that names what was wrong; never a stack trace. Each test checks the words a user needs.
 */
class CliErrorsTest {
    @TempDir
    static Path dir;
    static Path irisModel;

    /** A tiny iris model (4 features, 3 classes) for the model-file errors; 2 epochs is plenty for that. */
    @BeforeAll
    static void trainSmallModel() {
        irisModel = Cli.irisModel(dir, 2);
    }

    private static void fails(String expected, String... args) {
        Cli.Run r = Cli.run(args);
        assertEquals(1, r.exit(), "exit code of " + String.join(" ", args) + "; stderr: " + r.err());
        assertTrue(r.err().startsWith("nnj: "), r.err());
        assertTrue(r.err().strip().endsWith(" --help)") || r.err().strip().contains("\n"),
                "neither a pointer to help nor a list of choices: " + r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertFalse(r.err().contains("\tat "), "a stack trace was printed: " + r.err());
        assertEquals("", r.out(), "nothing should go to stdout on an error");
    }

    @Test
    void unknownDatasetListsTheChoices() {
        fails("unknown dataset 'cifar10'; choose one of:", "train", "--dataset", "cifar10");
        fails("fashion-mnist", "train", "--dataset", "cifar10");
    }

    @Test
    void missingCsvFile() {
        fails("no such file", "train", "--dataset", "csv:" + dir.resolve("absent.csv"));
    }

    @Test
    void badTargetColumnNamesTheColumns() throws Exception {
        Path csv = dir.resolve("small.csv");
        Files.writeString(csv, "a,b,y\n1,2,3\n2,3,5\n3,4,7\n4,5,9\n5,6,11\n6,7,13\n");
        fails("no column named 'zz'; the columns are a, b, y", "train", "--dataset", "csv:" + csv, "--target", "zz");
        fails("there is no column 9", "train", "--dataset", "csv:" + csv, "--target", "9");
    }

    @Test
    void targetOnANamedDatasetIsRefused() {
        fails("--target and --task apply to csv:FILE only", "train", "--dataset", "iris", "--target", "1");
    }

    @Test
    void noiseOnlyForSine() {
        fails("--noise applies to --dataset sine only", "train", "--dataset", "iris", "--noise", "0.3");
    }

    @Test
    void threadCountsOutsideWhatTheMachineCanUseAreRefusedBeforeAnyWork() {
        fails("--threads must be between 1 and", "train", "--threads", "100000", "--backend", "naive");
        fails("--threads must be between 1 and", "train", "--threads", "0", "--backend", "naive");
        fails("--threads must be between 1 and", "bench", "gemm", "--threads", "100000", "--backend", "naive");
    }

    @Test
    void badLayers() {
        fails("--layers expects positive hidden widths separated by commas", "train", "--layers", "64,abc");
        fails("'0' in '0' is not one", "train", "--layers", "0");
        fails("'-5'", "compare", "--layers", "32,-5");
    }

    @Test
    void badActivationOptimizerAndSchedule() {
        fails("unknown activation 'swish'", "train", "--activation", "swish", "--dataset", "iris");
        fails("unknown optimizer 'lbfgs'", "train", "--optimizer", "lbfgs", "--dataset", "iris");
        fails("unknown schedule 'linear'", "train", "--schedule", "linear", "--dataset", "iris");
        fails("--dropout must be in [0, 1)", "train", "--dropout", "1.5", "--dataset", "iris");
    }

    @Test
    void unknownBackendListsTheBackends() {
        fails("unknown backend 'cuda'", "train", "--backend", "cuda");
        fails("naive", "train", "--backend", "cuda");
        fails("unknown backend 'cuda'", "compare", "--backends", "naive,cuda");
    }

    @Test
    void foldsRefuseSingleRunOptions() {
        fails("--out and --plot apply to a single run", "train", "--folds", "3", "--out", dir.resolve("m").toString());
        fails("comes with fixed training and test files", "train", "--folds", "3", "--dataset", "idx:" + dir);
        fails("the fold count must be in 2..", "train", "--folds", "1", "--dataset", "iris");
    }

    @Test
    void missingModelFile() {
        fails("model file " + dir.resolve("none.safetensors") + ": no such file", "evaluate", "--model",
                dir.resolve("none.safetensors").toString());
        fails("no such file", "predict", "--model", dir.resolve("none.safetensors").toString(), "--input",
                dir.resolve("x.csv").toString());
    }

    @Test
    void fileThatIsNotAModel() throws Exception {
        Path junk = dir.resolve("junk.safetensors");
        Files.writeString(junk, "this is not a model");
        fails(junk.toString(), "evaluate", "--model", junk.toString());
    }

    @Test
    void evaluateOnDataOfAnotherWidth() {
        fails("takes 4 input features but digits has 64; it was trained on iris", "evaluate", "--model",
                irisModel.toString(), "--dataset", "digits");
    }

    @Test
    void evaluateOnDataOfAnotherTask() throws Exception {
        Path csv = dir.resolve("four.csv");
        StringBuilder sb = new StringBuilder("a,b,c,d,y\n");
        for (int i = 0; i < 40; i++) {
            sb.append(i).append(',').append(i % 3).append(',').append(i * 0.5).append(",1,").append(i * 0.37).append('\n');
        }
        Files.writeString(csv, sb.toString());
        fails("was trained for classification but four is a regression dataset", "evaluate", "--model",
                irisModel.toString(), "--dataset", "csv:" + csv, "--task", "regression");
    }

    @Test
    void predictRefusesACsvOfTheWrongWidth() throws Exception {
        Path three = dir.resolve("three.csv");
        Files.writeString(three, "1,2,3\n4,5,6\n");
        fails(three + " has 3 columns but the model " + irisModel + " takes 4 features", "predict", "--model",
                irisModel.toString(), "--input", three.toString());
        Path five = dir.resolve("five.csv");
        Files.writeString(five, "1,2,3,4,0\n4,5,6,7,1\n");
        fails("is the target column still in the file? leave it out", "predict", "--model", irisModel.toString(),
                "--input", five.toString());
    }

    @Test
    void predictRefusesAMissingValueWithItsPlace() throws Exception {
        Path gap = dir.resolve("gap.csv");
        Files.writeString(gap, "1,2,3,4\n4,,6,7\n");
        fails("line 2, column 2", "predict", "--model", irisModel.toString(), "--input", gap.toString());
    }

    @Test
    void unparsableNumbersAreParseErrors() {
        Cli.Run r = Cli.run("train", "--epochs", "ten");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Invalid value for option '--epochs'"), r.err());
        // one line with a pointer to help, not the usage dump
        assertTrue(r.err().startsWith("nnj: ") && r.err().strip().endsWith("(see nnj train --help)"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        Cli.Run unknown = Cli.run("evaluate", "--modle", "m.safetensors");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("nnj: ") && unknown.err().contains("(see nnj evaluate --help)"), unknown.err());
        assertFalse(unknown.err().contains("Usage:"), unknown.err());
    }

    @Test
    void aTrainingPartTooSmallForItsValidationPartNamesTheOptionsToChange() {
        Cli.Run r = Cli.run("train", "--test-fraction", "0.999", "--epochs", "1", "--backend", "naive", "--quiet");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().startsWith("nnj: the 2 training samples are too few to hold out a 0.1 validation part;"),
                r.err());
        assertTrue(r.err().contains("--validation-fraction 0"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void splitOptionsThatCannotWorkTogether() {
        fails("--test-fraction 0 leaves no test data; to train on all of --dataset, give the test data with"
                + " --test-dataset", "train", "--dataset", "iris", "--test-fraction", "0");
        fails("leave one of them out", "train", "--dataset", "iris", "--test-dataset", "wine", "--test-fraction", "0.3");
        fails("--test-dataset wine has 13 features but --dataset iris has 4", "train", "--dataset", "iris",
                "--test-dataset", "wine");
        fails("--validation-fraction 0 leaves no validation part", "train", "--validation-fraction", "0",
                "--early-stopping", "5");
        fails("unknown --init 'orthogonal'; use he, xavier, lecun, uniform or uniform01", "train", "--init", "orthogonal");
    }

    @Test
    void helpAndVersionSayWhatTheyShould() {
        String version = Cli.run("--version").out();
        assertTrue(version.matches("(?s)nnj \\d+\\.\\d+\\.\\d+\\S*\\R.*"), "a version number: " + version);
        String compare = Cli.run("compare", "--help").out();
        assertTrue(compare.contains("--backends=NAME[,NAME...]"), compare);
        String evaluate = Cli.run("evaluate", "--help").out().replaceAll("\\s+", " "); // as one line: help wraps
        assertTrue(evaluate.contains("for evaluate, the seed the model was trained with"), evaluate);
        assertFalse(evaluate.contains("(default: 42)"), "evaluate takes the seed from the model: " + evaluate);
    }
}
