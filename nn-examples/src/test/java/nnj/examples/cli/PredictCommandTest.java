package nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import nnj.api.backend.Backends;
import nnj.api.data.Dataset;
import nnj.examples.data.BundledData;
import nnj.examples.run.SavedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict}: the CSV it writes, to stdout or atomically to a file. */
class PredictCommandTest {
    @TempDir
    static Path dir;
    static Path digitsModel;
    static Path diabetesModel;

    @BeforeAll
    static void trainModels() {
        digitsModel = dir.resolve("digits.safetensors");
        diabetesModel = dir.resolve("diabetes.safetensors");
        assertEquals(0, Cli.run("train", "--epochs", "2", "--quiet", "--backend", "naive", "--out",
                digitsModel.toString()).exit());
        assertEquals(0, Cli.run("train", "--dataset", "diabetes", "--epochs", "2", "--quiet", "--backend", "naive",
                "--out", diabetesModel.toString()).exit());
    }

    /** The first {@code n} samples of {@code data} as CSV rows, with an optional header. */
    private static Path csv(String name, Dataset data, int n, boolean header) throws Exception {
        StringBuilder sb = new StringBuilder();
        if (header) {
            for (int j = 0; j < data.featureCount(); j++) {
                sb.append(j == 0 ? "" : ",").append("f").append(j);
            }
            sb.append('\n');
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < data.featureCount(); j++) {
                sb.append(j == 0 ? "" : ",").append(data.feature(i, j));
            }
            sb.append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString());
        return p;
    }

    @Test
    void classifierWritesClassAndProbabilities() throws Exception {
        Dataset digits = BundledData.digits();
        Cli.Run r = Cli.run("predict", "--model", digitsModel.toString(), "--input",
                csv("d.csv", digits, 5, false).toString(), "--backend", "naive");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("class,p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9", lines.get(0));
        assertEquals(6, lines.size(), r.out());
        SavedModel saved = SavedModel.open(digitsModel);
        saved.model().to(Backends.named("naive"));
        int[] expected = saved.model().predictClasses(digits.subset(new int[] {0, 1, 2, 3, 4}));
        for (int i = 0; i < 5; i++) {
            String[] f = lines.get(i + 1).split(",");
            assertEquals(11, f.length);
            double sum = 0;
            int best = 0;
            for (int c = 0; c < 10; c++) {
                double p = Double.parseDouble(f[c + 1]);
                sum += p;
                best = p > Double.parseDouble(f[best + 1]) ? c : best;
            }
            assertEquals(1.0, sum, 1e-5, "probabilities of row " + i + " (printed with 6 decimals)");
            assertEquals(Integer.toString(expected[i]), f[0], "row " + i);
            assertEquals(f[0], Integer.toString(best), "the class is the most probable one");
        }
    }

    @Test
    void regressionWritesValuesThatReadBackExactly() throws Exception {
        Dataset diabetes = BundledData.diabetes();
        Path input = csv("r.csv", diabetes, 7, true);
        Path output = dir.resolve("out").resolve("pred.csv");
        Cli.Run r = Cli.run("predict", "--model", diabetesModel.toString(), "--input", input.toString(),
                "--output", output.toString(), "--backend", "naive");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("wrote 7 predictions to " + output), r.err());
        List<String> lines = Files.readAllLines(output);
        assertEquals("prediction", lines.get(0));
        SavedModel saved = SavedModel.open(diabetesModel);
        saved.model().to(Backends.named("naive"));
        float[] expected = saved.model().predict(diabetes.subset(new int[] {0, 1, 2, 3, 4, 5, 6}));
        float[] got = new float[7];
        for (int i = 0; i < 7; i++) {
            got[i] = Float.parseFloat(lines.get(i + 1));
        }
        assertArrayEquals(expected, got, 0f, "Float.toString round-trips");
        try (var files = Files.list(output.getParent())) {
            assertEquals(List.of("pred.csv"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file left");
        }
        assertTrue(expected[0] > 25 && expected[0] < 346, String.format(Locale.ROOT,
                "a diabetes prediction in the target's units, got %.2f", expected[0]));
    }

    @Test
    void columnsAreMatchedByTheirHeaderNames() throws Exception {
        // a model trained on a CSV with a header records its feature names (a, b, c)
        StringBuilder sb = new StringBuilder("a,b,c,y\n");
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 60; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            double c = random.nextDouble();
            sb.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%.4f,%.4f%n", a, b, c, 3 * a - b + 0.5 * c));
        }
        Path train = dir.resolve("abc.csv");
        Files.writeString(train, sb.toString());
        Path model = dir.resolve("abc.safetensors");
        assertEquals(0, Cli.run("train", "--dataset", "csv:" + train, "--epochs", "2", "--quiet", "--backend", "naive",
                "--out", model.toString()).exit());

        Path inOrder = dir.resolve("in-order.csv");
        Files.writeString(inOrder, "a,b,c\n0.1,0.9,0.3\n0.7,0.2,0.5\n");
        Path swapped = dir.resolve("swapped.csv"); // the same rows, columns shuffled, plus the target and an id
        Files.writeString(swapped, "id,c,y,a,b\n1,0.3,0,0.1,0.9\n2,0.5,0,0.7,0.2\n");
        Cli.Run expected = Cli.run("predict", "--model", model.toString(), "--input", inOrder.toString(), "--backend", "naive");
        Cli.Run byName = Cli.run("predict", "--model", model.toString(), "--input", swapped.toString(), "--backend", "naive");
        assertEquals(0, byName.exit(), byName.err());
        assertEquals(expected.out(), byName.out(), "the same predictions whatever the column order");
        assertTrue(byName.err().contains("ignoring columns 'id', 'y'"), byName.err());

        Path missing = dir.resolve("missing.csv");
        Files.writeString(missing, "a,c\n0.1,0.3\n");
        Cli.Run r = Cli.run("predict", "--model", model.toString(), "--input", missing.toString(), "--backend", "naive");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("has no column 'b', which the model") && r.err().contains("(its features: a, b, c)"),
                r.err());
    }
}
