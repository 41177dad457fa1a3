package nnj.spark;

import java.util.Locale;

/** How the partitions' work is combined. */
public enum Mode {
    /**
     * Every step: broadcast the weights, each partition computes the gradient of its share of the
     * global batch, the gradients are summed with treeAggregate and the driver's optimizer takes the
     * step. The same arithmetic as one machine on the same global batch.
     */
    SYNC,
    /**
     * Every round: broadcast the weights, each partition takes K local steps on its own data with its
     * own optimizer, and the driver averages the resulting weights (weighted by samples). K times
     * less traffic, at some cost in accuracy.
     */
    AVERAGE;

    /** {@code sync} or {@code average}. */
    public static Mode parse(String name) {
        switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "sync": return SYNC;
            case "average": case "averaging": return AVERAGE;
            default: throw new IllegalArgumentException("unknown mode '" + name + "'; use sync or average");
        }
    }
}
