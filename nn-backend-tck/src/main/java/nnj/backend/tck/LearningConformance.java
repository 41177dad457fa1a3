package nnj.backend.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import nnj.api.backend.Backend;
import nnj.api.check.GradientCheck;
import nnj.api.data.Dataset;
import nnj.api.layers.Dense;
import nnj.api.layers.Dropout;
import nnj.api.layers.Flatten;
import nnj.api.layers.Layer;
import nnj.api.layers.LeakyReLU;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.api.layers.Sigmoid;
import nnj.api.layers.Softmax;
import nnj.api.layers.Tanh;
import nnj.api.loss.Loss;
import nnj.api.loss.Losses;
import nnj.api.optim.Adam;
import nnj.api.train.Evaluation;
import nnj.api.train.History;
import nnj.api.train.Trainer;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The learning half of the conformance kit: gradient checks of every layer and loss, and tiny
 * training runs, all computed ON THE BACKEND UNDER TEST (the layers are written once against the
 * SPI, so this is what shows that a backend's kernels compose into correct gradients).
 * {@link BackendConformanceKit} extends this class, so a backend's one-line kit test runs it too.
 *
 * <p>Tolerances: {@link GradientCheck}'s float32 defaults (ε = 1e-2, 1e-2 relative, 1e-3 absolute;
 * a wrong formula is off by O(1)); loss checks use a 1e-4 absolute floor since mean losses have
 * gradients near 1/(n·k). Training against the naive reference allows 2e-3 relative on each epoch's
 * loss: both compute the same float32 math, in different summation orders, for 3 epochs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LearningConformance {

    /** A new instance of the backend under test. */
    protected abstract Backend createBackend();

    private Backend learningBackend;

    @BeforeAll
    void openLearningBackend() {
        learningBackend = createBackend();
    }

    @AfterAll
    void closeLearningBackend() {
        learningBackend.close();
    }

    static Stream<Arguments> gradientLayers() {
        return Stream.of(
                Arguments.of("Dense", (Supplier<Layer>) () -> new Dense(7, 5), new int[] {4, 7}),
                Arguments.of("Dense without bias", (Supplier<Layer>) () -> new Dense(6, 3, false, null), new int[] {3, 6}),
                Arguments.of("Dense 33→17, sampled + direction", (Supplier<Layer>) () -> new Dense(33, 17), new int[] {9, 33}),
                Arguments.of("ReLU", (Supplier<Layer>) ReLU::new, new int[] {5, 7}),
                Arguments.of("LeakyReLU", (Supplier<Layer>) () -> new LeakyReLU(0.1f), new int[] {5, 7}),
                Arguments.of("Sigmoid", (Supplier<Layer>) Sigmoid::new, new int[] {5, 7}),
                Arguments.of("Tanh", (Supplier<Layer>) Tanh::new, new int[] {5, 7}),
                Arguments.of("Softmax", (Supplier<Layer>) Softmax::new, new int[] {4, 6}),
                Arguments.of("Dropout", (Supplier<Layer>) () -> new Dropout(0.25f), new int[] {5, 7}),
                Arguments.of("Flatten", (Supplier<Layer>) Flatten::new, new int[] {3, 2, 5}),
                Arguments.of("MLP with fused tanh and sigmoid", (Supplier<Layer>) () -> Sequential.of(new Dense(6, 9),
                        new Tanh(), new Dense(9, 7), new Sigmoid(), new Dense(7, 4)), new int[] {5, 6}),
                Arguments.of("MLP unfused", (Supplier<Layer>) () -> Sequential.of(new Dense(6, 9), new Tanh(),
                        new Dense(9, 4)).setFusion(false), new int[] {5, 6}));
    }

    @ParameterizedTest(name = "gradient of {0}")
    @MethodSource("gradientLayers")
    void layerGradientsMatchFiniteDifferences(String name, Supplier<Layer> layer, int[] inputShape) {
        GradientCheck.Report r = GradientCheck.layer(layer.get(), learningBackend, inputShape);
        r.assertPassed();
    }

    @Test
    void lossGradientsMatchFiniteDifferences() {
        int n = 5;
        int k = 4;
        Random random = new Random(8);
        float[] oneHot = TestData.oneHot(8, n, k);
        float[] probabilities = new float[n * k];
        float[] real = new float[n * k];
        for (int i = 0; i < n * k; i++) {
            probabilities[i] = random.nextFloat();
            real[i] = (float) random.nextGaussian();
        }
        GradientCheck.Options o = GradientCheck.Options.defaults().absTolerance(1e-4);
        Object[][] cases = {
            {Losses.softmaxCrossEntropy(), oneHot}, {Losses.mse(), real}, {Losses.binaryCrossEntropyWithLogits(), probabilities},
        };
        for (Object[] c : cases) {
            GradientCheck.Report r = GradientCheck.loss((Loss) c[0], learningBackend, n, k, (float[]) c[1], o);
            r.assertPassed();
            assertEquals(n * k, r.checked(), r.toString());
        }
    }

    /** Three Gaussian blobs in 5-D, one per class, seeded. */
    static Dataset blobs(int n, long seed) {
        Random r = new Random(seed);
        int f = 5;
        float[] x = new float[n * f];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < f; j++) {
                x[i * f + j] = (float) (r.nextGaussian() * 0.6 + (j == y[i] ? 2.5 : 0));
            }
        }
        return Dataset.classification("blobs", x, new int[] {f}, y, List.of("a", "b", "c"));
    }

    static Sequential mlp() {
        return Sequential.of(new Dense(5, 33), new ReLU(), new Dropout(0.1f), new Dense(33, 17), new Tanh(),
                new Dense(17, 3));
    }

    private static History train(Backend b, Sequential model) {
        return Trainer.on(b).optimizer(new Adam(1e-2f)).epochs(3).batchSize(32).seed(5).build()
                .fit(model, blobs(300, 1));
    }

    @Test
    void aTinyTrainingRunLearnsAndFollowsTheReference() {
        Sequential model = mlp();
        History h = train(learningBackend, model);
        Backend naive = new NaiveBackend();
        History ref = train(naive, mlp());
        double[] got = h.trainLoss();
        double[] want = ref.trainLoss();
        for (int e = 0; e < want.length; e++) {
            assertEquals(want[e], got[e], 2e-3 * want[e], "[" + learningBackend.name() + "] epoch " + (e + 1)
                    + " training loss, against naive");
        }
        assertTrue(got[got.length - 1] < got[0] / 2, "[" + learningBackend.name() + "] the loss did not fall: "
                + h.toCsv());
        Evaluation test = Trainer.on(learningBackend).build().evaluate(model, blobs(150, 2));
        assertTrue(test.accuracy() > 0.9, "[" + learningBackend.name() + "] held-out accuracy " + test.accuracy());
    }

    @Test
    void trainingIsBitwiseReproducibleWithTheSameSeed() {
        double[] first = train(learningBackend, mlp()).trainLoss();
        double[] second = train(learningBackend, mlp()).trainLoss();
        assertArrayEquals(first, second, 0.0, "[" + learningBackend.name() + "] two runs with the same seed and "
                + learningBackend.threads() + " threads");
    }

    @Test
    void predictionsAfterLoadingMatchTheReference() throws Exception {
        Sequential model = mlp();
        train(learningBackend, model);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("nnj-kit", ".safetensors");
        try {
            model.save(file);
            Sequential onNaive = Sequential.load(file, new NaiveBackend());
            Dataset data = blobs(40, 3);
            float[] here = model.predict(data);
            float[] there = onNaive.predict(data);
            for (int i = 0; i < here.length; i++) {
                assertEquals(there[i], here[i], 1e-4f * (1 + Math.abs(there[i])),
                        "[" + learningBackend.name() + "] output " + i + " after saving and loading on naive");
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
