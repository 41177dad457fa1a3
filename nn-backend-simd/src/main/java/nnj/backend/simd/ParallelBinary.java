package nnj.backend.simd;

import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import nnj.api.backend.BinaryOp;

/**
 * A large ReLU backward (a CNN's ReLU backward over a conv layer's whole output, millions
 * of floats) split into chunks that the worker pool's threads take from a counter. Such a pass is
 * memory-bound and ran on the caller alone while the other core waited. Element-wise, so the result
 * is the same whoever computes a chunk. The job object is reused: no allocation. Not thread-safe:
 * one caller at a time, like the backend.
 */
final class ParallelBinary implements WorkerPool.Job {
    /** Below this many elements one thread does it all: hand-off would cost more than it saves. */
    static final int MIN = 1 << 17;
    private static final int CHUNK = 16_384; // a multiple of every vector length

    private final AtomicInteger next = new AtomicInteger();
    private static final VectorSpecies<Float> S = VectorOps.S;
    private static final int VL = VectorOps.VL;
    private float[] a;
    private float[] b;
    private float[] out;
    private int n;

    /** Whether {@link #run} splits this op over the pool (otherwise {@link VectorOps#binary} is the place). */
    static boolean applies(BinaryOp op, int n) {
        return op == BinaryOp.RELU_BACKWARD && n >= MIN;
    }

    /** out = RELU_BACKWARD(a, b) over n elements, on up to {@code threads} threads of {@code pool}. */
    void run(float[] a, float[] b, float[] out, int n, WorkerPool pool, int threads) {
        this.a = a;
        this.b = b;
        this.out = out;
        this.n = n;
        next.set(0);
        try {
            pool.run(this, Math.min(threads, pool.maxParts()));
        } finally {
            this.a = null;
            this.b = null;
            this.out = null;
        }
    }

    @Override
    public void run(int part, int parts) {
        for (int from = next.getAndAdd(CHUNK); from < n; from = next.getAndAdd(CHUNK)) {
            reluBackward(a, b, out, from, Math.min(n, from + CHUNK));
        }
    }

    /** out[i] = x[i] &gt; 0 ? dy[i] : 0 for i in [from, to), as {@link BinaryOp#RELU_BACKWARD} (a NaN x gives 0). */
    private static void reluBackward(float[] x, float[] dy, float[] out, int from, int to) {
        int i = from;
        FloatVector zero = FloatVector.zero(S);
        for (int bound = to - VL; i <= bound; i += VL) {
            zero.blend(FloatVector.fromArray(S, dy, i),
                    FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f)).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = BinaryOp.RELU_BACKWARD.apply(x[i], dy[i]);
        }
    }
}
