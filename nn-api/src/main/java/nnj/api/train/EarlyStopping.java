package nnj.api.train;

import java.util.ArrayList;
import java.util.List;
import nnj.api.Tensor;
import nnj.api.layers.Parameter;
import nnj.api.layers.Sequential;

/**
 * Early stopping: keeps a copy of the best weights (lowest validation loss) on the backend, says
 * when the validation loss has not improved for {@code patience} epochs, and puts the best weights
 * back. "Weights" include the model's buffers (BatchNorm's running statistics): evaluation uses
 * them, so the best epoch's loss is reproduced only with both. Part of a {@link RunState}, so a
 * checkpoint saves and restores it.
 */
final class EarlyStopping {
    private final Parameter[] params;
    private final Tensor[] best;
    private final int patience;
    private final double minDelta;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;
    private int waited;

    EarlyStopping(Sequential model, int patience, double minDelta) {
        List<Parameter> state = new ArrayList<>(model.parameters());
        state.addAll(model.buffers());
        this.params = state.toArray(new Parameter[0]);
        this.best = new Tensor[params.length];
        for (int i = 0; i < params.length; i++) {
            best[i] = params[i].value().backend().tensor(params[i].shape());
        }
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /** Records epoch {@code epoch}'s validation loss; true when training should stop. */
    boolean shouldStop(int epoch, double validationLoss) {
        if (validationLoss < bestLoss - minDelta) {
            bestLoss = validationLoss;
            bestEpoch = epoch;
            waited = 0;
            for (int i = 0; i < params.length; i++) {
                params[i].value().backend().copy(params[i].value(), best[i]);
            }
            return false;
        }
        waited++;
        return waited >= patience;
    }

    /** Puts the best weights back into the model (nothing when no epoch was recorded). */
    void restoreBest() {
        if (bestEpoch < 0) {
            return;
        }
        for (int i = 0; i < params.length; i++) {
            params[i].value().backend().copy(best[i], params[i].value());
        }
    }

    int bestEpoch() {
        return bestEpoch;
    }

    double bestLoss() {
        return bestLoss;
    }

    int waited() {
        return waited;
    }

    /** The parameters and buffers whose best values are kept. */
    Parameter[] params() {
        return params;
    }

    /** The best weights' tensors, parallel to {@link #params()}. */
    Tensor[] best() {
        return best;
    }

    /** The counters from a checkpoint (the best weights are uploaded into {@link #best()} separately). */
    void restore(double bestLoss, int bestEpoch, int waited) {
        this.bestLoss = bestLoss;
        this.bestEpoch = bestEpoch;
        this.waited = waited;
    }
}
