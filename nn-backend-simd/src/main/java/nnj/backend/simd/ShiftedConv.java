package nnj.backend.simd;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import nnj.api.backend.ConvGeometry;

/**
 * Stride-1 convolutions as a GEMM whose B panels are copied straight from the image (an implicit
 * im2col). Each sample's channels are copied into zero-bordered planes of width
 * {@code Wp = W + 2·padW}, and the output is computed on that wider grid: output cell
 * {@code q = i·Wp + j} (j &lt; Wp, of which the first OW columns are real) of tap (c, u, v) reads
 * {@code plane_c[q + u·Wp + v]}. For a panel of NR consecutive cells, a tap's row of the B panel is
 * therefore NR contiguous floats: the packing is vector copies, with no im2col matrix and no
 * separate packing pass. The kw − 1 extra columns per row (2 of 16 for the CNN's 14-wide layer)
 * are computed and dropped when the result goes to NCHW, with the bias and ReLU.
 *
 * <p>The same routine runs the forward pass (A = the weights, O × C·kh·kw) and the input gradient,
 * which is the correlation of dY, padded by kh − 1 − padH (kw − 1 − padW), with the weights
 * flipped and transposed (A[c, (o, u, v)] = W[o, c, kh−1−u, kw−1−v], docs/MATH.md): no col2im and no
 * scattered adds. A is packed once per call into MR-row panels; the micro-kernel is
 * {@link MicroKernel}'s, with k blocked by the SGEMM's kc.
 *
 * <p>Threads take whole samples from a counter; each sample runs start to finish on one thread with
 * that thread's buffers, so results do not depend on the thread count. Buffers grow to the largest
 * problem and are reused: a warm call allocates nothing. Not thread-safe: one caller at a time,
 * like the backend.
 */
final class ShiftedConv implements WorkerPool.Job {
    private static final VectorSpecies<Float> S = VectorOps.S;
    private static final int VL = VectorOps.VL;

    /** Whether the forward pass of this geometry runs here. */
    static boolean appliesForward(ConvGeometry g) {
        return g.stride == 1;
    }

    /** Whether the input gradient of this geometry runs here (the transposed padding must be ≥ 0). */
    static boolean appliesInput(ConvGeometry g) {
        return g.stride == 1 && g.padH <= g.kh - 1 && g.padW <= g.kw - 1;
    }

    /** One thread's buffers. */
    private static final class Lane {
        float[] planes = new float[0];
        float[] panel = new float[0];
        float[] result = new float[0];
        /** An edge row panel's tile, MR × NR, before it goes into result (see {@link #sample}). */
        float[] edge = new float[0];
    }

    private final GemmConfig config;
    private final int mr;
    private final int nr;
    private Lane[] lanes = new Lane[0];
    private float[] ap = new float[0];
    private final AtomicInteger next = new AtomicInteger();

    // The current call: a correlation of `src` (n × cin × inH × inW, padded by ph × pw) with a
    // kh × kw kernel into `dst` (n × m × outH × outW), A packed in ap.
    private float[] src;
    private float[] dst;
    private float[] bias;
    private boolean relu;
    private int n;
    private int cin;
    private int inH;
    private int inW;
    private int ph;
    private int pw;
    private int kh;
    private int kw;
    private int m;
    private int outH;
    private int outW;
    private int wp;
    private int plane;
    private int cells;
    private int panels;
    private int kc;

    ShiftedConv(GemmConfig config) {
        this.config = config;
        this.mr = config.mr();
        this.nr = config.nr();
    }

    /** y = act(conv(x, w) + bias), act ReLU or none. */
    void forward(ConvGeometry g, float[] x, float[] w, float[] bias, boolean relu, float[] y, WorkerPool pool,
                 int threads) {
        int k = g.patchSize();
        packA(g.outC, k, w, g, false);
        run(x, y, bias, relu, g.n, g.inC, g.inH, g.inW, g.padH, g.padW, g.kh, g.kw, g.outC, g.outH, g.outW,
                pool, threads);
    }

