package nnj.backend.simd;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A training batch assembled from rows scattered over the data set ({@code gatherRows}), split
 * into one run of rows per thread. The copy is memory-bound: its rows come from all over a data
 * set far larger than the caches, and on one core it was the step's largest serial pass (batch 512
 * of MNIST: 1.6 MB). Part u copies rows [u·rows/parts, (u+1)·rows/parts), taken from a counter, so
 * a worker that has not started leaves its rows to the caller. The job object is reused: no
 * allocation. Not thread-safe: one caller at a time, like the backend.
 */
final class ParallelGather implements WorkerPool.Job {
    /** Below this many floats one thread copies them all: hand-off would cost more than it saves. */
    static final int MIN = 1 << 16;

    private final AtomicInteger next = new AtomicInteger();
    private float[] src;
    private int[] rowIndices;
    private int from;
    private float[] dst;
    private int rows;
    private int cols;

    /** Row i of dst = row {@code rowIndices[from + i]} of src (indices checked), on up to {@code threads} threads. */
    void run(float[] src, int[] rowIndices, int from, float[] dst, int rows, int cols, WorkerPool pool, int threads) {
        this.src = src;
        this.rowIndices = rowIndices;
        this.from = from;
        this.dst = dst;
        this.rows = rows;
        this.cols = cols;
        next.set(0);
        try {
            pool.run(this, Math.min(threads, pool.maxParts()));
        } finally {
            this.src = null;
            this.rowIndices = null;
            this.dst = null;
        }
    }

    @Override
    public void run(int part, int parts) {
        for (int u = next.getAndIncrement(); u < parts; u = next.getAndIncrement()) {
            for (int i = u * rows / parts, end = (u + 1) * rows / parts; i < end; i++) {
                System.arraycopy(src, rowIndices[from + i] * cols, dst, i * cols, cols);
            }
        }
    }
}
