package nnj.spark;

import java.io.Serializable;

/**
 * What partitions send back for one step (or one averaging round), summed by treeAggregate: a flat
 * vector (the weighted gradient, or the sample-weighted weights), the summed loss and the rows
 * that contributed. Its size depends on the model only, never on the data.
 */
final class StepResult implements Serializable {
    private static final long serialVersionUID = 1L;

    float[] vector; // null until a partition contributes: the zero value ships no array
    double lossSum;
    long rows;
    double weight;
    double[] epochLoss; // averaging rounds: the loss summed per epoch of the run (a round may cross epochs)

    StepResult() {
    }

    StepResult(float[] vector, double lossSum, long rows, double weight) {
        this.vector = vector;
        this.lossSum = lossSum;
        this.rows = rows;
        this.weight = weight;
    }

    /** Adds {@code other} into this one (either may be empty) and returns this. */
    StepResult merge(StepResult other) {
        if (other.vector != null) {
            if (vector == null) {
                vector = other.vector.clone();
            } else {
                float[] a = vector;
                float[] b = other.vector;
                for (int i = 0; i < a.length; i++) {
                    a[i] += b[i];
                }
            }
        }
        if (other.epochLoss != null) {
            if (epochLoss == null) {
                epochLoss = other.epochLoss.clone();
            } else {
                for (int i = 0; i < epochLoss.length; i++) {
                    epochLoss[i] += other.epochLoss[i];
                }
            }
        }
        lossSum += other.lossSum;
        rows += other.rows;
        weight += other.weight;
        return this;
    }
}
