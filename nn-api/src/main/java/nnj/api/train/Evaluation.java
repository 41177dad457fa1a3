package nnj.api.train;

import java.util.Map;

/**
 * A model's loss and metrics on one dataset.
 *
 * @param loss    the mean loss over the samples
 * @param metrics {@code accuracy} for classification; {@code mse}, {@code mae} and {@code r2} for regression
 * @param samples how many samples were evaluated
 */
public record Evaluation(double loss, Map<String, Double> metrics, int samples) {

    /** A metric, or NaN when absent. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }

    /** Classification accuracy, or NaN for regression. */
    public double accuracy() {
        return metric("accuracy");
    }
}
