package nnj.backend.simd;

import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import nnj.api.backend.Activation;
import nnj.api.backend.ConvGeometry;
import nnj.api.backend.Im2Col;

/**
 * The simd backend's convolutions. Which routine runs:
 * <ul>
 *   <li>a 3×3 kernel on one input channel, stride 1 (a CNN's first layer on grey images):
 *       {@link DirectConv}, forward and weight gradient (a GEMM with K = 9 would be all memory passes);</li>
 *   <li>other stride-1 forward passes and input gradients: {@link ShiftedConv}, a GEMM whose B panels
 *       are copied straight from zero-bordered images (no im2col matrix, no col2im);</li>
 *   <li>the weight gradient of other layers, and everything with a stride above 1: GEMMs on
 *       per-group patch matrices, below.</li>
 * </ul>
 * The batch is cut into groups of samples; for a group with patch matrix {@code cols}
 * ({@link Im2Col}, K × G·P: K = C·kh·kw rows, one per kernel tap, and one column per output pixel
 * of its G samples) and dY' (dY gathered from NCHW into (O, G·P)):
 * <pre>
 * forward   Y'    (O × G·P) = W (O × K) · cols          → back to NCHW with bias and ReLU in the same pass
 * dW        dW_g  (O × K)   = dY' (O × G·P) · rows      rows = {@link Im2Row}: colsᵀ with taps in (u, v, c)
 *                                                        order, so B is packed with vector copies; dW and
 *                                                        db = Σ_g, added in group order, then dW's columns
 *                                                        back to (c, u, v)
 * dX        dcols (K × G·P) = Wᵀ · dY'                   → col2im adds each tap back to its pixel
 * </pre>
 * (A patch of fewer than {@link #SMALL_PATCH} taps gets dW as O·K dot products on {@code cols}.)
 *
 * <p>Threads take whole groups from a shared counter, and each group runs start to finish on one
 * thread with a GEMM of its own (a "lane": SGEMM, panel and result buffers), so the panel stays in
 * that core's L2 and there is no hand-off inside a group. The group size depends only on the
 * geometry (the panel near {@link #PANEL_FLOATS} floats, and at least {@link #MIN_GROUPS} groups
 * when the batch allows), never on the thread count, and dW's partial sums are added in group
 * order, so results are bitwise the same for any thread count. A batch that forms a single group
 * runs on the caller with the pool-parallel SGEMM instead. Buffers grow to the largest problem and
 * are reused: a warm call allocates nothing. Not thread-safe: one caller at a time, like the backend.
 */
final class ConvKernels {
    /** Target size of one group's im2col panel, in floats (1 MiB: half of one core's L2). */
    static final int PANEL_FLOATS = 1 << 18;
    /** Groups to aim for when the batch has enough samples, so that two to four threads share the work evenly. */
    static final int MIN_GROUPS = 4;

    /**
     * Below this patch size (C·kh·kw, e.g. 9 for a 3×3 kernel on one grey channel) dW is computed as
     * O·K dot products of length G·P: the GEMM would pad K up to its register tile and split the
     * long inner dimension into many small blocks.
     */
    static final int SMALL_PATCH = 16;

    private static final int FORWARD = 0;
    private static final int WEIGHTS = 1;
    private static final int INPUT = 2;

    /** One thread's GEMM and buffers. */
    private static final class Lane {
        final Sgemm sgemm;
        float[] cols = new float[0];
        float[] mat = new float[0];
        float[] hwc = new float[0];

        Lane(Sgemm sgemm) {
            this.sgemm = sgemm;
        }

        void ensure(int colsSize, int matSize) {
            if (cols.length < colsSize) {
                cols = new float[colsSize];
            }
            if (mat.length < matSize) {
                mat = new float[matSize];
            }
        }

        void ensureScratch(int size) {
            if (hwc.length < size) {
                hwc = new float[size];
            }
        }
    }

    private final Sgemm shared;
    private final DirectConv direct = new DirectConv();
    private final ShiftedConv shifted;
    private Lane[] lanes = new Lane[0];
    private float[][] partials = new float[0][];
    /** db's per-group sums: [group · outC + o]. */
    private double[] biasPartials = new double[0];

    // The current call, read by the parallel jobs.
    private int mode;
    private ConvGeometry g;
    private float[] x;
    private float[] w;
    private float[] out;
    private float[] bias;
    private boolean relu;
    private int group;
    private int groups;
    private final AtomicInteger next = new AtomicInteger();
    private final WorkerPool.Job job = this::part;

