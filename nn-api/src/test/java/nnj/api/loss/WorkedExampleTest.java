package nnj.api.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.layers.Dense;
import nnj.api.layers.Mode;
import nnj.api.layers.Sequential;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/MATH.md §3 (2 samples × 3 features × 2 classes through a Dense layer
 * and softmax cross-entropy), checked against the numbers printed there. Those are rounded to 6
 * decimals, so the tolerance is 1e-6 (float32 carries about 7 significant digits here).
 */
class WorkedExampleTest {
    private static final double TOLERANCE = 1e-6;

    @Test
    void forwardLossAndGradientsAreTheOnesInMathMd() {
        Backend naive = new NaiveBackend();
        Dense dense = new Dense(3, 2);
        Sequential model = Sequential.of(dense).initialize(1);
        model.to(naive);
        dense.weight().setValues(new float[] {0.5f, -0.5f, 0f, 1f, 0.25f, 0f}); // W (3 × 2), row-major
        dense.bias().setValues(new float[] {0.1f, -0.1f});
        model.setInputGradientNeeded(true);

        Tensor x = naive.fromArray(new float[] {1, 0, 2, 0, 1, -1}, 2, 3);
        Tensor t = naive.fromArray(new float[] {1, 0, 0, 1}, 2, 2); // sample 1 is class 0, sample 2 class 1
        Tensor z = model.forward(x, Mode.TRAIN);
        assertArrayEquals(new float[] {1.1f, -0.6f, -0.15f, 0.9f}, download(naive, z, 4), (float) TOLERANCE, "Z");

        Loss loss = Losses.softmaxCrossEntropy();
        assertEquals(0.233922, loss.forward(z, t), TOLERANCE, "L, the mean of 0.167786 and 0.300058");
        assertArrayEquals(new float[] {-0.077233f, 0.077233f, 0.129613f, -0.129613f},
                download(naive, loss.gradient(), 4), (float) TOLERANCE, "δZ = (P − T) / N");

        Tensor dx = model.backward(loss.gradient());
        assertArrayEquals(new float[] {-0.077233f, 0.077233f, -0.019308f,
            0.129613f, -0.129613f, 0.032403f}, download(naive, dx, 6), (float) TOLERANCE, "dX = δZ·Wᵀ");
        assertArrayEquals(new float[] {-0.077233f, 0.077233f, 0.129613f, -0.129613f, -0.284078f, 0.284078f},
                download(naive, dense.weight().gradient(), 6), (float) TOLERANCE, "dW = Xᵀ·δZ");
        assertArrayEquals(new float[] {0.05238f, -0.05238f}, download(naive, dense.bias().gradient(), 2),
                (float) TOLERANCE, "db, the column sums of δZ");
    }

    private static float[] download(Backend backend, Tensor t, int n) {
        float[] out = new float[n];
        backend.download(t, out, 0);
        return out;
    }
}
