package nnj.api.train;

import java.util.Random;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.data.Dataset;
import nnj.api.data.Splits;

/**
 * Feeds a dataset to a backend in mini-batches. The whole dataset is uploaded once; each batch is
 * then assembled on the backend with {@link Backend#gatherRows} into one of two reused tensors (full
 * batches, and the shorter last one), following an index order that {@link #shuffle} permutes in
 * place from a seeded generator. Nothing is allocated per batch.
 *
 * <p>Features are fed as (batch, featureCount) matrices; targets as (batch, targetWidth).
 *
 * <p>Not thread-safe: it owns the batch tensors and the sample order.
 */
public final class BatchLoader {
    private final Backend backend;
    private final Dataset data;
    private final int batchSize;
    private final Tensor allFeatures;
    private final Tensor allTargets;
    private final int[] order;
    private final Tensor fullX;
    private final Tensor fullY;
    private final Tensor tailX;
    private final Tensor tailY;
    private Tensor currentX;
    private Tensor currentY;
    private int currentStart;

    /** Uploads {@code data} to {@code backend} once (allocates) and prepares batches of {@code batchSize}. */
    public BatchLoader(Backend backend, Dataset data, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("dataset " + data.name() + " is empty");
        }
        this.backend = backend;
        this.data = data;
        int n = data.size();
        this.batchSize = Math.min(batchSize, n);
        int f = data.featureCount();
        int t = data.targetWidth();
        allFeatures = backend.fromArray(data.featureArray(), n, f);
        allTargets = backend.fromArray(data.targetArray(), n, t);
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        fullX = backend.tensor(this.batchSize, f);
        fullY = backend.tensor(this.batchSize, t);
        int tail = n % this.batchSize;
        tailX = tail == 0 ? null : backend.tensor(tail, f);
        tailY = tail == 0 ? null : backend.tensor(tail, t);
    }

    /** The dataset being fed. */
    public Dataset dataset() {
        return data;
    }

    /** The number of samples. */
    public int size() {
        return data.size();
    }

    /** Rows per full batch (at most the dataset's size). */
    public int batchSize() {
        return batchSize;
    }

    /** The number of batches per pass, the last possibly shorter. */
    public int batches() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** Permutes the sample order in place (Fisher–Yates) from {@code random}. */
    public void shuffle(Random random) {
        Splits.shuffle(order, random);
    }

    /** Restores the dataset's own order (for evaluation). */
    public void resetOrder() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
    }

    /** Assembles batch {@code b} on the backend; then {@link #features()} and {@link #targets()} hold it. */
    public void load(int b) {
        int from = b * batchSize;
        if (b < 0 || from >= order.length) {
            throw new IndexOutOfBoundsException("batch " + b + " of " + batches());
        }
        boolean full = from + batchSize <= order.length;
        currentX = full ? fullX : tailX;
        currentY = full ? fullY : tailY;
        currentStart = from;
        backend.gatherRows(allFeatures, order, from, currentX);
        backend.gatherRows(allTargets, order, from, currentY);
    }

    /** The current batch's features (owned by the loader; overwritten by the next {@link #load}). */
    public Tensor features() {
        return currentX;
    }

    /** The current batch's targets. */
    public Tensor targets() {
        return currentY;
    }

    /** The dataset index of row {@code i} of the current batch. */
    public int sampleIndex(int i) {
        return order[currentStart + i];
    }
}
