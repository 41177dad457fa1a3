package nnj.api.data;

/**
 * Per-feature standardisation, x' = (x − mean) / std, with the statistics fitted on the training
 * split only (never on validation or test data, which would leak them). A feature with zero spread
 * (a pixel that is always blank) gets std 1, so it maps to 0 instead of NaN.
 *
 * <p>Immutable; the model file stores mean and std so predictions on new data use the same scaling.
 */
public final class Standardizer {
    private final float[] mean;
    private final float[] std;

    /** Statistics given directly (copied); every std must be positive. */
    public Standardizer(float[] mean, float[] std) {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("standardizer: " + mean.length + " means but " + std.length + " stds");
        }
        for (int j = 0; j < std.length; j++) {
            if (!(std[j] > 0f) || !Float.isFinite(std[j]) || !Float.isFinite(mean[j])) {
                throw new IllegalArgumentException("standardizer: feature " + j + " has mean " + mean[j]
                        + " and std " + std[j] + "; std must be positive and finite");
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** Fits mean and (population) std of every feature of {@code training}, accumulated in double. */
    public static Standardizer fit(Dataset training) {
        int n = training.size();
        int f = training.featureCount();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a standardizer on the empty dataset " + training.name());
        }
        double[] sum = new double[f];
        double[] sumSq = new double[f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                double v = training.feature(i, j);
                sum[j] += v;
            }
        }
        float[] mean = new float[f];
        for (int j = 0; j < f; j++) {
            mean[j] = (float) (sum[j] / n);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                double d = training.feature(i, j) - (double) mean[j];
                sumSq[j] += d * d;
            }
        }
        float[] std = new float[f];
        for (int j = 0; j < f; j++) {
            double s = Math.sqrt(sumSq[j] / n);
            std[j] = s > 1e-12 ? (float) s : 1f;
        }
        return new Standardizer(mean, std);
    }

    /** The number of features it standardises. */
    public int featureCount() {
        return mean.length;
    }

    /** A copy of the means. */
    public float[] mean() {
        return mean.clone();
    }

    /** A copy of the standard deviations (zero spread already replaced by 1). */
    public float[] std() {
        return std.clone();
    }

    /** Standardises {@code rows} rows of features in place. */
    public void applyInPlace(float[] features, int rows) {
        int f = mean.length;
        if (features.length < (long) rows * f) {
            throw new IllegalArgumentException("standardizer: " + rows + " rows of " + f + " features need "
                    + ((long) rows * f) + " floats, got " + features.length);
        }
        for (int i = 0; i < rows; i++) {
            int o = i * f;
            for (int j = 0; j < f; j++) {
                features[o + j] = (features[o + j] - mean[j]) / std[j];
            }
        }
    }

    /** The dataset with standardised features (a new dataset; the input is unchanged). */
    public Dataset transform(Dataset data) {
        if (data.featureCount() != mean.length) {
            throw new IllegalArgumentException("standardizer fitted on " + mean.length + " features cannot scale "
                    + data.name() + " with " + data.featureCount() + " features");
        }
        float[] x = data.featureArray();
        applyInPlace(x, data.size());
        return data.withFeatures(x);
    }
}
