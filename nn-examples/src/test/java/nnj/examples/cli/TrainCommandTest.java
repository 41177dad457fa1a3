package nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import nnj.api.backend.Backends;
import nnj.api.data.Dataset;
import nnj.api.layers.Sequential;
import nnj.examples.data.DatasetResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nnj train}: its JSON, text, plots and cross-validation, on few epochs so the tests stay quick. */
class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void classificationJsonHasTheDocumentedKeys() {
        JsonObject o = Cli.run("train", "--epochs", "3", "--json", "--backend", "naive").json();
        for (String key : List.of("backend", "dataset", "epochs", "seconds", "train_loss", "test_loss", "test_accuracy")) {
            assertTrue(o.has(key), key + " missing from " + o);
        }
        assertEquals("naive", o.get("backend").getAsString());
        assertEquals("digits", o.get("dataset").getAsString());
        assertEquals(3, o.get("epochs").getAsInt());
        assertFalse(o.has("r2"), "no regression metrics for a classifier: " + o);
        double acc = o.get("test_accuracy").getAsDouble();
        // Even 3 epochs of an MLP beat chance (0.1) on digits by far; a broken pipeline would not.
        assertTrue(acc > 0.8 && acc <= 1, "test accuracy " + acc);
    }

    @Test
    void regressionJsonHasTheMetricsAndTheOlsBaseline() {
        JsonObject o = Cli.run("train", "--dataset", "diabetes", "--epochs", "5", "--json", "--backend", "naive").json();
        for (String key : List.of("r2", "rmse", "mae", "ols_r2", "ols_rmse", "ols_mae", "train_loss", "test_loss")) {
            assertTrue(o.has(key), key + " missing from " + o);
        }
        assertFalse(o.has("test_accuracy"), o.toString());
        // test_loss is the MSE in the target's units, so it must equal RMSE².
        double rmse = o.get("rmse").getAsDouble();
        assertEquals(rmse * rmse, o.get("test_loss").getAsDouble(), 1e-6 * rmse * rmse);
        // OLS on diabetes explains about half the variance on any reasonable split.
        double ols = o.get("ols_r2").getAsDouble();
        assertTrue(ols > 0.3 && ols < 0.7, "OLS R² " + ols);
    }

    @Test
    void textReportShowsNetworkBesideOls() {
        Cli.Run r = Cli.run("train", "--dataset", "sine", "--epochs", "3", "--quiet", "--backend", "naive");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("test part     R²       RMSE       MAE"), r.out());
        assertTrue(r.out().contains("\nnetwork "), r.out());
        assertTrue(r.out().contains("\nOLS "), r.out());
    }

    @Test
    void classificationPlots() throws Exception {
        Path plots = dir.resolve("plots");
        Cli.Run r = Cli.run("train", "--dataset", "iris", "--epochs", "4", "--quiet", "--backend", "naive",
                "--plot", plots.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("accuracy.png", "confusion.png", "loss.png"), pngs(plots));
        assertTrue(r.out().contains("wrote " + plots.resolve("confusion.png")), r.out());
    }

    @Test
    void oneFeatureRegressionPlotsTheFittedCurve() throws Exception {
        Path plots = dir.resolve("sine");
        Cli.Run r = Cli.run("train", "--dataset", "sine", "--epochs", "2", "--quiet", "--backend", "naive",
                "--plot", plots.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("fit.png", "loss.png"), pngs(plots));
    }

    @Test
    void foldsReportMeanAndSpreadForNetworkAndOls() {
        JsonObject o = Cli.run("train", "--dataset", "diabetes", "--folds", "3", "--epochs", "2", "--json",
                "--backend", "naive").json();
        assertEquals(3, o.get("folds").getAsInt());
        for (String m : List.of("r2", "rmse", "mae", "ols_r2", "ols_rmse", "ols_mae")) {
            assertTrue(o.has(m) && o.has(m + "_std"), m + " missing from " + o);
            assertEquals(3, o.getAsJsonArray(m + "_folds").size());
            double mean = 0;
            for (var v : o.getAsJsonArray(m + "_folds")) {
                mean += v.getAsDouble() / 3;
            }
            assertEquals(mean, o.get(m).getAsDouble(), 1e-12, m + " is not the mean of its folds");
        }
        // Each fold trains through the trainer's target scaling (TargetScaler): in 2 epochs a net on raw
        // diabetes targets (25 to 346) still predicts near 0 (R² far below 0); scaled, it reaches about 0.4.
        for (var v : o.getAsJsonArray("r2_folds")) {
            assertTrue(v.getAsDouble() > 0.3, "fold R² " + v + " in " + o);
        }
        // The OLS baseline depends only on the folds, not on the network: another epoch count, same numbers.
        JsonObject again = Cli.run("train", "--dataset", "diabetes", "--folds", "3", "--epochs", "1", "--json",
                "--backend", "naive").json();
        assertEquals(o.get("ols_r2").getAsDouble(), again.get("ols_r2").getAsDouble(), 0);
    }

    @Test
    void foldsTextShowsEveryFoldAndTheSummary() {
        Cli.Run r = Cli.run("train", "--dataset", "iris", "--folds", "3", "--epochs", "2", "--quiet", "--backend",
                "naive");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("mean ± std over 3 folds"), r.out());
        assertTrue(r.out().contains("test accuracy "), r.out());
        assertEquals(3, r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+\\d+\\s.*")).count(), r.out());
    }

    @Test
    void csvRegressionWithNamedTarget() throws Exception {
        Path csv = dir.resolve("line.csv");
        StringBuilder sb = new StringBuilder("y,x1,x2\n");
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 200; i++) {
            double x1 = random.nextDouble();
            double x2 = random.nextDouble();
            sb.append(String.format(java.util.Locale.ROOT, "%.5f,%.5f,%.5f%n", 2 * x1 - x2 + 0.01 * random.nextGaussian(),
                    x1, x2));
        }
        Files.writeString(csv, sb.toString());
        JsonObject o = Cli.run("train", "--dataset", "csv:" + csv, "--target", "y", "--epochs", "2", "--json",
                "--backend", "naive").json();
        // The target is an exact linear function plus 1% noise: OLS must explain nearly all of it.
        assertTrue(o.get("ols_r2").getAsDouble() > 0.99, o.toString());
        assertEquals("regression", o.get("task").getAsString());
    }

    /** 2·x1 − x2 + 1% noise, {@code n} rows, header {@code y,x1,x2}. */
    private Path line(String name, int n, long seed) throws Exception {
        Path csv = dir.resolve(name);
        StringBuilder sb = new StringBuilder("y,x1,x2\n");
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            double x1 = random.nextDouble();
            double x2 = random.nextDouble();
            sb.append(String.format(java.util.Locale.ROOT, "%.5f,%.5f,%.5f%n", 2 * x1 - x2 + 0.01 * random.nextGaussian(),
                    x1, x2));
        }
        Files.writeString(csv, sb.toString());
        return csv;
    }

    @Test
    void testDatasetTrainsOnAllOfTheTrainFileAndTestsOnTheOther() throws Exception {
        Path train = line("train.csv", 150, 3);
        Path test = line("test.csv", 50, 4);
        // no --validation-fraction: with a test file of its own the default holds out no validation part
        JsonObject o = Cli.run("train", "--dataset", "csv:" + train, "--test-dataset", "csv:" + test, "--target", "y",
                "--epochs", "2", "--json", "--backend", "naive").json();
        assertEquals(50, o.get("test_samples").getAsInt(), o.toString()); // every row of the test file
        assertEquals(150, o.get("train_samples").getAsInt(), o.toString()); // every row of the train file
        assertEquals("csv:" + test, o.get("test_dataset").getAsString());
        assertEquals("MLP 2-128-64-1 relu, init uniform", o.get("architecture").getAsString());
        assertEquals(0.0, o.get("validation_fraction").getAsDouble());

        Cli.Run text = Cli.run("train", "--dataset", "csv:" + train, "--test-dataset", "csv:" + test, "--target", "y",
                "--epochs", "1", "--early-stopping", "3", "--quiet", "--backend", "naive");
        assertEquals(0, text.exit(), text.err());
        // --early-stopping needs a validation part, so the usual 10% is held out
        assertTrue(text.out().contains("(135 train, 15 validation, 50 test samples"), text.out());
        assertTrue(text.out().contains("Dense(2 → 128)") && text.out().contains("parameters in all"), text.out());
    }

    // ----------------------------------------------------------- from main (the learning issue's tests)

    @Test
    void digitsOnNaiveWithAFixedSeedReachesNinetyFivePercent() throws Exception {
        Path model = dir.resolve("digits.safetensors");
        Cli.Run r = Cli.run("train", "--backend", "naive", "--seed", "42", "--json", "--out", model.toString());
        JsonObject json = r.json();
        double accuracy = json.get("test_accuracy").getAsDouble();
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);

        // The saved model, loaded on another backend, reproduces the test accuracy within one sample.
        Sequential loaded = Sequential.load(model, Backends.named("ejml"));
        Dataset test = DatasetResolver.resolve("digits", new DatasetResolver.Options().seed(42)).test();
        int[] predicted = loaded.predictClasses(test);
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == test.label(i) ? 1 : 0;
        }
        assertEquals(accuracy, right / (double) test.size(), 1.0 / test.size() + 1e-12);
    }

    @Test
    void theSameSeedGivesTheSameLossesOnNaive() {
        String[] args = {"train", "--backend", "naive", "--epochs", "3", "--json", "--seed", "5"};
        JsonObject a = Cli.run(args).json();
        JsonObject b = Cli.run(args).json();
        assertArrayEquals(new double[] {a.get("train_loss").getAsDouble(), a.get("test_loss").getAsDouble()},
                new double[] {b.get("train_loss").getAsDouble(), b.get("test_loss").getAsDouble()}, 0.0);
    }

    @Test
    void humanOutputShowsLossAndAccuracy() {
        Cli.Run r = Cli.run("train", "--backend", "naive", "--epochs", "2", "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("test   loss") && r.out().contains("accuracy"), r.out());
    }

    private static List<String> pngs(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.sorted().collect(Collectors.toList());
            for (Path p : all) {
                BufferedImage img = ImageIO.read(p.toFile());
                assertTrue(img != null && img.getWidth() > 100, p + " is not an image");
            }
            return all.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
        }
    }
}
