package nnj.api.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;

class SequentialTest {
    private final Backend backend = new NaiveBackend();

    @Test
    void mismatchedWidthsAreRefusedNamingTheLayerAndBothWidths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sequential.of(new Dense(4, 8), new ReLU(), new Dense(6, 3)));
        assertTrue(e.getMessage().contains("layer 2") && e.getMessage().contains("Dense(6 → 3)")
                && e.getMessage().contains("6") && e.getMessage().contains("8"), e.getMessage());
    }

    @Test
    void aWrongInputShapeNamesTheLayerAndBothShapes() {
        Sequential model = Sequential.of(new Dense(6, 3), new ReLU()).on(backend);
        Tensor x = backend.tensor(5, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.forward(x, Mode.EVAL));
        assertTrue(e.getMessage().contains("layer 0") && e.getMessage().contains("(5, 7)")
                && e.getMessage().contains("(6, 3)"), e.getMessage());
    }

    @Test
    void summaryListsEveryLayerWithItsOutputWidthAndParameters() {
        Sequential model = Sequential.of(new Dense(4, 8), new ReLU(), new Dense(8, 3));
        String[] lines = model.summary().split("\n");
        assertEquals(5, lines.length, model.summary()); // header, 3 layers, totals
        assertTrue(lines[1].contains("Dense(4 → 8)") && lines[1].trim().endsWith("40"), lines[1]);
        assertTrue(lines[2].contains("ReLU") && lines[2].contains(" 8 ") && lines[2].trim().endsWith("0"), lines[2]);
        assertTrue(lines[3].contains("Dense(8 → 3)") && lines[3].contains(" 3 ") && lines[3].trim().endsWith("27"), lines[3]);
        assertTrue(lines[4].contains("67 parameters"), lines[4]);
    }

    @Test
    void probabilitiesAreTheSoftmaxOfTheLogitsAndSumToOne() {
        Sequential model = Sequential.of(new Dense(3, 4), new Tanh(), new Dense(4, 5)).initialize(3).on(backend);
        float[] x = {0.5f, -1f, 2f, 3f, 0f, -0.25f};
        float[] logits = model.predict(x, 2);
        float[] p = model.predictProbabilities(x, 2);
        for (int r = 0; r < 2; r++) {
            double sum = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < 5; j++) {
                max = Math.max(max, logits[r * 5 + j]);
            }
            double z = 0;
            for (int j = 0; j < 5; j++) {
                z += Math.exp(logits[r * 5 + j] - max);
            }
            for (int j = 0; j < 5; j++) {
                sum += p[r * 5 + j];
                // closed form, in double: float rounding of one exp ratio
                assertEquals(Math.exp(logits[r * 5 + j] - max) / z, p[r * 5 + j], 1e-6);
            }
            assertEquals(1.0, sum, 1e-6);
        }
        Sequential withSoftmax = Sequential.of(new Dense(3, 5), new Softmax()).initialize(3).on(backend);
        assertArrayEquals(withSoftmax.predict(x, 2), withSoftmax.predictProbabilities(x, 2), 0f,
                "a model ending in Softmax already outputs probabilities");
        model.metadata().setTask(nnj.api.data.Task.REGRESSION, List.of());
        assertThrows(IllegalStateException.class, () -> model.predictProbabilities(x, 2));
    }

    @Test
    void copiesBetweenHostAndTensorRefuseArraysOfAnotherLength() {
        Tensor t = backend.tensor(2, 3);
        assertThrows(IllegalArgumentException.class, () -> t.copyFrom(new float[7]));
        assertThrows(IllegalArgumentException.class, () -> t.copyTo(new float[7]));
        assertThrows(IllegalArgumentException.class, () -> backend.fromArray(new float[7], 2, 3));
    }

    @Test
    void parametersHaveStableNames() {
        Sequential model = Sequential.of(new Dense(4, 8), new ReLU(), new Dropout(0.5f), new Dense(8, 3, false, null));
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.3.weight"),
                model.parameters().stream().map(Parameter::name).toList());
        assertEquals(4 * 8 + 8 + 8 * 3, model.parameterCount());
    }

    @Test
    void theFirstLayerSkipsItsInputGradient() {
        Sequential model = Sequential.of(new Dense(4, 8), new ReLU(), new Dense(8, 3)).on(backend);
        model.setInputGradientNeeded(false);
        Tensor x = backend.fromArray(new float[] {1, 2, 3, 4, -1, -2, -3, -4}, 2, 4);
        Tensor y = model.forward(x, Mode.TRAIN);
        assertNull(model.backward(backend.tensor(y.shape())), "no dX for the model input");
        model.setInputGradientNeeded(true);
        model.forward(x, Mode.TRAIN);
        assertEquals(x.shape(), model.backward(backend.tensor(y.shape())).shape());
    }

    @Test
    void fusionDoesNotChangeTheResults() {
        Sequential fused = Sequential.of(new Dense(4, 8), new Tanh(), new Dense(8, 3), new Sigmoid()).initialize(3);
        Sequential plain = Sequential.of(new Dense(4, 8), new Tanh(), new Dense(8, 3), new Sigmoid()).initialize(3)
                .setFusion(false);
        fused.to(backend);
        plain.to(backend);
        float[] x = {0.5f, -1f, 2f, 0.1f, 1f, 1f, -1f, -0.3f};
        // The same float32 operations in the same order: bitwise equal.
        assertArrayEquals(plain.predict(x, 2), fused.predict(x, 2), 0f);
        assertTrue(fused.toString().contains("fused TANH"), fused.toString());
    }

    @Test
    void defaultInitialisersFollowTheNextActivation() {
        Dense beforeRelu = new Dense(100, 50);
        Dense beforeTanh = new Dense(50, 20);
        Dense output = new Dense(20, 3);
        Sequential.of(beforeRelu, new ReLU(), beforeTanh, new Tanh(), output).initialize(1);
        assertEquals("he_normal", beforeRelu.initializer().name());
        assertEquals("xavier_normal", beforeTanh.initializer().name());
        assertEquals("xavier_normal", output.initializer().name());
        float[] b = beforeRelu.bias().values();
        assertArrayEquals(new float[50], b, "biases start at zero");
    }

    @Test
    void dropoutIsTheIdentityInEvaluationAndScalesInTraining() {
        Dropout d = new Dropout(0.5f);
        d.to(backend);
        Tensor x = backend.fromArray(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 2, 8);
        assertArrayEquals(x.toArray(), d.forward(x, Mode.EVAL).toArray(), 0f);
        for (float v : d.forward(x, Mode.TRAIN).toArray()) {
            assertTrue(v == 0f || v == 2f, "inverted dropout keeps 1/(1 − 0.5) = 2 or drops to 0, got " + v);
        }
    }
}
