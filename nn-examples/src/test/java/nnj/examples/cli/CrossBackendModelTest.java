package nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import nnj.api.backend.Backends;
import nnj.api.data.Dataset;
import nnj.api.metrics.Metrics;
import nnj.api.model.Predictor;
import nnj.examples.data.DatasetResolver;
import nnj.examples.run.SavedModel;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A model saved on one backend and loaded on every other gives the same predictions: the same
 * classes, probabilities within 1e-4, regression outputs within 1e-4 relative. The backends differ
 * only in float rounding (summation order in gemm), which for these small nets is around 1e-6, so
 * 1e-4 leaves room without hiding a real error (a wrong kernel changes outputs by O(1)).
 */
class CrossBackendModelTest {
    @TempDir
    Path dir;

    static List<String> backends() {
        return Supported.backends();
    }

    @ParameterizedTest(name = "classifier saved on {0}")
    @MethodSource("backends")
    void classifierSavedOnOneBackendPredictsTheSameOnEvery(String saveOn) throws Exception {
        Path file = dir.resolve("digits-" + saveOn + ".safetensors");
        Cli.Run r = Cli.run("train", "--epochs", "3", "--quiet", "--backend", saveOn, "--out", file.toString());
        assertEquals(0, r.exit(), r.err());
        Dataset test = DatasetResolver.resolve("digits", new DatasetResolver.Options()).test();
        float[] reference = probabilities(file, saveOn, test);
        int[] referenceClasses = Metrics.argmaxRows(reference, 10);
        for (String loadOn : backends()) {
            float[] p = probabilities(file, loadOn, test);
            assertArrayEquals(referenceClasses, Metrics.argmaxRows(p, 10), "classes on " + loadOn);
            assertArrayEquals(reference, p, 1e-4f, "probabilities on " + loadOn);
        }
    }

    @ParameterizedTest(name = "regression saved on {0}")
    @MethodSource("backends")
    void regressionSavedOnOneBackendPredictsTheSameOnEvery(String saveOn) throws Exception {
        Path file = dir.resolve("diabetes-" + saveOn + ".safetensors");
        Cli.Run r = Cli.run("train", "--dataset", "diabetes", "--epochs", "3", "--quiet", "--backend", saveOn,
                "--out", file.toString());
        assertEquals(0, r.exit(), r.err());
        Dataset test = DatasetResolver.resolve("diabetes", new DatasetResolver.Options()).test();
        float[] reference = outputs(file, saveOn, test);
        for (String loadOn : backends()) {
            float[] y = outputs(file, loadOn, test);
            for (int i = 0; i < y.length; i++) {
                assertTrue(Math.abs(y[i] - reference[i]) <= 1e-4 * Math.abs(reference[i]),
                        "sample " + i + " on " + loadOn + ": " + y[i] + " vs " + reference[i] + " on " + saveOn);
            }
        }
    }

    private static float[] outputs(Path file, String backend, Dataset data) throws Exception {
        SavedModel saved = SavedModel.open(file);
        saved.model().to(Backends.named(backend));
        return saved.model().predict(data);
    }

    private static float[] probabilities(Path file, String backend, Dataset data) throws Exception {
        return Predictor.softmaxRows(outputs(file, backend, data), 10);
    }
}
