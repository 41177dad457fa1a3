package nnj.backend.simd;

import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import nnj.api.backend.ConvGeometry;

/**
 * A direct convolution for layers with a tiny patch (C·kh·kw below {@link ConvKernels#SMALL_PATCH},
 * such as the 3×3 convolution of a grey image, K = 9) and stride 1: as a GEMM, such a layer has an
 * inner dimension of 9, so the micro-kernel stores its result after 9 steps, and the im2col panel,
 * the GEMM's result and the copy back to NCHW are each a pass over memory as large as the output.
 * Here each output row is computed in registers from a zero-bordered copy of the image and written
 * once; the weight gradient of a 3×3 kernel on one channel likewise reads each output-gradient row
 * once and keeps the 9 sums of one output channel (and db's) in vectors.
 *
 * <p>Rows are covered by whole vectors: the last one of a row starts at OW − VL and overlaps the one
 * before it. The forward pass writes those overlapping outputs twice with the same value; the
 * weight gradient masks the overlap off, so nothing is counted twice. Needs OW ≥ VL.
 *
 * <p>Work is split by sample (forward) and by output channel (weight gradient), taken from a
 * counter; each output is summed in a fixed order by one thread, so results do not depend on the
 * thread count. Buffers grow to the largest batch and are reused: a warm call allocates nothing.
 * Not thread-safe: one caller at a time, like the backend.
 */
final class DirectConv implements WorkerPool.Job {
    private static final VectorSpecies<Float> S = VectorOps.S;
    private static final int VL = VectorOps.VL;

    /** Whether this geometry's forward pass runs here. */
    static boolean appliesForward(ConvGeometry g) {
        return g.stride == 1 && g.patchSize() < ConvKernels.SMALL_PATCH && g.outW >= VL;
    }

    /** Whether this geometry's weight gradient runs here: a 3×3 kernel on one channel. */
    static boolean appliesWeights(ConvGeometry g) {
        return g.stride == 1 && g.inC == 1 && g.kh == 3 && g.kw == 3 && g.outW >= VL;
    }

    private final AtomicInteger next = new AtomicInteger();
    private boolean forward;
    private ConvGeometry g;
    private float[] w;
    private float[] bias;
    private boolean relu;
    private float[] y;
    private float[] dy;
    private float[] dw;
    private float[] db;
    /** Zero-bordered copies of the batch's images: sample s, channel c at (s·C + c)·padded plane. */
    private float[] padded = new float[0];
    private int wp;
    private int paddedPlane;

    /** y = act(conv(x, w) + bias), act ReLU or none. */
    void forward(ConvGeometry g, float[] x, float[] w, float[] bias, boolean relu, float[] y, WorkerPool pool,
                 int threads) {
        this.forward = true;
        this.w = w;
        this.bias = bias;
        this.relu = relu;
        this.y = y;
        pad(g, x, pool, threads);
        this.y = null;
    }

