package nnj.backend.tck;

import java.util.SplittableRandom;

/** Seeded test inputs, so that a failure reproduces. */
public final class TestData {
    private TestData() {
    }

    /** n floats uniform in [lo, hi), from the seed. */
    public static float[] uniform(long seed, int n, float lo, float hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (float) r.nextDouble() * (hi - lo);
        }
        return x;
    }

    /** n floats in [−1, 1) kept at least {@code gap} away from 0 (for ReLU's kink). */
    public static float[] awayFromZero(long seed, int n, float gap) {
        float[] x = uniform(seed, n, -1f, 1f);
        for (int i = 0; i < n; i++) {
            if (Math.abs(x[i]) < gap) {
                x[i] = x[i] < 0 ? x[i] - gap : x[i] + gap;
            }
        }
        return x;
    }

    /** One-hot rows: n rows of c classes, class of row i drawn from the seed. */
    public static float[] oneHot(long seed, int n, int c) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] t = new float[n * c];
        for (int i = 0; i < n; i++) {
            t[i * c + r.nextInt(c)] = 1f;
        }
        return t;
    }

    /** Special values that every element-wise kernel must treat like the reference. */
    public static float[] specials() {
        return new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1f, -1f,
            0.5f, -2.5f, 88f, -88f, 1e-30f, -1e-30f, 3.4e38f, -3.4e38f, Float.MIN_VALUE, 20f, -20f};
    }
}
