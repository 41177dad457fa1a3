package nnj.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import nnj.api.data.Dataset;
import nnj.api.data.Splits;
import nnj.api.layers.Dense;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.api.metrics.Metrics;
import nnj.api.optim.Adam;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;

class TargetScalerTest {

    @Test
    void foldingTheScalingIntoTheOutputLayerUnscalesThePredictions() {
        // Targets with mean (10, −3) and std (4, 0.5): after folding, the model must output
        // std·f(x) + mean, where f is the same model before folding. Exact in real numbers, so the
        // tolerance only covers float32 rounding of values around 10.
        float[] targets = {6, -3.5f, 14, -2.5f, 6, -3.5f, 14, -2.5f};
        float[] x = {0.1f, 0.2f, 0.3f, -1, 0.5f, 0.4f, 2, 1, -0.3f, 0.7f, 0.1f, 0.9f};
        Dataset data = Dataset.regression("t", x, new int[] {3}, targets, 2);
        TargetScaler scaling = TargetScaler.fit(data);
        Dataset scaled = scaling.apply(data);
        assertEquals(-1.0, scaled.target(0, 0), 1e-6, "(6 − 10) / 4 = −1");
        assertEquals(-1.0, scaled.target(0, 1), 1e-6, "(−3.5 + 3) / 0.5 = −1");

        Sequential model = Sequential.of(new Dense(3, 5), new ReLU(), new Dense(5, 2)).initialize(7);
        model.to(new NaiveBackend());
        float[] before = model.predict(x, 4);
        scaling.foldInto(model);
        float[] after = model.predict(x, 4);
        float[] mean = {10, -3};
        float[] std = {4, 0.5f};
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i] * std[i % 2] + mean[i % 2], after[i], 1e-5, "output " + i);
        }
    }

    @Test
    void tinyTargetsAreScaledAndAConstantColumnIsLeftAlone() {
        // Column 0 spreads over 1e-20 (an absolute floor such as 1e-12 would call it constant); column 1
        // is 0.1 in every row, whose std is 0 or float rounding: it counts as 1. Population std of
        // (1, 2, 3, 4)·1e-20 is √1.25·1e-20.
        float[] y = {1e-20f, 0.1f, 2e-20f, 0.1f, 3e-20f, 0.1f, 4e-20f, 0.1f};
        TargetScaler s = TargetScaler.fit(Dataset.regression("tiny", new float[4], new int[] {1}, y, 2));
        assertEquals(Math.sqrt(1.25) * 1e-20, s.std(0), 1e-26);
        assertEquals(1f, s.std(1));
        assertEquals(0.1f, s.mean(1), 1e-8);
    }

    /** y = 200 + 60·sin(x₀) + 30·x₁, in units like diabetes progression's. */
    private static Dataset largeTargets(int n) {
        Random r = new Random(5);
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) (r.nextGaussian());
            x[2 * i + 1] = (float) (r.nextGaussian());
            y[i] = (float) (200 + 60 * Math.sin(x[2 * i]) + 30 * x[2 * i + 1]);
        }
        return Dataset.regression("large", x, new int[] {2}, y, 1);
    }

    private static Sequential net() {
        return Sequential.of(new Dense(2, 16), new ReLU(), new Dense(16, 1));
    }

    private static Trainer.Builder trainer() {
        return Trainer.on(new NaiveBackend()).optimizer(new Adam(2e-3f)).epochs(8).batchSize(32).seed(3);
    }

    @Test
    void theTrainerOptionIsTheCliRecipeAndMakesTheDifferenceOnLargeTargets() {
        Dataset data = largeTargets(400);
        // the CLI's recipe by hand: hold out validation, fit the scaler on the rest, train, fold
        Splits.Split held = Splits.random(data, 0.1, 3);
        TargetScaler scaler = TargetScaler.fit(held.first());
        Sequential byHand = net();
        trainer().build().fit(byHand, scaler.apply(held.first()), scaler.apply(held.second()));
        scaler.foldInto(byHand);

        Sequential library = net();
        trainer().standardizeTargets(true).build().fit(library, data);
        float[] x = data.featureArray();
        // same draws, same float operations in the same order: bitwise equal
        assertArrayEquals(byHand.predict(x, data.size()), library.predict(x, data.size()), 0f);

        // and it is what makes 8 epochs enough: without it Adam is still moving the output bias
        // towards 200, so its predictions are worse than the mean's (measured: R² 0.58 with, −15 without)
        Sequential raw = net();
        trainer().build().fit(raw, data);
        double scaledR2 = Metrics.r2(library.predict(x, data.size()), data.targetArray());
        double rawR2 = Metrics.r2(raw.predict(x, data.size()), data.targetArray());
        assertTrue(scaledR2 > 0.4 && rawR2 < 0, "R² with scaling " + scaledR2 + ", without " + rawR2);
    }
}