    /** dw = Σ dy ⋆ x, db = Σ dy (db may be null). */
    void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db, WorkerPool pool,
                         int threads) {
        this.forward = false;
        this.dy = dy;
        this.dw = dw;
        this.db = db;
        pad(g, x, pool, threads);
        this.dy = null;
        this.dw = null;
        this.db = null;
    }

    private void pad(ConvGeometry g, float[] x, WorkerPool pool, int threads) {
        this.g = g;
        wp = g.inW + 2 * g.padW;
        // one spare row: the last vector of the last row may read up to kw − 1 floats past the plane
        paddedPlane = (g.inH + 2 * g.padH + 1) * wp;
        int size = g.n * g.inC * paddedPlane;
        if (padded.length < size) {
            padded = new float[size];
        }
        for (int pl = 0; pl < g.n * g.inC; pl++) { // cheap next to the convolution: one pass over the input
            int base = pl * paddedPlane;
            java.util.Arrays.fill(padded, base, base + g.padH * wp, 0f);
            for (int r = 0; r < g.inH; r++) {
                int row = base + (r + g.padH) * wp;
                for (int q = 0; q < g.padW; q++) {
                    padded[row + q] = 0f;
                    padded[row + g.padW + g.inW + q] = 0f;
                }
                System.arraycopy(x, pl * g.inPlane() + r * g.inW, padded, row + g.padW, g.inW);
            }
            java.util.Arrays.fill(padded, base + (g.inH + g.padH) * wp, base + paddedPlane, 0f);
        }
        int units = forward ? g.n : g.outC;
        next.set(0);
        if (pool == null || threads < 2) {
            run(0, 1);
        } else {
            pool.run(this, Math.min(Math.min(threads, pool.maxParts()), units));
        }
    }

    @Override
    public void run(int part, int parts) {
        int units = forward ? g.n : g.outC;
        for (int u = next.getAndIncrement(); u < units; u = next.getAndIncrement()) {
            if (forward) {
                forwardSample(u);
            } else {
                weightsChannel(u);
            }
        }
    }

    private void forwardSample(int s) {
        ConvGeometry g = this.g;
        int taps = g.kh * g.kw;
        int last = g.outW - VL;
        for (int o = 0; o < g.outC; o++) {
            FloatVector b = FloatVector.broadcast(S, bias == null ? 0f : bias[o]);
            int out = (s * g.outC + o) * g.outPlane();
            for (int i = 0; i < g.outH; i++, out += g.outW) {
                for (int j = 0; ; j += VL) {
                    int col = Math.min(j, last);
                    FloatVector acc = b;
                    for (int c = 0; c < g.inC; c++) {
                        int src = (s * g.inC + c) * paddedPlane + i * wp + col;
                        int wo = (o * g.inC + c) * taps;
                        for (int u = 0; u < g.kh; u++) {
                            for (int v = 0; v < g.kw; v++) {
                                acc = FloatVector.fromArray(S, padded, src + u * wp + v)
                                        .fma(FloatVector.broadcast(S, w[wo + u * g.kw + v]), acc);
                            }
                        }
                    }
                    if (relu) {
                        acc = acc.max(0f);
                    }
                    acc.intoArray(y, out + col);
                    if (col == last) {
                        break;
                    }
                }
            }
        }
    }

    /** dW[o, ·] and db[o] of a 3×3 kernel on one channel: sums over the batch, in sample, row, column order. */
    private void weightsChannel(int o) {
        ConvGeometry g = this.g;
        int last = g.outW - VL;
        int overlap = g.outW % VL == 0 ? 0 : VL - g.outW % VL;
        VectorMask<Float> fresh = S.indexInRange(-overlap, VL - overlap); // lanes ≥ overlap
        FloatVector zero = FloatVector.zero(S);
        FloatVector a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero;
        FloatVector a8 = zero, sum = zero;
        int w2 = 2 * wp;
        for (int s = 0; s < g.n; s++) {
            int grad = (s * g.outC + o) * g.outPlane();
            for (int i = 0; i < g.outH; i++, grad += g.outW) {
                for (int j = 0; ; j += VL) {
                    int col = Math.min(j, last);
                    FloatVector d = FloatVector.fromArray(S, dy, grad + col);
                    if (col == last && j != last) {
                        d = zero.blend(d, fresh);
                    }
                    sum = sum.add(d);
                    int p = s * paddedPlane + i * wp + col;
                    a0 = d.fma(FloatVector.fromArray(S, padded, p), a0);
                    a1 = d.fma(FloatVector.fromArray(S, padded, p + 1), a1);
                    a2 = d.fma(FloatVector.fromArray(S, padded, p + 2), a2);
                    a3 = d.fma(FloatVector.fromArray(S, padded, p + wp), a3);
                    a4 = d.fma(FloatVector.fromArray(S, padded, p + wp + 1), a4);
                    a5 = d.fma(FloatVector.fromArray(S, padded, p + wp + 2), a5);
                    a6 = d.fma(FloatVector.fromArray(S, padded, p + w2), a6);
                    a7 = d.fma(FloatVector.fromArray(S, padded, p + w2 + 1), a7);
                    a8 = d.fma(FloatVector.fromArray(S, padded, p + w2 + 2), a8);
                    if (col == last) {
                        break;
                    }
                }
            }
        }
        int at = o * 9;
        dw[at] = a0.reduceLanes(VectorOperators.ADD);
        dw[at + 1] = a1.reduceLanes(VectorOperators.ADD);
        dw[at + 2] = a2.reduceLanes(VectorOperators.ADD);
        dw[at + 3] = a3.reduceLanes(VectorOperators.ADD);
        dw[at + 4] = a4.reduceLanes(VectorOperators.ADD);
        dw[at + 5] = a5.reduceLanes(VectorOperators.ADD);
        dw[at + 6] = a6.reduceLanes(VectorOperators.ADD);
        dw[at + 7] = a7.reduceLanes(VectorOperators.ADD);
        dw[at + 8] = a8.reduceLanes(VectorOperators.ADD);
        if (db != null) {
            db[o] = sum.reduceLanes(VectorOperators.ADD);
        }
    }
}
