package nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} reproduces {@code train}'s test numbers: the model file records the dataset,
 * seed and test fraction, so the same test part is drawn. On the same backend with the same batch
 * size the computation is the same, so the numbers agree to the last bit; the tolerance 1e-12 only
 * absorbs printing and parsing of the JSON.
 */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    @Test
    void reproducesTrainsTestAccuracyAndLoss() {
        Path model = dir.resolve("digits.safetensors");
        JsonObject trained = Cli.run("train", "--epochs", "3", "--seed", "7", "--json", "--backend", "naive",
                "--out", model.toString()).json();
        JsonObject evaluated = Cli.run("evaluate", "--model", model.toString(), "--json", "--backend", "naive").json();
        assertEquals(trained.get("test_accuracy").getAsDouble(), evaluated.get("test_accuracy").getAsDouble(), 1e-12);
        assertEquals(trained.get("test_loss").getAsDouble(), evaluated.get("test_loss").getAsDouble(), 1e-12);
        assertEquals(7, evaluated.get("seed").getAsLong(), "the seed comes from the model file");
        assertEquals(359, evaluated.get("samples").getAsInt(), "round(0.2 × 1,797)");
        // Another seed draws another test part: the override is honoured.
        JsonObject other = Cli.run("evaluate", "--model", model.toString(), "--json", "--backend", "naive",
                "--seed", "8").json();
        assertNotEquals(trained.get("test_loss").getAsDouble(), other.get("test_loss").getAsDouble());
    }

    @Test
    void reproducesTrainsRegressionMetricsIncludingTheSineNoise() {
        Path model = dir.resolve("sine.safetensors");
        JsonObject trained = Cli.run("train", "--dataset", "sine", "--noise", "0.3", "--epochs", "3", "--json",
                "--backend", "naive", "--out", model.toString()).json();
        JsonObject evaluated = Cli.run("evaluate", "--model", model.toString(), "--json", "--backend", "naive").json();
        for (String key : new String[] {"r2", "rmse", "mae", "test_loss"}) {
            assertEquals(trained.get(key).getAsDouble(), evaluated.get(key).getAsDouble(), 1e-12, key);
        }
    }

    @Test
    void textReportHasPerClassPrecisionRecallAndTheConfusionMatrix() {
        Path model = dir.resolve("iris.safetensors");
        assertEquals(0, Cli.run("train", "--dataset", "iris", "--epochs", "20", "--quiet", "--backend", "naive",
                "--out", model.toString()).exit());
        Cli.Run r = Cli.run("evaluate", "--model", model.toString(), "--backend", "naive");
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.contains("class       precision  recall  support"), out);
        for (String name : new String[] {"setosa", "versicolor", "virginica"}) {
            assertTrue(out.lines().anyMatch(l -> l.matches(name + "\\s+[0-9.-]+\\s+[0-9.]+\\s+10")), name + ": " + out);
        }
        assertTrue(out.contains("confusion matrix (rows: actual class, columns: predicted class)"), out);
        assertTrue(out.contains("evaluating the 30 test samples"), out);
    }

    @Test
    void allScoresEverySample() {
        Path model = dir.resolve("wine.safetensors");
        assertEquals(0, Cli.run("train", "--dataset", "wine", "--epochs", "2", "--quiet", "--backend", "naive",
                "--out", model.toString()).exit());
        JsonObject o = Cli.run("evaluate", "--model", model.toString(), "--all", "--json", "--backend", "naive").json();
        assertEquals(178, o.get("samples").getAsInt());
        // every sample, the trained-on ones too: not labelled as test numbers
        assertEquals("all", o.get("part").getAsString());
        assertTrue(o.has("accuracy") && o.has("loss") && !o.has("test_accuracy") && !o.has("test_loss"), o.toString());
    }
}
