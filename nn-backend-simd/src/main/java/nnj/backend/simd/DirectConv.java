package nnj.backend.simd;

import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import nnj.api.backend.ConvGeometry;

/**
 * A direct convolution for a 3×3 kernel on one input channel (a grey image; stride 1, any
 * padding): as a GEMM, such a layer has an inner dimension of K = 9, so the micro-kernel stores its result after 9 steps, and the im2col panel,
 * the GEMM's result and the copy back to NCHW are each a pass over memory as large as the output.
 * Here each output row is computed in registers from a zero-bordered copy of the image and written
 * once; the weight gradient likewise reads each output-gradient row once and keeps the 9 sums of
 * one output channel (and db's) in vectors.
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

    /** Whether this geometry runs here: a 3×3 kernel on one channel, stride 1, rows at least a vector wide. */
    static boolean applies(ConvGeometry g) {
        return g.stride == 1 && g.inC == 1 && g.kh == 3 && g.kw == 3 && g.outW >= VL;
    }

    private final AtomicInteger next = new AtomicInteger();
    /** Per thread: dY of one output channel laid out like {@link #padded} (weight gradient only). */
    private float[][] scratch = new float[0][];
    /** Per part: the 10 sums of a weightsChannel call, lane by lane, added up in a fixed order. */
    private float[][] lanes = new float[0][];
    /** The (Wp, padded plane, OW) the scratch rows were written for; elsewhere it holds zeros. */
    /** The layout the scratch buffers' dY rows were written in (all buffers share it; ints, no allocation). */
    private int scratchRowWidth = -1;
    private int scratchPlane = -1;
    private int scratchOutH = -1;
    private int scratchOutW = -1;
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
        // rows past the image, so that a vector starting anywhere in the output rows reads inside
        // the plane (the weight gradient's flat loop starts one in every row's padding too)
        paddedPlane = ((g.outH * wp + VL - 1) / VL + 1) * VL + (g.kh - 1) * wp + g.kw;
        paddedPlane = Math.max(paddedPlane, (g.inH + 2 * g.padH) * wp);
        int size = g.n * g.inC * paddedPlane + 2 * wp + g.kw + VL; // the last flat vector's shifted reads
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
        java.util.Arrays.fill(padded, g.n * g.inC * paddedPlane, size, 0f);
        int units = forward ? g.n : g.outC;
        int parts = pool == null || threads < 2 ? 1 : Math.min(Math.min(threads, pool.maxParts()), units);
        if (!forward) {
            if (scratch.length < parts) {
                scratch = java.util.Arrays.copyOf(scratch, parts);
            }
            boolean sameLayout = scratchRowWidth == wp && scratchPlane == paddedPlane && scratchOutH == g.outH
                    && scratchOutW == g.outW;
            if (!sameLayout) { // every buffer, used this call or not: a later call may use more threads
                for (float[] buffer : scratch) {
                    if (buffer != null) {
                        java.util.Arrays.fill(buffer, 0f); // another layout's rows: back to zero
                    }
                }
            }
            for (int i = 0; i < parts; i++) {
                if (scratch[i] == null || scratch[i].length < g.n * paddedPlane) {
                    scratch[i] = new float[g.n * paddedPlane]; // zero outside the dY rows, which are all we write
                }
            }
            scratchRowWidth = wp;
            scratchPlane = paddedPlane;
            scratchOutH = g.outH;
            scratchOutW = g.outW;
        }
        if (!forward && lanes.length < parts) {
            lanes = java.util.Arrays.copyOf(lanes, parts);
            for (int i = 0; i < parts; i++) {
                if (lanes[i] == null) {
                    lanes[i] = new float[10 * VL];
                }
            }
        }
        next.set(0);
        if (parts == 1) {
            run(0, 1);
        } else {
            pool.run(this, parts);
        }
    }

    @Override
    public void run(int part, int parts) {
        int units = forward ? g.n : g.outC;
        for (int u = next.getAndIncrement(); u < units; u = next.getAndIncrement()) {
            if (forward) {
                forwardSample(u);
            } else {
                weightsChannel(u, scratch[part], lanes[part]);
            }
        }
    }

    /**
     * All output channels of sample s, row by row. Every vector lives within one iteration of the
     * innermost loop: one assigned at a branch, or loaded before a loop and used inside it, was
     * boxed by C2 (an allocation per use). The ReLU is a max with 0, or with −∞ for none.
     */
    private void forwardSample(int s) {
        ConvGeometry g = this.g;
        int last = g.outW - VL;
        int plane = g.outPlane();
        float floor = relu ? 0f : Float.NEGATIVE_INFINITY; // max(v, −∞) = v, NaN included
        float[] w = this.w;
        float[] x = padded;
        int w1 = wp;
        int w2 = 2 * wp;
        for (int o = 0; o < g.outC; o++) {
            int t = o * 9;
            float b = bias == null ? 0f : bias[o];
            float k0 = w[t], k1 = w[t + 1], k2 = w[t + 2], k3 = w[t + 3], k4 = w[t + 4], k5 = w[t + 5];
            float k6 = w[t + 6], k7 = w[t + 7], k8 = w[t + 8];
            int out = (s * g.outC + o) * plane;
            for (int i = 0; i < g.outH; i++, out += g.outW) {
                for (int j = 0; ; j += VL) {
                    int col = Math.min(j, last);
                    int p = s * paddedPlane + i * wp + col;
                    FloatVector acc = FloatVector.broadcast(S, b);
                    acc = FloatVector.fromArray(S, x, p).fma(FloatVector.broadcast(S, k0), acc);
                    acc = FloatVector.fromArray(S, x, p + 1).fma(FloatVector.broadcast(S, k1), acc);
                    acc = FloatVector.fromArray(S, x, p + 2).fma(FloatVector.broadcast(S, k2), acc);
                    acc = FloatVector.fromArray(S, x, p + w1).fma(FloatVector.broadcast(S, k3), acc);
                    acc = FloatVector.fromArray(S, x, p + w1 + 1).fma(FloatVector.broadcast(S, k4), acc);
                    acc = FloatVector.fromArray(S, x, p + w1 + 2).fma(FloatVector.broadcast(S, k5), acc);
                    acc = FloatVector.fromArray(S, x, p + w2).fma(FloatVector.broadcast(S, k6), acc);
                    acc = FloatVector.fromArray(S, x, p + w2 + 1).fma(FloatVector.broadcast(S, k7), acc);
                    acc = FloatVector.fromArray(S, x, p + w2 + 2).fma(FloatVector.broadcast(S, k8), acc);
                    acc.max(floor).intoArray(y, out + col);
                    if (col == last) {
                        break;
                    }
                }
            }
        }
    }

    /**
     * dW[o, ·] and db[o]: sums over the batch. This thread's scratch gets dY[·, o] laid out like the
     * padded images (sample s at s·paddedPlane, row i at i·Wp, zero elsewhere), so one flat loop
     * over both, with no row ends and no masks, pairs each dY with its 9 shifted inputs: a vector
     * that runs past a row's last real column meets zeros of dY. (A non-finite input there would
     * give 0·∞ = NaN where the reference has ±∞; both are non-finite.) The sums stay in local
     * vectors of one loop, which C2 keeps in registers.
     */
    private void weightsChannel(int o, float[] scratch, float[] lanes) {
        ConvGeometry g = this.g;
        int plane = g.outPlane();
        for (int s = 0; s < g.n; s++) {
            int from = (s * g.outC + o) * plane;
            int to = s * paddedPlane;
            for (int i = 0; i < g.outH; i++) {
                System.arraycopy(dy, from + i * g.outW, scratch, to + i * wp, g.outW);
            }
        }
        FloatVector zero = FloatVector.zero(S);
        FloatVector a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero;
        FloatVector a8 = zero, sum = zero;
        int w1 = wp;
        int w2 = 2 * wp;
        float[] x = padded;
        for (int q = 0, end = g.n * paddedPlane - VL; q <= end; q += VL) {
            FloatVector d = FloatVector.fromArray(S, scratch, q);
            sum = sum.add(d);
            a0 = d.fma(FloatVector.fromArray(S, x, q), a0);
            a1 = d.fma(FloatVector.fromArray(S, x, q + 1), a1);
            a2 = d.fma(FloatVector.fromArray(S, x, q + 2), a2);
            a3 = d.fma(FloatVector.fromArray(S, x, q + w1), a3);
            a4 = d.fma(FloatVector.fromArray(S, x, q + w1 + 1), a4);
            a5 = d.fma(FloatVector.fromArray(S, x, q + w1 + 2), a5);
            a6 = d.fma(FloatVector.fromArray(S, x, q + w2), a6);
            a7 = d.fma(FloatVector.fromArray(S, x, q + w2 + 1), a7);
            a8 = d.fma(FloatVector.fromArray(S, x, q + w2 + 2), a8);
        }
        // Each sum's lanes are added in a fixed order (VectorOps.sumLanes says why not reduceLanes),
        // from a buffer: passed to a method that C2 did not inline, a vector is boxed.
        a0.intoArray(lanes, 0);
        a1.intoArray(lanes, VL);
        a2.intoArray(lanes, 2 * VL);
        a3.intoArray(lanes, 3 * VL);
        a4.intoArray(lanes, 4 * VL);
        a5.intoArray(lanes, 5 * VL);
        a6.intoArray(lanes, 6 * VL);
        a7.intoArray(lanes, 7 * VL);
        a8.intoArray(lanes, 8 * VL);
        sum.intoArray(lanes, 9 * VL);
        int at = o * 9;
        for (int t = 0; t < 9; t++) {
            dw[at + t] = VectorOps.sumStoredLanes(lanes, t * VL);
        }
        if (db != null) {
            db[o] = VectorOps.sumStoredLanes(lanes, 9 * VL);
        }
    }
}
