package nnj.api.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.layers.Dense;
import nnj.api.layers.Dropout;
import nnj.api.layers.Flatten;
import nnj.api.layers.Layer;
import nnj.api.layers.LeakyReLU;
import nnj.api.layers.Mode;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.api.layers.Sigmoid;
import nnj.api.layers.Softmax;
import nnj.api.layers.Tanh;
import nnj.api.loss.Loss;
import nnj.api.loss.Losses;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer and loss against central differences, on the plain-loop test backend (the kit runs the
 * same on every real backend). Tolerances are GradientCheck's float32 defaults (see its javadoc).
 */
class GradientCheckTest {
    private final Backend backend = new NaiveBackend();

    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("Dense", (Supplier<Layer>) () -> new Dense(7, 5), new int[] {4, 7}),
                Arguments.of("Dense without bias", (Supplier<Layer>) () -> new Dense(6, 3, false, null), new int[] {3, 6}),
                Arguments.of("ReLU", (Supplier<Layer>) ReLU::new, new int[] {4, 6}),
                Arguments.of("LeakyReLU", (Supplier<Layer>) () -> new LeakyReLU(0.1f), new int[] {4, 6}),
                Arguments.of("Sigmoid", (Supplier<Layer>) Sigmoid::new, new int[] {4, 6}),
                Arguments.of("Tanh", (Supplier<Layer>) Tanh::new, new int[] {4, 6}),
                Arguments.of("Softmax", (Supplier<Layer>) Softmax::new, new int[] {3, 5}),
                Arguments.of("Dropout", (Supplier<Layer>) () -> new Dropout(0.3f), new int[] {4, 6}),
                Arguments.of("Flatten", (Supplier<Layer>) Flatten::new, new int[] {2, 3, 4}),
                Arguments.of("fused MLP", (Supplier<Layer>) () -> Sequential.of(new Dense(6, 8), new Tanh(),
                        new Dense(8, 5), new Sigmoid(), new Dense(5, 3)), new int[] {4, 6}),
                Arguments.of("large Dense (sampled + direction)", (Supplier<Layer>) () -> new Dense(40, 30),
                        new int[] {5, 40}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void layerGradientsMatchFiniteDifferences(String name, Supplier<Layer> layer, int[] inputShape) {
        GradientCheck.Report r = GradientCheck.layer(layer.get(), backend, inputShape);
        r.assertPassed();
        assertTrue(r.checked() >= 4, r.toString());
    }

    @Test
    void lossesMatchFiniteDifferences() {
        int n = 4;
        int k = 5;
        Random random = new Random(3);
        float[] oneHot = new float[n * k];
        float[] probabilities = new float[n * k];
        float[] real = new float[n * k];
        for (int i = 0; i < n; i++) {
            oneHot[i * k + random.nextInt(k)] = 1f;
        }
        for (int i = 0; i < n * k; i++) {
            probabilities[i] = random.nextFloat();
            real[i] = (float) random.nextGaussian();
        }
        // The losses are means, so gradients are about 1/(n·k) = 0.05: a tighter absolute floor.
        GradientCheck.Options o = GradientCheck.Options.defaults().absTolerance(1e-4);
        for (Map.Entry<Loss, float[]> c : Map.of(Losses.softmaxCrossEntropy(), oneHot, Losses.mse(), real,
                Losses.binaryCrossEntropyWithLogits(), probabilities).entrySet()) {
            GradientCheck.Report r = GradientCheck.loss(c.getKey(), backend, n, k, c.getValue(), o);
            r.assertPassed();
            assertTrue(r.checked() == n * k, r.toString());
        }
    }

    /** A layer whose backward forgets a factor 2: the check must catch it. */
    @Test
    void aWrongGradientIsReported() {
        Layer doubling = new Layer() {
            private Tensor out;
            private Tensor grad;

            @Override public String type() { return "Doubling"; }
            @Override public int outputWidth(int w) { return w; }
            @Override public void to(Backend b) { }

            @Override
            public Tensor forward(Tensor x, Mode mode) {
                out = x.backend().tensor(x.shape());
                x.backend().affine(x, 2f, 0f, out);
                return out;
            }

            @Override
            public Tensor backward(Tensor dY) {
                grad = dY.backend().tensor(dY.shape());
                dY.backend().copy(dY, grad); // should be 2·dY
                return grad;
            }
        };
        GradientCheck.Report r = GradientCheck.layer(doubling, backend, new int[] {2, 3});
        assertFalse(r.passed());
        assertTrue(r.toString().contains("input["), r.toString());
    }
}
