package nnj.api.train;

import java.util.Map;

/**
 * One epoch's numbers.
 *
 * @param epoch          counted from 0
 * @param trainLoss      the mean loss over the epoch's training batches (weights changing meanwhile)
 * @param validationLoss the loss on the validation data after the epoch, NaN without validation
 * @param metrics        validation metrics, e.g. {@code accuracy}; empty without validation
 * @param learningRate   the rate used in this epoch
 * @param seconds        the wall time of the epoch, validation included
 */
public record EpochResult(int epoch, double trainLoss, double validationLoss, Map<String, Double> metrics,
                          float learningRate, double seconds) {

    /** A validation metric, or NaN when absent. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }
}
