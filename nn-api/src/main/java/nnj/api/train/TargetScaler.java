package nnj.api.train;

import java.util.List;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import nnj.api.layers.Dense;
import nnj.api.layers.Layer;
import nnj.api.layers.Sequential;

/**
 * Standardises regression targets for training, then folds the scaling back into the model's last
 * Dense layer, so the trained model predicts in the data's own units and its file needs no extra state.
 *
 * <p>Why: targets such as diabetes progression (25 to 346) make the first MSE gradients hundreds of
 * times larger than those of standardised inputs, and Adam at its usual rate needs many epochs just
 * to move the output bias. Training on (y − mean) / std avoids that. Afterwards the last, linear
 * layer y = h·W + b is rewritten as W' = W·diag(std), b' = b·std + mean, which is exact up to float
 * rounding.
 *
 * <p>{@link Trainer.Builder#standardizeTargets(boolean)} does all of this inside {@code fit}; use the
 * class directly for a training loop of your own:
 * <pre>{@code
 * TargetScaler scaler = TargetScaler.fit(train);
 * trainer.fit(model, scaler.apply(train), scaler.apply(validation));
 * scaler.foldInto(model);                    // model.predict now returns raw units
 * }</pre>
 */
public final class TargetScaler {
    private final float[] mean;
    private final float[] std;

    private TargetScaler(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * Mean and population std of each target column of {@code data}; a std that is zero, or below
     * float resolution of the mean (1e-7 of it), counts as 1.
     */
    public static TargetScaler fit(Dataset data) {
        if (data.task() != Task.REGRESSION) {
            throw new IllegalArgumentException("target scaling is for regression data, not " + data);
        }
        int k = data.targetWidth();
        int n = data.size();
        double[] sum = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                sum[j] += data.target(i, j);
            }
        }
        float[] mean = new float[k];
        float[] std = new float[k];
        for (int j = 0; j < k; j++) {
            double m = sum[j] / n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double d = data.target(i, j) - m;
                ss += d * d;
            }
            double s = Math.sqrt(ss / n);
            mean[j] = (float) m;
            std[j] = scale(m, s);
        }
        return new TargetScaler(mean, std);
    }

    /**
     * The divisor for a target column of this mean and population standard deviation: the standard
     * deviation, or 1 when the column is constant. Constant means no spread beyond float rounding
     * of the mean, whatever the units: an absolute floor would leave tiny targets (1e-20) unscaled,
     * and the net could not fit them. For statistics gathered elsewhere (a distributed aggregate).
     */
    public static float scale(double mean, double std) {
        return std > 1e-7 * Math.abs(mean) && (float) std > 0 ? (float) std : 1f;
    }

    /**
     * A scaler of given per-column means and population standard deviations, for targets whose
     * statistics were gathered elsewhere (for example by a distributed aggregate).
     */
    public static TargetScaler of(float[] mean, float[] std) {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("target scaling needs one mean and one std per target column, got "
                    + mean.length + " and " + std.length);
        }
        for (float s : std) {
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException("a target std must be a positive number, got " + s);
            }
        }
        return new TargetScaler(mean.clone(), std.clone());
    }

    /** The mean of target column {@code j} in the data it was fitted on. */
    public float mean(int j) {
        return mean[j];
    }

    /** The population standard deviation of target column {@code j} (1 for a constant column). */
    public float std(int j) {
        return std[j];
    }

    /** The same samples with targets (y − mean) / std (feature names kept). */
    public Dataset apply(Dataset data) {
        if (data.task() != Task.REGRESSION || data.targetWidth() != mean.length) {
            throw new IllegalArgumentException("this scaler was fitted on " + mean.length + " regression target(s), not on "
                    + data);
        }
        int k = mean.length;
        float[] t = data.targetArray();
        for (int i = 0; i < t.length; i++) {
            t[i] = (t[i] - mean[i % k]) / std[i % k];
        }
        return Dataset.regression(data.name(), data.featureArray(), data.sampleShape(), t, k)
                .withFeatureNames(data.featureNames());
    }

    /** Rewrites the model's last (Dense, linear) layer so that it outputs unscaled targets. */
    public void foldInto(Sequential model) {
        List<Layer> layers = model.layers();
        Layer last = layers.get(layers.size() - 1);
        if (!(last instanceof Dense)) {
            throw new IllegalStateException("target scaling needs a model that ends in a Dense layer, not " + last);
        }
        Dense out = (Dense) last;
        int k = mean.length;
        if (out.outputs() != k) {
            throw new IllegalStateException("the model outputs " + out.outputs() + " values but the scaler has "
                    + k + " target(s)");
        }
        float[] w = out.weight().values(); // (in, out), row-major
        for (int i = 0; i < w.length; i++) {
            w[i] *= std[i % k];
        }
        out.weight().setValues(w);
        if (out.bias() != null) {
            float[] b = out.bias().values();
            for (int j = 0; j < k; j++) {
                b[j] = b[j] * std[j] + mean[j];
            }
            out.bias().setValues(b);
        } else if (anyNonZero(mean)) {
            throw new IllegalStateException("target scaling needs an output layer with a bias to add the mean back");
        }
    }

    private static boolean anyNonZero(float[] a) {
        for (float v : a) {
            if (v != 0f) {
                return true;
            }
        }
        return false;
    }
}
