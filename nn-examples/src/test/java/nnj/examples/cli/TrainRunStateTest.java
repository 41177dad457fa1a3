package nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import nnj.api.layers.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --checkpoint}, {@code --resume} and {@code --diagnose}, run in-process on the naive backend. */
class TrainRunStateTest {
    @TempDir
    Path dir;

    private static final String[] RUN = {"train", "--dataset", "iris", "--schedule", "constant", "--backend", "naive",
        "--batch-size", "16"};

    private static String[] with(String... more) {
        String[] out = new String[RUN.length + more.length];
        System.arraycopy(RUN, 0, out, 0, RUN.length);
        System.arraycopy(more, 0, out, RUN.length, more.length);
        return out;
    }

    @Test
    void twoEpochsThenResumingToSixEqualsSixStraight() throws Exception {
        JsonObject straight = Cli.run(with("--epochs", "6", "--json")).json();
        Path ck = dir.resolve("run");
        Cli.run(with("--epochs", "2", "--checkpoint", ck.toString(), "--json")).json();
        assertTrue(Files.exists(ck.resolve("checkpoint.safetensors")) && Files.exists(ck.resolve("run.json")));
        // only --resume and the new epoch count: every other option comes from DIR/run.json
        JsonObject resumed = Cli.run("train", "--resume", ck.toString(), "--epochs", "6", "--json").json();
        assertEquals(6, resumed.get("epochs").getAsInt());
        // same backend and thread count: bitwise the same, so exact equality of the printed doubles
        for (String key : new String[] {"train_loss", "test_loss", "test_accuracy"}) {
            assertEquals(straight.get(key).getAsDouble(), resumed.get(key).getAsDouble(), 0.0, key);
        }
        assertTrue(Files.readString(ck.resolve("run.json")).contains("\"--epochs\",\"6\""),
                "the extended epoch count is saved for the next resume");
        // the checkpoint is also a model file
        Sequential model = Sequential.load(ck.resolve("checkpoint.safetensors"));
        assertEquals(4, model.inputWidth());
    }

    @Test
    void resumeTextSaysWhereItContinues() {
        Path ck = dir.resolve("run");
        Cli.run(with("--epochs", "1", "--checkpoint", ck.toString(), "--quiet"));
        Cli.Run r = Cli.run("train", "--resume", ck.toString(), "--epochs", "3", "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("resuming from " + ck.resolve("checkpoint.safetensors") + ": 1 of 3 epochs done (adam, step 7)"),
                r.out());
        assertTrue(r.out().contains("trained 3 epochs"), r.out());
    }

    @Test
    void refusesOptionsThatContradictTheCheckpoint() {
        Path ck = dir.resolve("run");
        Cli.run(with("--epochs", "1", "--checkpoint", ck.toString(), "--quiet"));
        Cli.Run r = Cli.run("train", "--resume", ck.toString(), "--lr", "0.05");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--lr 0.05 contradicts the checkpointed run") && r.err().contains("leave --lr out"),
                r.err());
        r = Cli.run("train", "--resume", ck.toString(), "--dataset", "wine");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--dataset wine contradicts") && r.err().contains("--dataset iris"), r.err());
    }

    @Test
    void refusesADirectoryThatIsNotACheckpointAndAMismatchedModel() throws Exception {
        Cli.Run r = Cli.run("train", "--resume", dir.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("has no run.json"), r.err());

        Path ck = dir.resolve("run");
        Cli.run(with("--epochs", "1", "--checkpoint", ck.toString(), "--quiet"));
        // someone edits run.json: the options now build another architecture than the checkpoint holds
        Path runJson = ck.resolve("run.json");
        Files.writeString(runJson, Files.readString(runJson).replace("\"--epochs\"", "\"--layers\",\"8\",\"--epochs\""));
        r = Cli.run("train", "--resume", ck.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("holds a different model"), r.err());
    }

    @Test
    void foldsAndCheckpointsDoNotMix() {
        Cli.Run r = Cli.run(with("--folds", "3", "--checkpoint", dir.toString()));
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("drop --folds"), r.err());
    }

    @Test
    void diagnosePrintsEveryEpochAndAHealthyRunFinishes() {
        Cli.Run r = Cli.run(with("--epochs", "2", "--diagnose", "--quiet"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("diagnose before training:"), r.out());
        assertTrue(r.out().contains("diagnose epoch 2 (train loss"), r.out());
        assertTrue(r.out().contains("dense+relu"), r.out());
    }

    @Test
    void diagnoseStopsADivergingRunWithAHint() {
        Cli.Run r = Cli.run(with("--epochs", "5", "--diagnose", "--quiet", "--optimizer", "sgd", "--lr", "1e9"));
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().startsWith("nnj: "), r.err());
        assertTrue(r.err().contains("layer") && r.err().contains("learning rate"), r.err());
    }

    @Test
    void withoutDiagnoseANanLossStillStopsWithAMessage() {
        Cli.Run r = Cli.run(with("--epochs", "5", "--quiet", "--optimizer", "sgd", "--lr", "1e9"));
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains("the training loss became") && r.err().contains("--diagnose"), r.err());
    }
}
