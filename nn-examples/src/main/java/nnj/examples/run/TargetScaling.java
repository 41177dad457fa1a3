package nnj.examples.run;

import java.util.List;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import nnj.api.layers.Dense;
import nnj.api.layers.Layer;
import nnj.api.layers.Sequential;

/**
 * Standardises regression targets for training, then folds the scaling back into the output layer.
 *
 * <p>Why: targets such as diabetes progression (25 to 346) make the first MSE gradients hundreds
 * of times larger than those of standardised inputs, and Adam at its usual rate needs many epochs
 * just to move the output bias. Training on (y − mean) / std avoids that. Afterwards the last,
 * linear layer y = h·W + b is rewritten as W' = W·diag(std), b' = b·std + mean, which is exact, so
 * the saved model predicts in the data's own units and needs no extra state in its file.
 */
final class TargetScaling {
    private final float[] mean;
    private final float[] std;

    private TargetScaling(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    /** Mean and population std of each target column of {@code data} (a zero std counts as 1). */
    static TargetScaling fit(Dataset data) {
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
            std[j] = s > 1e-12 ? (float) s : 1f;
        }
        return new TargetScaling(mean, std);
    }

    /** The same samples with targets (y − mean) / std. */
    Dataset apply(Dataset data) {
        int k = mean.length;
        float[] t = data.targetArray();
        for (int i = 0; i < t.length; i++) {
            t[i] = (t[i] - mean[i % k]) / std[i % k];
        }
        return Dataset.regression(data.name(), data.featureArray(), data.sampleShape(), t, k);
    }

    /** Rewrites the model's last (dense, linear) layer so that it outputs unscaled targets. */
    void foldInto(Sequential model) {
        List<Layer> layers = model.layers();
        Layer last = layers.get(layers.size() - 1);
        if (!(last instanceof Dense)) {
            throw new IllegalStateException("target scaling needs a model that ends in a Dense layer, not " + last);
        }
        Dense out = (Dense) last;
        int k = mean.length;
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
