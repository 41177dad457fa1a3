package nnj.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import nnj.api.backend.Backends;
import nnj.api.data.Dataset;
import nnj.api.layers.Dense;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import org.junit.jupiter.api.Test;

class TargetScalingTest {

    @Test
    void foldingTheScalingIntoTheOutputLayerUnscalesThePredictions() {
        // Targets with mean (10, −3) and std (4, 0.5): after folding, the model must output
        // std·f(x) + mean, where f is the same model before folding. Exact in real numbers, so the
        // tolerance only covers float32 rounding of values around 10.
        float[] targets = {6, -3.5f, 14, -2.5f, 6, -3.5f, 14, -2.5f};
        float[] x = {0.1f, 0.2f, 0.3f, -1, 0.5f, 0.4f, 2, 1, -0.3f, 0.7f, 0.1f, 0.9f};
        Dataset data = Dataset.regression("t", x, new int[] {3}, targets, 2);
        TargetScaling scaling = TargetScaling.fit(data);
        Dataset scaled = scaling.apply(data);
        assertEquals(-1.0, scaled.target(0, 0), 1e-6, "(6 − 10) / 4 = −1");
        assertEquals(-1.0, scaled.target(0, 1), 1e-6, "(−3.5 + 3) / 0.5 = −1");

        Sequential model = Sequential.of(new Dense(3, 5), new ReLU(), new Dense(5, 2)).initialize(7);
        model.to(Backends.named("naive"));
        float[] before = model.predict(x, 4);
        scaling.foldInto(model);
        float[] after = model.predict(x, 4);
        float[] mean = {10, -3};
        float[] std = {4, 0.5f};
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i] * std[i % 2] + mean[i % 2], after[i], 1e-5, "output " + i);
        }
    }
}
