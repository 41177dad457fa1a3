package nnj.api.data;

/**
 * Per-feature standardisation, x' = (x − mean) / std, with the statistics fitted on the training
 * split only (per feature by {@link #fit}, or per image channel by {@link #fitPerChannel}; never on
 * validation or test data, which would leak them). A feature with zero spread (a pixel that is
 * always blank) gets std 1, so it maps to 0 instead of NaN.
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

    /**
     * Fits one mean and one (population) std per channel of image samples stored channel-major,
     * (C, H, W) flattened, over every pixel of every training sample, and writes them back as
     * per-feature arrays (each pixel gets its channel's statistics), so model files and prediction
     * need nothing new. For images this is the right scaling: per pixel, a border pixel that is
     * almost never lit has a tiny std, and the rare sample that lights it gets z ≈ 90.
     *
     * @param channels the number of channels C; the feature count must be a multiple of it
     */
    public static Standardizer fitPerChannel(Dataset training, int channels) {
        int n = training.size();
        int f = training.featureCount();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a standardizer on the empty dataset " + training.name());
        }
        if (channels < 1 || f % channels != 0) {
            throw new IllegalArgumentException("standardizer: " + f + " features cannot be split into " + channels
                    + " channels of equal size");
        }
        int plane = f / channels;
        double count = (double) n * plane;
        double[] sum = new double[channels];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                sum[j / plane] += training.feature(i, j);
            }
        }
        double[] mean = new double[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = (float) (sum[c] / count);
        }
        double[] sumSq = new double[channels];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                double d = training.feature(i, j) - mean[j / plane];
                sumSq[j / plane] += d * d;
            }
        }
        float[] featureMean = new float[f];
        float[] featureStd = new float[f];
        for (int j = 0; j < f; j++) {
            int c = j / plane;
            double s = Math.sqrt(sumSq[c] / count);
            featureMean[j] = (float) mean[c];
            featureStd[j] = s > 1e-12 ? (float) s : 1f;
        }
        return new Standardizer(featureMean, featureStd);
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
