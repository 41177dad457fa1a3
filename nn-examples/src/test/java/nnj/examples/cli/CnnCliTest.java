package nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nnj.api.data.Dataset;
import nnj.api.layers.Sequential;
import nnj.examples.data.BundledData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --arch} end to end on the bundled 8×8 digits with a tiny conv net (naive backend, one or
 * two epochs): save, evaluate, predict, plots, diagnostics, checkpoint and resume, compare, and the
 * refusal of flat data.
 */
class CnnCliTest {
    private static final String SPEC = "conv4k3,pool2";

    @TempDir
    Path dir;

    private static String[] train(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--dataset", "digits", "--arch", SPEC,
                "--backend", "naive", "--schedule", "constant"));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void savedCnnEvaluatesPredictsAndPlots() throws Exception {
        Path model = dir.resolve("cnn.safetensors");
        Path plots = dir.resolve("plots");
        JsonObject trained = Cli.run(train("--epochs", "2", "--json", "--out", model.toString(), "--plot",
                plots.toString())).json();
        assertTrue(trained.get("test_accuracy").getAsDouble() > 0.2, trained.toString()); // chance is 0.1
        assertEquals("CNN 1×8×8 conv4k3,pool2 → 10 relu", trained.get("architecture").getAsString());
        assertTrue(Files.exists(plots.resolve("loss.png")) && Files.exists(plots.resolve("confusion.png")));

        Sequential loaded = Sequential.load(model);
        assertEquals("Unflatten", loaded.layers().get(0).type());
        assertEquals(64, loaded.inputWidth());
        // per-channel standardisation: one mean and one std for all 64 pixels of the grey channel
        float[] mean = loaded.metadata().normalization().mean();
        float[] std = loaded.metadata().normalization().std();
        for (int j = 1; j < 64; j++) {
            assertEquals(mean[0], mean[j], 0f);
            assertEquals(std[0], std[j], 0f);
        }

        JsonObject evaluated = Cli.run("evaluate", "--model", model.toString(), "--json", "--backend", "naive").json();
        assertEquals(trained.get("test_accuracy").getAsDouble(), evaluated.get("test_accuracy").getAsDouble(), 1e-12);

        Dataset digits = BundledData.digits();
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 64; j++) {
                csv.append(j == 0 ? "" : ",").append(digits.feature(i, j));
            }
            csv.append('\n');
        }
        Path input = Files.writeString(dir.resolve("x.csv"), csv.toString());
        Cli.Run predicted = Cli.run("predict", "--model", model.toString(), "--input", input.toString(),
                "--backend", "naive");
        assertEquals(0, predicted.exit(), predicted.err());
        assertEquals(4, predicted.out().lines().count(), predicted.out());
    }

    @Test
    void checkpointResumeAndDiagnoseWork() {
        JsonObject straight = Cli.run(train("--epochs", "2", "--json")).json();
        Path ck = dir.resolve("run");
        Cli.run(train("--epochs", "1", "--checkpoint", ck.toString(), "--json")).json();
        JsonObject resumed = Cli.run("train", "--resume", ck.toString(), "--epochs", "2", "--json").json();
        // same backend and threads: the resumed run is bitwise the straight one
        assertEquals(straight.get("test_loss").getAsDouble(), resumed.get("test_loss").getAsDouble(), 0.0);

        Cli.Run diagnosed = Cli.run(train("--epochs", "1", "--diagnose", "--quiet"));
        assertEquals(0, diagnosed.exit(), diagnosed.err());
        assertTrue(diagnosed.out().contains("diagnose epoch 1"), diagnosed.out());
    }

    @Test
    void compareRunsTheCnnOnEachBackend() {
        JsonObject o = Cli.run("compare", "--dataset", "digits", "--arch", SPEC, "--epochs", "1", "--backends",
                "naive", "--json").json();
        assertTrue(o.toString().contains("naive"), o.toString());
    }

    @Test
    void flatDataIsRefusedUnlessGivenAShape() {
        Cli.Run r = Cli.run("train", "--dataset", "iris", "--arch", "cnn", "--backend", "naive", "--epochs", "1");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("needs images") && r.err().contains("--input-shape C,H,W"), r.err());
        Cli.Run wrong = Cli.run("train", "--dataset", "iris", "--arch", "conv2", "--input-shape", "1,3,3",
                "--backend", "naive", "--epochs", "1");
        assertTrue(wrong.err().contains("holds 9 values, but iris") , wrong.err());
        Cli.Run shaped = Cli.run("train", "--dataset", "iris", "--arch", "conv2", "--input-shape", "1,2,2",
                "--backend", "naive", "--epochs", "1", "--quiet");
        assertEquals(0, shaped.exit(), shaped.err());
    }
}
