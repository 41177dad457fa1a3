package nnj.api.metrics;

/**
 * Evaluation metrics on host arrays (after a model's outputs are downloaded). Sums are accumulated
 * in double.
 */
public final class Metrics {
    private Metrics() {
    }

    /** The index of the largest value of each row of a row-major (rows × cols) array. */
    public static int[] argmaxRows(float[] values, int cols) {
        if (cols < 1 || values.length % cols != 0) {
            throw new IllegalArgumentException("argmaxRows: " + values.length + " values are not rows of " + cols);
        }
        int rows = values.length / cols;
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            int best = 0;
            float max = values[i * cols];
            for (int j = 1; j < cols; j++) {
                float v = values[i * cols + j];
                if (v > max) {
                    max = v;
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** The fraction of predictions equal to the labels. */
    public static double accuracy(int[] predicted, int[] labels) {
        sameLength("accuracy", predicted.length, labels.length);
        if (labels.length == 0) {
            return Double.NaN;
        }
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                right++;
            }
        }
        return right / (double) labels.length;
    }

    /** counts[true][predicted] over {@code classes} classes. */
    public static int[][] confusionMatrix(int[] predicted, int[] labels, int classes) {
        sameLength("confusion matrix", predicted.length, labels.length);
        int[][] m = new int[classes][classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
                throw new IllegalArgumentException("confusion matrix: sample " + i + " has label " + labels[i]
                        + " and prediction " + predicted[i] + ", outside [0, " + classes + ")");
            }
            m[labels[i]][predicted[i]]++;
        }
        return m;
    }

    /** Mean squared error over all elements. */
    public static double mse(float[] predicted, float[] target) {
        sameLength("mse", predicted.length, target.length);
        double s = 0;
        for (int i = 0; i < target.length; i++) {
            double d = (double) predicted[i] - target[i];
            s += d * d;
        }
        return s / target.length;
    }

    /** Mean absolute error over all elements. */
    public static double mae(float[] predicted, float[] target) {
        sameLength("mae", predicted.length, target.length);
        double s = 0;
        for (int i = 0; i < target.length; i++) {
            s += Math.abs((double) predicted[i] - target[i]);
        }
        return s / target.length;
    }

    /**
     * The coefficient of determination, 1 − SS_res / SS_tot, over all elements (one output). 1 is a
     * perfect fit, 0 is as good as predicting the mean; NaN when the target is constant.
     */
    public static double r2(float[] predicted, float[] target) {
        sameLength("r2", predicted.length, target.length);
        double mean = 0;
        for (float t : target) {
            mean += t;
        }
        mean /= target.length;
        double res = 0;
        double tot = 0;
        for (int i = 0; i < target.length; i++) {
            double d = (double) predicted[i] - target[i];
            double e = target[i] - mean;
            res += d * d;
            tot += e * e;
        }
        return tot == 0 ? Double.NaN : 1 - res / tot;
    }

    private static void sameLength(String what, int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException(what + ": " + a + " predictions but " + b + " targets");
        }
    }
}
