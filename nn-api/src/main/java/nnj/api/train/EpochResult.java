package nnj.api.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One epoch's numbers, in the vocabulary the CLI and its JSON use too: epochs counted from 1, and
 * validation metrics prefixed {@code val_} ({@code val_accuracy}; {@code val_mse}, {@code val_mae},
 * {@code val_r2} for regression), so that they cannot be mistaken for training or test scores.
 *
 * @param epoch          counted from 1, as the CLI prints it
 * @param trainLoss      the mean loss over the epoch's training batches (weights changing meanwhile)
 * @param validationLoss the loss on the validation data after the epoch ({@code val_loss}), NaN without validation
 * @param metrics        validation metrics, e.g. {@code val_accuracy}; empty without validation
 * @param learningRate   the rate used in this epoch
 * @param seconds        the wall time of the epoch, validation included
 */
public record EpochResult(int epoch, double trainLoss, double validationLoss, Map<String, Double> metrics,
                          float learningRate, double seconds) {

    /** The prefix of every validation metric's name. */
    public static final String VALIDATION_PREFIX = "val_";

    /** {@code val_accuracy}: the share of validation samples classified right. */
    public static final String VAL_ACCURACY = "val_accuracy";

    /** An evaluation's metrics ({@code accuracy}, {@code r2}, ...) renamed as validation metrics ({@code val_accuracy}, ...). */
    static Map<String, Double> asValidation(Map<String, Double> evaluation) {
        Map<String, Double> named = new LinkedHashMap<>();
        evaluation.forEach((k, v) -> named.put(k.startsWith(VALIDATION_PREFIX) ? k : VALIDATION_PREFIX + k, v));
        return Map.copyOf(named);
    }

    /** The validation accuracy, or NaN without validation or for regression. */
    public double validationAccuracy() {
        return metric(VAL_ACCURACY);
    }

    /** A validation metric by its name ({@code val_accuracy}, ...), or NaN when absent. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }
}
