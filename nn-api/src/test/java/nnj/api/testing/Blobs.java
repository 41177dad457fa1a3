package nnj.api.testing;

import java.util.List;
import java.util.Random;
import nnj.api.data.Dataset;

/** Seeded toy data for nn-api's tests. */
public final class Blobs {
    private Blobs() {
    }

    /** Three Gaussian blobs in 4-D (σ 0.5, centres 3 apart, offset 10): learnable and reproducible. */
    public static Dataset of(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) (r.nextGaussian() * 0.5 + (j == y[i] ? 3 : 0) + 10);
            }
        }
        return Dataset.classification("blobs", x, new int[] {4}, y, List.of("a", "b", "c"));
    }
}
