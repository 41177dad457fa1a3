package nnj.examples.report;

/** Turns a classifier's output rows (logits) into probabilities on the host. */
public final class Probabilities {
    private Probabilities() {
    }

    /** Row-wise softmax in double, shifted by the row maximum so that large logits cannot overflow. */
    public static float[] softmaxRows(float[] logits, int cols) {
        float[] p = new float[logits.length];
        for (int o = 0; o < logits.length; o += cols) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, logits[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(logits[o + j] - max);
            }
            for (int j = 0; j < cols; j++) {
                p[o + j] = (float) (Math.exp(logits[o + j] - max) / sum);
            }
        }
        return p;
    }
}
