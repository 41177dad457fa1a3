package nnj.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import nnj.api.data.Dataset;
import org.junit.jupiter.api.Test;

class SineCurveTest {
    @Test
    void sameSeedSamePointsOtherSeedOtherPoints() {
        Dataset a = SineCurve.generate(200, 0.1, 7);
        Dataset b = SineCurve.generate(200, 0.1, 7);
        Dataset c = SineCurve.generate(200, 0.1, 8);
        assertArrayEquals(a.featureArray(), b.featureArray());
        assertArrayEquals(a.targetArray(), b.targetArray());
        assertFalse(Arrays.equals(a.featureArray(), c.featureArray()));
    }

    @Test
    void withoutNoiseThePointsLieOnTheCurve() {
        Dataset d = SineCurve.generate(500, 0, 1);
        for (int i = 0; i < d.size(); i++) {
            float x = d.feature(i, 0);
            assertTrue(x >= -1 && x < 1, "x = " + x);
            // y is computed in double from the double x, then rounded to float: compare in float.
            assertEquals((float) SineCurve.mean(x), d.target(i, 0), 1e-6f);
        }
        assertEquals(0.5, SineCurve.mean(0), 1e-12);
        assertEquals(1.5, SineCurve.mean(0.25), 1e-12);
    }

    @Test
    void residualsHaveTheRequestedSpread() {
        // 20,000 residuals of σ = 0.3: the sample std has a standard error of about
        // σ / sqrt(2n) = 0.0015, so a 0.01 tolerance fails only for a wrong σ.
        double sigma = 0.3;
        Dataset d = SineCurve.generate(20_000, sigma, 3);
        double sum = 0;
        double sumSq = 0;
        double minX = 1;
        double maxX = -1;
        for (int i = 0; i < d.size(); i++) {
            double x = d.feature(i, 0);
            double r = d.target(i, 0) - SineCurve.mean(x);
            sum += r;
            sumSq += r * r;
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
        }
        double mean = sum / d.size();
        double std = Math.sqrt(sumSq / d.size() - mean * mean);
        assertEquals(0, mean, 0.01);
        assertEquals(sigma, std, 0.01);
        assertTrue(minX < -0.99 && maxX > 0.99, "x must cover (−1, 1): " + minX + ".." + maxX);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SineCurve.generate(1, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> SineCurve.generate(10, -0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> SineCurve.generate(10, Double.NaN, 1));
    }
}
