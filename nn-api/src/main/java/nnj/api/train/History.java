package nnj.api.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The per-epoch results of a training run, in order. Not thread-safe while the trainer fills it; read it after fit returns. */
public final class History {
    /** Filled by the trainer. */
    History() {
    }

    private final List<EpochResult> epochs = new ArrayList<>();
    private boolean stoppedEarly;
    private int bestEpoch = -1;

    void add(EpochResult r) {
        epochs.add(r);
    }

    /** @param bestEpochIndex the best epoch counted from 0, as {@link EarlyStopping} counts, or −1 */
    void markStoppedEarly(int bestEpochIndex) {
        this.stoppedEarly = true;
        setBestEpoch(bestEpochIndex);
    }

    /** @param bestEpochIndex the best epoch counted from 0, as {@link EarlyStopping} counts, or −1 */
    void setBestEpoch(int bestEpochIndex) {
        this.bestEpoch = bestEpochIndex < 0 ? -1 : bestEpochIndex + 1;
    }

    /** The results, one per epoch run. */
    public List<EpochResult> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The last epoch's result. */
    public EpochResult last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epoch has run");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** Whether early stopping ended the run before the configured number of epochs. */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** The epoch with the lowest validation loss (whose weights were restored), counted from 1; −1 without early stopping. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The training loss of each epoch. */
    public double[] trainLoss() {
        return epochs.stream().mapToDouble(EpochResult::trainLoss).toArray();
    }

    /** The validation loss of each epoch (NaN without validation). */
    public double[] validationLoss() {
        return epochs.stream().mapToDouble(EpochResult::validationLoss).toArray();
    }

    /** As CSV: epoch (from 1), train_loss, val_loss, each validation metric (val_accuracy, ...), learning_rate, seconds. */
    public String toCsv() {
        TreeSet<String> names = metricNames();
        StringBuilder sb = new StringBuilder("epoch,train_loss,val_loss");
        for (String n : names) {
            sb.append(',').append(n);
        }
        sb.append(",learning_rate,seconds\n");
        for (EpochResult r : epochs) {
            sb.append(r.epoch()).append(',').append(num(r.trainLoss())).append(',').append(num(r.validationLoss()));
            for (String n : names) {
                sb.append(',').append(num(r.metric(n)));
            }
            sb.append(',').append(r.learningRate()).append(',').append(num(r.seconds())).append('\n');
        }
        return sb.toString();
    }

    private TreeSet<String> metricNames() {
        TreeSet<String> names = new TreeSet<>();
        for (EpochResult r : epochs) {
            names.addAll(r.metrics().keySet());
        }
        return names;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    @Override
    public String toString() {
        return "History(" + epochs.size() + " epochs" + (stoppedEarly ? ", stopped early" : "") + ")";
    }

    static Map<String, Double> noMetrics() {
        return Map.of();
    }
}