    /** dx = the transposed convolution of dy (the correlation of dy with the flipped, transposed weights). */
    void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx, WorkerPool pool, int threads) {
        packA(g.inC, g.outC * g.kh * g.kw, w, g, true);
        run(dy, dx, null, false, g.n, g.outC, g.outH, g.outW, g.kh - 1 - g.padH, g.kw - 1 - g.padW, g.kh, g.kw,
                g.inC, g.inH, g.inW, pool, threads);
    }

    /**
     * ap[ip][p][r] = A[ip·MR + r, p], zero past the last row; A = w (m × k) for the forward pass, or
     * for the input gradient A[c, (o, u, v)] = w[o, c, kh−1−u, kw−1−v].
     */
    private void packA(int rows, int k, float[] w, ConvGeometry g, boolean flipped) {
        int rowPanels = (rows + mr - 1) / mr;
        if (ap.length < rowPanels * mr * k) {
            ap = new float[rowPanels * mr * k];
        }
        int taps = g.kh * g.kw;
        for (int ip = 0; ip < rowPanels; ip++) {
            int base = ip * mr * k;
            for (int r = 0; r < mr; r++) {
                int row = ip * mr + r;
                if (row >= rows) {
                    for (int p = 0; p < k; p++) {
                        ap[base + p * mr + r] = 0f;
                    }
                } else if (!flipped) {
                    for (int p = 0; p < k; p++) {
                        ap[base + p * mr + r] = w[row * k + p];
                    }
                } else { // row = c; p = (o, u, v)
                    for (int p = 0; p < k; p++) {
                        int o = p / taps;
                        int t = p % taps;
                        ap[base + p * mr + r] = w[(o * g.inC + row) * taps + (taps - 1 - t)];
                    }
                }
            }
        }
    }

    private void run(float[] src, float[] dst, float[] bias, boolean relu, int n, int cin, int inH, int inW,
                     int ph, int pw, int kh, int kw, int m, int outH, int outW, WorkerPool pool, int threads) {
        this.src = src;
        this.dst = dst;
        this.bias = bias;
        this.relu = relu;
        this.n = n;
        this.cin = cin;
        this.inH = inH;
        this.inW = inW;
        this.ph = ph;
        this.pw = pw;
        this.kh = kh;
        this.kw = kw;
        this.m = m;
        this.outH = outH;
        this.outW = outW;
        wp = inW + 2 * pw;
        cells = outH * wp;
        panels = (cells + nr - 1) / nr;
        plane = panels * nr + (kh - 1) * wp + kw; // the last panel's last tap stays inside its plane
        int k = cin * kh * kw;
        int blocks = (k + config.kc() - 1) / config.kc();
        kc = (k + blocks - 1) / blocks; // balanced k blocks, as in Sgemm
        int parts = pool == null ? 1 : Math.min(Math.min(threads, pool.maxParts()), n);
        ensureLanes(parts, k);
        next.set(0);
        try {
            if (parts == 1) {
                run(0, 1);
            } else {
                pool.run(this, parts);
            }
        } finally {
            this.src = null;
            this.dst = null;
            this.bias = null;
        }
    }

    private void ensureLanes(int count, int k) {
        if (lanes.length < count) {
            Lane[] more = Arrays.copyOf(lanes, count);
            for (int i = lanes.length; i < count; i++) {
                more[i] = new Lane();
            }
            lanes = more;
        }
        int rowsPadded = (m + mr - 1) / mr * mr;
        for (int i = 0; i < count; i++) {
            Lane l = lanes[i];
            if (l.planes.length < cin * plane) {
                l.planes = new float[cin * plane];
            }
            if (l.panel.length < k * nr) {
                l.panel = new float[k * nr];
            }
            if (l.result.length < rowsPadded * panels * nr + VL) { // + VL: a row's last vector may read past
                l.result = new float[rowsPadded * panels * nr + VL];
            }
            if (l.edge.length < mr * nr) {
                l.edge = new float[mr * nr];
            }
        }
    }

    @Override
    public void run(int part, int parts) {
        Lane lane = lanes[part];
        for (int s = next.getAndIncrement(); s < n; s = next.getAndIncrement()) {
            sample(lane, s);
        }
    }

    private void sample(Lane lane, int s) {
        float[] planes = lane.planes;
        float[] panel = lane.panel;
        float[] result = lane.result;
        // 1. the sample's channels, zero-bordered, Wp wide
        Arrays.fill(planes, 0, cin * plane, 0f);
        for (int c = 0; c < cin; c++) {
            int from = (s * cin + c) * inH * inW;
            int to = c * plane + ph * wp + pw;
            for (int r = 0; r < inH; r++) {
                System.arraycopy(src, from + r * inW, planes, to + r * wp, inW);
            }
        }
        // 2. per panel of NR cells: B straight from the planes, then every row panel of A
        int k = cin * kh * kw;
        int ldc = panels * nr;
        int rowPanels = (m + mr - 1) / mr;
        Blocking blocking = config.blocking();
        // A last row panel with few rows (6x2 with 32 output channels leaves 2) is computed only for
        // its rows, two at a time, instead of spending the padding rows' FMAs too.
        int edgeRows = m - (rowPanels - 1) * mr;
        int fullPanels = edgeRows < mr && MicroKernel.pairsRows(blocking, edgeRows) ? rowPanels - 1 : rowPanels;
        for (int jp = 0; jp < panels; jp++) {
            int q0 = jp * nr;
            for (int c = 0, t = 0; c < cin; c++) {
                for (int u = 0; u < kh; u++) {
                    for (int v = 0; v < kw; v++, t++) {
                        copy(planes, c * plane + q0 + u * wp + v, panel, t * nr, nr);
                    }
                }
            }
            for (int pc = 0; pc < k; pc += kc) {
                int len = Math.min(kc, k - pc);
                for (int ip = 0; ip < fullPanels; ip++) {
                    MicroKernel.tile(blocking, len, ap, ip * mr * k + pc * mr, panel, pc * nr, result,
                            ip * mr * ldc + q0, ldc, pc > 0);
                }
                if (fullPanels < rowPanels) {
                    int ip = fullPanels;
                    MicroKernel.bufferedTile(blocking, edgeRows, len, ap, ip * mr * k + pc * mr, panel, pc * nr,
                            lane.edge);
                    int o = ip * mr * ldc + q0;
                    if (pc > 0) {
                        addRows(lane.edge, edgeRows, result, o, ldc);
                    } else {
                        for (int r = 0; r < edgeRows; r++) {
                            copy(lane.edge, r * nr, result, o + r * ldc, nr);
                        }
                    }
                }
            }
        }
        // 3. the real columns back to NCHW, with bias and ReLU
        int outPlane = outH * outW;
        int sampleEnd = (s + 1) * m * outPlane;
        int span = (outW + VL - 1) / VL * VL; // a row written in whole vectors spills into the next rows,
        float floor = relu ? 0f : Float.NEGATIVE_INFINITY; // max(v, −∞) = v: no vector chosen at a branch
        for (int o = 0; o < m; o++) {         // which are written after it; the sample's last rows are exact
            float bo = bias == null ? 0f : bias[o];
            FloatVector b = FloatVector.broadcast(S, bo);
            for (int i = 0; i < outH; i++) {
                int from = o * ldc + i * wp;
                int to = (s * m + o) * outPlane + i * outW;
                if (to + span <= sampleEnd) {
                    for (int j = 0; j < outW; j += VL) {
                        FloatVector.fromArray(S, result, from + j).add(b).max(floor).intoArray(dst, to + j);
                    }
                } else {
                    for (int j = 0; j < outW; j++) {
                        dst[to + j] = Math.max(result[from + j] + bo, floor);
                    }
                }
            }
        }
    }

    /**
     * Adds the first {@code rows} rows of an MR × NR tile to C at o, row stride ldc. (Writing them
     * is {@link #copy} per row: a separate method, not a flag, for the reason given at
     * {@link MicroKernel#tile}. {@link MicroKernel#store} does the same for Sgemm, with mode, bias
     * and ReLU branches; called from here instead, one CI run on JDK 25 saw the warm cnn step
     * allocate 1,240 bytes in 20 steps, in both of ZeroAllocationTest's JVMs. Four runs of that
     * test alone did not repeat it, but it is the failure a branch C2 has not seen can cause.)
     */
    private void addRows(float[] tile, int rows, float[] c, int o, int ldc) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < nr; j += VL) {
                int at = o + r * ldc + j;
                FloatVector.fromArray(S, tile, r * nr + j).add(FloatVector.fromArray(S, c, at)).intoArray(c, at);
            }
        }
    }

    /** dst[d …+len) = src[s …+len) for the short runs of packing (tens of floats): vectors, then scalars. */
    static void copy(float[] src, int s, float[] dst, int d, int len) {
        int i = 0;
        for (int bound = len - VL; i <= bound; i += VL) {
            FloatVector.fromArray(S, src, s + i).intoArray(dst, d + i);
        }
        for (; i < len; i++) {
            dst[d + i] = src[s + i];
        }
    }
}
