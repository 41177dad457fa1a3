package nnj.api.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;

/** BatchNorm's statistics against values worked out by hand (its gradients: the conformance kit). */
class BatchNormTest {
    private final Backend backend = new NaiveBackend();

    @Test
    void trainingNormalisesEachChannelAndMovesTheRunningStatistics() {
        BatchNorm bn = new BatchNorm(2, 1e-5f, 0.1f);
        bn.to(backend);
        // (N=2, C=2, H=1, W=2): channel 0 holds 1, 2, 3, 4 (mean 2.5, variance 1.25, unbiased 5/3);
        // channel 1 holds 10, 10, 10, 14 (mean 11, variance 3, unbiased 4).
        Tensor x = backend.fromArray(new float[] {1, 2, 10, 10, 3, 4, 10, 14}, 2, 2, 1, 2);
        float[] y = bn.forward(x, Mode.TRAIN).toArray();
        double s0 = Math.sqrt(1.25 + 1e-5);
        double s1 = Math.sqrt(3 + 1e-5);
        float[] expected = {(float) (-1.5 / s0), (float) (-0.5 / s0), (float) (-1 / s1), (float) (-1 / s1),
            (float) (0.5 / s0), (float) (1.5 / s0), (float) (-1 / s1), (float) (3 / s1)};
        assertArrayEquals(expected, y, 1e-5f);
        assertArrayEquals(new float[] {0.25f, 1.1f}, bn.runningMean().values(), 1e-6f);
        assertArrayEquals(new float[] {0.9f + 0.1f * 5 / 3f, 0.9f + 0.4f}, bn.runningVar().values(), 1e-6f);
    }

    @Test
    void evaluationUsesTheRunningStatisticsAndTheLearnedScale() {
        BatchNorm bn = new BatchNorm(3);
        bn.runningMean().setValues(new float[] {1, 0, -2});
        bn.runningVar().setValues(new float[] {4, 1, 0.25f});
        bn.gamma().setValues(new float[] {2, 1, 1});
        bn.beta().setValues(new float[] {0, 5, 0});
        bn.to(backend);
        Tensor x = backend.fromArray(new float[] {3, 1, -1, 5, 2, -3}, 2, 3);
        float[] y = bn.forward(x, Mode.EVAL).toArray();
        float[] expected = {2 * 2 / 2f, 5 + 1, 1 / 0.5f, 2 * 4 / 2f, 5 + 2, -1 / 0.5f};
        assertArrayEquals(expected, y, 1e-4f);
        assertArrayEquals(new float[] {1, 0, -2}, bn.runningMean().values(), "evaluation leaves the statistics alone");
    }

    @Test
    void runningStatisticsAreNamedBuffersNotParameters() {
        Sequential model = Sequential.of(new Dense(4, 3), new BatchNorm(3), new ReLU(), new Dense(3, 2));
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias",
                "layers.3.weight", "layers.3.bias"), model.parameters().stream().map(Parameter::name).toList());
        assertEquals(List.of("layers.1.running_mean", "layers.1.running_var"),
                model.buffers().stream().map(Parameter::name).toList());
        assertEquals(4, model.inputWidth());
        assertEquals(Shape.of(2), model.outputShape(Shape.of(4)));
    }

    @Test
    void aSingleValuePerChannelCannotBeTrainedOn() {
        BatchNorm bn = new BatchNorm(3);
        bn.to(backend);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bn.forward(backend.tensor(1, 3), Mode.TRAIN));
        assertTrue(e.getMessage().contains("more than one value per channel"), e.getMessage());
        assertEquals(Shape.of(1, 3), bn.forward(backend.tensor(1, 3), Mode.EVAL).shape());
    }
}
