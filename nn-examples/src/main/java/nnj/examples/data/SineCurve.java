package nnj.examples.data;

import java.util.Random;
import nnj.api.data.Dataset;

/**
 * A synthetic 1-D regression set: y = 0.5 + sin(2πx) + ε with x ~ U(−1, 1) and ε ~ N(0, σ²).
 * Two full periods over the interval, so a straight line cannot fit it (R² ≈ 0) while a small
 * MLP can reach close to the noise floor; it makes a good plot.
 */
public final class SineCurve {
    /** The default noise standard deviation σ. */
    public static final double DEFAULT_NOISE = 0.1;
    /** The default number of samples. */
    public static final int DEFAULT_SAMPLES = 1000;

    private SineCurve() {
    }

    /** The noise-free curve, 0.5 + sin(2πx): what a perfect model predicts. */
    public static double mean(double x) {
        return 0.5 + Math.sin(2 * Math.PI * x);
    }

    /**
     * {@code n} samples drawn from one {@link Random} seeded with {@code seed}: for each sample x
     * first, then its noise, so the same seed always gives the same points.
     *
     * @param noise the standard deviation σ of the Gaussian noise (0 for the bare curve)
     */
    public static Dataset generate(int n, double noise, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("sine: need at least 2 samples, got " + n);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("sine: the noise σ must be a finite number ≥ 0, got " + noise);
        }
        Random random = new Random(seed);
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double xi = -1 + 2 * random.nextDouble();
            x[i] = (float) xi;
            y[i] = (float) (mean(xi) + noise * random.nextGaussian());
        }
        return Dataset.regression("sine", x, new int[] {1}, y, 1);
    }
}
