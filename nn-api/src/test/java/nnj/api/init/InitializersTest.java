package nnj.api.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Empirical mean and standard deviation of each initialiser against its closed form. With
 * n = 256·128 = 32,768 draws, the sample mean has standard error σ/√n ≈ 0.0055σ and the sample σ
 * about σ/√(2n) ≈ 0.004σ; the tolerances (0.03σ and 3% of σ) are over 5 standard errors, so the test
 * is not flaky, yet σ = 2/fan_in instead of √(2/fan_in) (11× too small here) fails at once.
 */
class InitializersTest {
    static final int FAN_IN = 256;
    static final int FAN_OUT = 128;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Initializers.heNormal(), Math.sqrt(2.0 / FAN_IN)),
                Arguments.of(Initializers.heUniform(), Math.sqrt(6.0 / FAN_IN) / Math.sqrt(3)),
                Arguments.of(Initializers.xavierNormal(), Math.sqrt(2.0 / (FAN_IN + FAN_OUT))),
                Arguments.of(Initializers.xavierUniform(), Math.sqrt(6.0 / (FAN_IN + FAN_OUT)) / Math.sqrt(3)),
                Arguments.of(Initializers.lecunNormal(), Math.sqrt(1.0 / FAN_IN)),
                Arguments.of(Initializers.lecunUniform(), Math.sqrt(3.0 / FAN_IN) / Math.sqrt(3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void meanAndStandardDeviationMatchTheClosedForm(Initializer init, double sigma) {
        float[] w = new float[FAN_IN * FAN_OUT];
        init.fill(w, FAN_IN, FAN_OUT, new Random(7));
        double mean = 0;
        for (float v : w) {
            mean += v;
        }
        mean /= w.length;
        double var = 0;
        for (float v : w) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / w.length);
        assertEquals(0, mean, 0.03 * sigma, init.name() + " mean");
        assertEquals(sigma, sd, 0.03 * sigma, init.name() + " standard deviation");
    }

    @Test
    void heNormalHasTheSquareRoot() {
        // The notebook this project grew from used σ = 2/fan_in. For fan_in = 256 that is 0.0078,
        // against the correct √(2/256) = 0.088.
        float[] w = new float[10000];
        Initializers.heNormal().fill(w, 256, 10, new Random(1));
        double ss = 0;
        for (float v : w) {
            ss += v * v;
        }
        assertEquals(0.088, Math.sqrt(ss / w.length), 0.005);
    }

    @Test
    void uniformStaysWithinItsBound() {
        float[] w = new float[5000];
        Initializers.heUniform().fill(w, 24, 10, new Random(2));
        double bound = Math.sqrt(6.0 / 24);
        for (float v : w) {
            assertEquals(0, v, bound);
        }
    }

    @Test
    void constantsAndSeeds() {
        float[] w = new float[4];
        Initializers.constant(0.5f).fill(w, 2, 2, new Random(1));
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, w);
        Initializers.zeros().fill(w, 2, 2, new Random(1));
        assertArrayEquals(new float[4], w);
        float[] a = new float[8];
        float[] b = new float[8];
        Initializers.xavierUniform().fill(a, 4, 2, new Random(9));
        Initializers.xavierUniform().fill(b, 4, 2, new Random(9));
        assertArrayEquals(a, b, "same seed, same weights");
    }
}
