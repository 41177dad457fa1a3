package nnj.spark;

import java.io.Serializable;
import nnj.api.train.TargetScaler;

/**
 * What the driver learns about the training rows, from one pass on the executors: each partition's
 * row count, and per feature (and for the label) the count, mean and sum of squared deviations,
 * merged across partitions with Chan et al.'s pairwise formula. Its size depends on the feature and
 * partition counts only.
 */
final class DataSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    final long[] partitionRows;
    long rows;
    int featureCount = -1; // -1 until a non-empty partition is merged
    double[] mean = new double[0];
    double[] m2 = new double[0];
    double labelMean;
    double labelM2;
    double labelMin = Double.POSITIVE_INFINITY;
    double labelMax = Double.NEGATIVE_INFINITY;

    private DataSummary(int partitions) {
        this.partitionRows = new long[partitions];
    }

    /** The summary of one block, two passes over its float arrays in double precision. */
    static DataSummary of(Block b, int partitions) {
        DataSummary s = new DataSummary(partitions);
        s.partitionRows[b.partition] = b.rows;
        if (b.rows == 0) {
            return s;
        }
        int f = b.featureCount;
        s.rows = b.rows;
        s.featureCount = f;
        s.mean = new double[f];
        s.m2 = new double[f];
        for (int r = 0; r < b.rows; r++) {
            for (int j = 0; j < f; j++) {
                s.mean[j] += b.features[r * f + j];
            }
        }
        for (int j = 0; j < f; j++) {
            s.mean[j] /= b.rows;
        }
        for (int r = 0; r < b.rows; r++) {
            for (int j = 0; j < f; j++) {
                double d = b.features[r * f + j] - s.mean[j];
                s.m2[j] += d * d;
            }
        }
        double sum = 0;
        for (float y : b.labels) {
            sum += y;
            s.labelMin = Math.min(s.labelMin, y);
            s.labelMax = Math.max(s.labelMax, y);
        }
        s.labelMean = sum / b.rows;
        for (float y : b.labels) {
            double d = y - s.labelMean;
            s.labelM2 += d * d;
        }
        return s;
    }

    /** The summary of both (either may be empty); returns a new or reused object. */
    static DataSummary merge(DataSummary a, DataSummary b) {
        for (int p = 0; p < a.partitionRows.length; p++) {
            a.partitionRows[p] += b.partitionRows[p];
        }
        if (b.rows == 0) {
            return a;
        }
        if (a.rows == 0) { // a's counts now include b's
            System.arraycopy(a.partitionRows, 0, b.partitionRows, 0, a.partitionRows.length);
            return b;
        }
        if (a.featureCount != b.featureCount) {
            throw new IllegalArgumentException("feature vectors of " + a.featureCount + " and " + b.featureCount
                    + " values in one DataFrame; every row needs the same length");
        }
        long n = a.rows + b.rows;
        double wa = (double) a.rows / n;
        double wb = (double) b.rows / n;
        double cross = (double) a.rows * b.rows / n;
        for (int j = 0; j < a.featureCount; j++) {
            double d = b.mean[j] - a.mean[j];
            a.m2[j] += b.m2[j] + d * d * cross;
            a.mean[j] = a.mean[j] * wa + b.mean[j] * wb;
        }
        double d = b.labelMean - a.labelMean;
        a.labelM2 += b.labelM2 + d * d * cross;
        a.labelMean = a.labelMean * wa + b.labelMean * wb;
        a.labelMin = Math.min(a.labelMin, b.labelMin);
        a.labelMax = Math.max(a.labelMax, b.labelMax);
        a.rows = n;
        return a;
    }

    /** The features' means as floats, as {@code Standardizer.fit} rounds them. */
    float[] floatMean() {
        float[] m = new float[featureCount];
        for (int j = 0; j < m.length; j++) {
            m[j] = (float) mean[j];
        }
        return m;
    }

    /**
     * The features' population standard deviations about the float means (as {@code Standardizer.fit}
     * computes them: Σ(x − m_f)² = M2 + n·(m − m_f)²), 1 for a constant feature.
     */
    float[] floatStd(float[] floatMean) {
        float[] s = new float[featureCount];
        for (int j = 0; j < s.length; j++) {
            double shift = mean[j] - floatMean[j];
            double sd = Math.sqrt((m2[j] + rows * shift * shift) / rows);
            s[j] = sd > 1e-12 ? (float) sd : 1f;
        }
        return s;
    }

    /** The label's population standard deviation (1 for a constant label), by {@code TargetScaler.fit}'s rule. */
    float labelStd() {
        return TargetScaler.scale(labelMean, Math.sqrt(labelM2 / rows));
    }

    /** Each partition's first row's index in the whole set. */
    long[] offsets() {
        long[] o = new long[partitionRows.length];
        for (int p = 1; p < o.length; p++) {
            o[p] = o[p - 1] + partitionRows[p - 1];
        }
        return o;
    }
}