    /** @param shared the backend's SGEMM, used (with the pool) when a batch forms a single group */
    ConvKernels(Sgemm shared) {
        this.shared = shared;
        this.shifted = new ShiftedConv(shared.config());
    }

    void forward(ConvGeometry g, float[] x, float[] w, float[] bias, Activation act, float[] y, WorkerPool pool,
                 int threads) {
        if (DirectConv.applies(g)) {
            direct.forward(g, x, w, bias, act == Activation.RELU, y, pool, threads);
        } else if (ShiftedConv.appliesForward(g)) {
            shifted.forward(g, x, w, bias, act == Activation.RELU, y, pool, threads);
        } else {
            run(FORWARD, g, x, w, y, bias, act == Activation.RELU, pool, threads);
        }
        if (act != Activation.IDENTITY && act != Activation.RELU) {
            VectorOps.unary(act.forward(), y, y, g.n * g.outC * g.outPlane());
        }
    }

    void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db, WorkerPool pool, int threads) {
        if (DirectConv.applies(g)) {
            direct.backwardWeights(g, x, dy, dw, db, pool, threads);
            return;
        }
        run(WEIGHTS, g, x, dy, dw, null, false, pool, threads);
        // dW and db = Σ over groups, in group order; then dW's columns back from (u, v, c) to (c, u, v)
        int k = g.patchSize();
        int size = g.outC * k;
        float[] sum = partials[0];
        for (int u = 1; u < groups; u++) {
            VectorOps.axpy(1f, partials[u], 0, sum, 0, size);
        }
        if (k < SMALL_PATCH) {
            System.arraycopy(sum, 0, dw, 0, size);
        } else {
            int taps = g.kh * g.kw;
            for (int o = 0; o < g.outC; o++) {
                for (int t = 0; t < taps; t++) {
                    for (int c = 0, from = o * k + t * g.inC, to = o * k + t; c < g.inC; c++, to += taps) {
                        dw[to] = sum[from + c];
                    }
                }
            }
        }
        if (db != null) {
            for (int o = 0; o < g.outC; o++) {
                double t = 0;
                for (int u = 0; u < groups; u++) {
                    t += biasPartials[u * g.outC + o];
                }
                db[o] = (float) t;
            }
        }
    }

    void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx, WorkerPool pool, int threads) {
        if (ShiftedConv.appliesInput(g)) {
            shifted.backwardInput(g, dy, w, dx, pool, threads);
            return;
        }
        run(INPUT, g, dy, w, dx, null, false, pool, threads);
    }

    /** Samples per group: the panel near {@link #PANEL_FLOATS}, at least {@link #MIN_GROUPS} groups if possible. */
    private static int groupSize(ConvGeometry g) {
        long perSample = Math.max(1L, (long) g.patchSize() * g.outPlane());
        long bySize = Math.max(1L, PANEL_FLOATS / perSample);
        long byCount = (g.n + MIN_GROUPS - 1) / MIN_GROUPS;
        return (int) Math.max(1L, Math.min(bySize, byCount));
    }

    private void run(int mode, ConvGeometry g, float[] x, float[] w, float[] out, float[] bias, boolean relu,
                     WorkerPool pool, int threads) {
        this.mode = mode;
        this.g = g;
        this.x = x;
        this.w = w;
        this.out = out;
        this.bias = bias;
        this.relu = relu;
        group = groupSize(g);
        groups = (g.n + group - 1) / group;
        int parts = pool == null ? 1 : Math.min(Math.min(threads, pool.maxParts()), groups);
        ensureLanes(Math.max(1, parts), g);
        try {
            if (groups == 1) { // one group: parallelism inside its GEMM instead
                runGroup(lanes[0], 0, pool, threads);
            } else if (parts == 1) {
                part(0, 1);
            } else {
                next.set(0);
                pool.run(job, parts);
            }
        } finally {
            this.x = null;
            this.w = null;
            this.out = null;
            this.bias = null;
        }
    }

    private void ensureLanes(int count, ConvGeometry g) {
        if (lanes.length < count) {
            Lane[] more = new Lane[count];
            System.arraycopy(lanes, 0, more, 0, lanes.length);
            for (int i = lanes.length; i < count; i++) {
                more[i] = new Lane(i == 0 ? shared : new Sgemm(shared.config())); // every lane with the same blocking
            }
            lanes = more;
        }
        int cells = group * g.outPlane();
        for (int i = 0; i < count; i++) {
            lanes[i].ensure(g.patchSize() * cells, g.outC * cells);
        }
        if (mode == WEIGHTS) {
            for (int i = 0; i < count; i++) {
                lanes[i].ensureScratch(Im2Row.scratchSize(g));
            }
            if (biasPartials.length < groups * g.outC) {
                biasPartials = new double[groups * g.outC];
            }
            int size = g.outC * g.patchSize();
            if (partials.length < groups) {
                float[][] more = new float[groups][];
                System.arraycopy(partials, 0, more, 0, partials.length);
                partials = more;
            }
            for (int u = 0; u < groups; u++) {
                if (partials[u] == null || partials[u].length < size) {
                    partials[u] = new float[size];
                }
            }
        }
    }

    /** One thread's share: whole groups, taken from the counter until none are left. */
    private void part(int part, int parts) {
        Lane lane = lanes[part];
        if (parts == 1) {
            for (int u = 0; u < groups; u++) {
                runGroup(lane, u, null, 1);
            }
            return;
        }
        for (int u = next.getAndIncrement(); u < groups; u = next.getAndIncrement()) {
            runGroup(lane, u, null, 1);
        }
    }

    private void runGroup(Lane lane, int u, WorkerPool pool, int threads) {
        ConvGeometry g = this.g;
        int n0 = u * group;
        int gn = Math.min(group, g.n - n0);
        int cells = gn * g.outPlane();
        int k = g.patchSize();
        switch (mode) {
            case FORWARD:
                Im2Col.im2col(g, x, n0, gn, 0, k, lane.cols);
                lane.sgemm.multiply(false, false, g.outC, cells, k, 1f, w, lane.cols, 0f, lane.mat, null, false, pool,
                        threads);
                scatter(g, lane.mat, n0, gn, bias, relu, out);
                break;
            case WEIGHTS: { // x is the image, w holds dy; dW's group sum goes to partials[u]
                gather(g, w, n0, gn, lane.mat);
                float[] dw = partials[u];
                if (k < SMALL_PATCH) { // a GEMM with n = K < one register tile: plain long dot products win
                    Im2Col.im2col(g, x, n0, gn, 0, k, lane.cols);
                    for (int o = 0; o < g.outC; o++) {
                        for (int t = 0; t < k; t++) {
                            dw[o * k + t] = VectorOps.dotFloat(lane.mat, o * cells, lane.cols, t * cells, cells);
                        }
                    }
                } else { // dW (taps in (u, v, c) order) = dY' · rows: both operands packed with vector copies
                    Im2Row.im2row(g, x, n0, gn, lane.hwc, lane.cols);
                    lane.sgemm.multiply(false, false, g.outC, k, cells, 1f, lane.mat, lane.cols, 0f, dw, null, false,
                            pool, threads);
                }
                for (int o = 0; o < g.outC; o++) {
                    biasPartials[u * g.outC + o] = VectorOps.sum(lane.mat, o * cells, cells);
                }
                break;
            }
            default: // INPUT: x holds dy, w the weights, out is dX
                gather(g, x, n0, gn, lane.mat);
                lane.sgemm.multiply(true, false, k, cells, g.outC, 1f, w, lane.mat, 0f, lane.cols, null, false, pool,
                        threads);
                Im2Col.col2im(g, lane.cols, n0, gn, 0, gn * g.inC, out);
                break;
        }
    }

    /** y[n0 + s, o, p] = act(mat[o, s·P + p] + bias[o]): the GEMM's (O, G·P) result back in NCHW. */
    private static void scatter(ConvGeometry g, float[] mat, int n0, int gn, float[] bias, boolean relu, float[] y) {
        int plane = g.outPlane();
        int cells = gn * plane;
        for (int s = 0; s < gn; s++) {
            for (int o = 0; o < g.outC; o++) {
                biasRun(mat, o * cells + s * plane, y, ((n0 + s) * g.outC + o) * plane, plane,
                        bias == null ? 0f : bias[o], relu);
            }
        }
    }

    /** mat[o, s·P + p] = dy[n0 + s, o, p]: an output gradient from NCHW into the GEMM's (O, G·P) layout. */
    private static void gather(ConvGeometry g, float[] dy, int n0, int gn, float[] mat) {
        int plane = g.outPlane();
        int cells = gn * plane;
        for (int o = 0; o < g.outC; o++) {
            for (int s = 0; s < gn; s++) {
                System.arraycopy(dy, ((n0 + s) * g.outC + o) * plane, mat, o * cells + s * plane, plane);
            }
        }
    }

    private static final VectorSpecies<Float> S = VectorOps.S;
    private static final int VL = VectorOps.VL;

    /** dst[d + j] = (relu ? max(·, 0) : ·)(src[s + j] + b). */
    private static void biasRun(float[] src, int s, float[] dst, int d, int n, float b, boolean relu) {
        int j = 0;
        FloatVector bv = FloatVector.broadcast(S, b);
        if (relu) {
            for (int bound = n - VL; j <= bound; j += VL) {
                FloatVector.fromArray(S, src, s + j).add(bv).max(0f).intoArray(dst, d + j);
            }
            for (; j < n; j++) {
                dst[d + j] = Math.max(src[s + j] + b, 0f);
            }
        } else {
            for (int bound = n - VL; j <= bound; j += VL) {
                FloatVector.fromArray(S, src, s + j).add(bv).intoArray(dst, d + j);
            }
            for (; j < n; j++) {
                dst[d + j] = src[s + j] + b;
            }
        }
    }

    /**
     * The transposed patch matrix for a convolution's weight gradient, one row per output pixel:
     * <pre>
     * rows[s·OH·OW + i·OW + j, (u·kw + v)·C + c] = x[first + s, c, i·stride + u − padH, j·stride + v − padW]   (0 off the image)
     * </pre>
     * that is {@link nnj.api.backend.Im2Col}'s matrix transposed, with the taps ordered (u, v, c)
     * instead of (c, u, v). With it, dW = dY'·rows is a GEMM whose B operand is stored k × n, which
     * the SGEMM packs with vector copies; the im2col matrix would be B transposed, which it packs one
     * float at a time with strided writes (that packing was 12% of a CNN training step). The caller
     * permutes the (u, v, c) columns of the result back to the weights' (c, u, v) order.
     *
     * <p>Each sample is first copied into a zero-bordered channels-last image ({@code hwc}), so that
     * the kw·C values of one kernel row for one output pixel are contiguous: a row of the matrix is kh
     * vector copies. Stateless and allocation-free.
     */
    static final class Im2Row {
        private Im2Row() {
        }

        /** Floats of the channels-last scratch image {@link #im2row} needs. */
        static int scratchSize(ConvGeometry g) {
            return (g.inH + 2 * g.padH) * (g.inW + 2 * g.padW) * g.inC;
        }

        /** Fills {@code rows} (count·OH·OW × C·kh·kw) for samples [first, first + count); {@code hwc} is scratch. */
        static void im2row(ConvGeometry g, float[] x, int first, int count, float[] hwc, float[] rows) {
            int c = g.inC;
            int wp = g.inW + 2 * g.padW;
            int k = g.patchSize();
            int run = g.kw * c; // one kernel row of one pixel: contiguous in hwc
            java.util.Arrays.fill(hwc, 0, scratchSize(g), 0f);
            for (int s = 0; s < count; s++) {
                toChannelsLast(g, x, (first + s) * c * g.inPlane(), hwc, wp);
                int dst = s * g.outPlane() * k;
                for (int i = 0; i < g.outH; i++) {
                    for (int j = 0; j < g.outW; j++, dst += k) {
                        int src = ((i * g.stride) * wp + j * g.stride) * c;
                        for (int u = 0; u < g.kh; u++) {
                            ShiftedConv.copy(hwc, src + u * wp * c, rows, dst + u * run, run);
                        }
                    }
                }
            }
        }

        /** hwc[(r + padH)·wp + q + padW, c] = x[base + c·H·W + r·W + q]; the zero border stays untouched. */
        private static void toChannelsLast(ConvGeometry g, float[] x, int base, float[] hwc, int wp) {
            int channels = g.inC;
            for (int r = 0; r < g.inH; r++) {
                int row = ((r + g.padH) * wp + g.padW) * channels;
                for (int ch = 0; ch < channels; ch++) {
                    int from = base + ch * g.inPlane() + r * g.inW;
                    for (int q = 0, d = row + ch; q < g.inW; q++, d += channels) {
                        hwc[d] = x[from + q];
                    }
                }
            }
        }
    }
}
