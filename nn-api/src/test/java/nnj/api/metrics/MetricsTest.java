package nnj.api.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import nnj.api.data.Dataset;
import nnj.api.data.Standardizer;
import org.junit.jupiter.api.Test;

/** Metrics and standardisation against values computed by hand. */
class MetricsTest {
    @Test
    void classification() {
        int[] predicted = {0, 1, 2, 2, 1};
        int[] labels = {0, 1, 1, 2, 0};
        assertEquals(0.6, Metrics.accuracy(predicted, labels), 1e-12);
        int[][] m = Metrics.confusionMatrix(predicted, labels, 3);
        assertArrayEquals(new int[] {1, 1, 0}, m[0]);
        assertArrayEquals(new int[] {0, 1, 1}, m[1]);
        assertArrayEquals(new int[] {0, 0, 1}, m[2]);
        assertArrayEquals(new int[] {2, 0}, Metrics.argmaxRows(new float[] {0, 1, 5, 9, 2, 3}, 3));
    }

    @Test
    void regression() {
        float[] target = {1, 2, 3, 4};
        float[] predicted = {1.5f, 2, 2, 4};
        assertEquals((0.25 + 0 + 1 + 0) / 4, Metrics.mse(predicted, target), 1e-12);
        assertEquals((0.5 + 0 + 1 + 0) / 4, Metrics.mae(predicted, target), 1e-12);
        // SS_res = 1.25, SS_tot = 5 (mean 2.5): R² = 0.75
        assertEquals(0.75, Metrics.r2(predicted, target), 1e-12);
    }

    @Test
    void standardizerUsesTrainingStatisticsAndTreatsZeroSpreadAsOne() {
        Dataset d = Dataset.regression("d", new float[] {1, 5, 3, 5, 5, 5}, new int[] {2}, new float[] {0, 0, 0}, 1);
        Standardizer s = Standardizer.fit(d);
        assertArrayEquals(new float[] {3, 5}, s.mean(), 1e-6f);
        // feature 0: values 1, 3, 5, population std √(8/3); feature 1 constant → std 1
        assertArrayEquals(new float[] {(float) Math.sqrt(8.0 / 3), 1f}, s.std(), 1e-6f);
        Dataset t = s.transform(d);
        assertEquals(0f, t.feature(1, 0), 1e-6f);
        assertEquals(0f, t.feature(2, 1), 0f);
    }

    @Test
    void perChannelStandardizerPoolsEveryPixelOfAChannel() {
        // two samples of 2 channels × 2 pixels: channel 0 holds 0, 2, 4, 6 and channel 1 holds 1, 1, 1, 1
        Dataset d = Dataset.regression("img", new float[] {0, 2, 1, 1, 4, 6, 1, 1}, new int[] {2, 1, 2},
                new float[] {0, 0}, 1);
        Standardizer s = Standardizer.fitPerChannel(d, 2);
        assertArrayEquals(new float[] {3, 3, 1, 1}, s.mean(), 1e-6f);
        // channel 0: deviations −3, −1, 1, 3, population std √5; channel 1 is constant → std 1
        float c0 = (float) Math.sqrt(5);
        assertArrayEquals(new float[] {c0, c0, 1f, 1f}, s.std(), 1e-6f);
        assertEquals(3 / c0, s.transform(d).feature(1, 1), 1e-6f);
    }
}
