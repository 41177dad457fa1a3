package nnj.backend.simd;

import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.FloatVector;
import nnj.api.backend.Activation;
import nnj.api.backend.ConvGeometry;
import nnj.api.backend.Im2Col;

/**
 * Convolution as GEMM on im2col panels. For a group of samples, the patch matrix {@code cols}
 * (K × G·P, with K = C·kh·kw rows, one per kernel tap, and one column per output pixel of the G
 * samples) turns the convolution into one packed SGEMM:
 * <pre>
 * forward          Y'  (O × G·P) = W (O × K) · cols                → scattered back to NCHW, + bias, act
 * dW (accumulated) dW  (O × K)   += dY' (O × G·P) · colsᵀ
 * dX               dcols (K × G·P) = Wᵀ · dY'                       → col2im adds each tap back to its pixel
 * </pre>
 * where dY' is dY gathered from NCHW into (O, G·P). Samples are grouped so that the panel stays
 * near {@link #PANEL_FLOATS} floats (big enough for an efficient GEMM, small enough to stay in the
 * caches); with a fixed group the sums have a fixed order, so results do not depend on the thread
 * count. The copies (im2col, col2im, the NCHW scatter and gather) run on the worker pool, in
 * units taken from a shared counter; each unit is written by one thread, whichever it is. Buffers grow to the largest problem seen and are reused: a warm call allocates
 * nothing. Not thread-safe: one caller at a time, like the backend.
 */
final class ConvKernels {
    /** Target size of the im2col panel, in floats (1 MiB: about half of one core's L2). */
    static final int PANEL_FLOATS = 1 << 18;

    private final Sgemm sgemm;
    private float[] cols = new float[0];
    private float[] mat = new float[0];

    // The current call, read by the parallel jobs.
    private ConvGeometry g;
    private float[] image;
    private float[] out;
    private float[] bias;
    private boolean relu;
    private int first;
    private int count;
    /** The next unit of work (a panel row, a plane, a sample, a channel); threads take units from it. */
    private final AtomicInteger next = new AtomicInteger();
    private final WorkerPool.Job im2colJob = this::im2colPart;
    private final WorkerPool.Job col2imJob = this::col2imPart;
    private final WorkerPool.Job scatterJob = this::scatterPart;
    private final WorkerPool.Job gatherJob = this::gatherPart;

    ConvKernels(Sgemm sgemm) {
        this.sgemm = sgemm;
    }

    /** Samples per group: as many as keep the panel near {@link #PANEL_FLOATS}, at least 1. */
    private static int group(ConvGeometry g) {
        long perSample = (long) g.patchSize() * g.outPlane();
        return (int) Math.max(1, Math.min(g.n, PANEL_FLOATS / Math.max(1, perSample)));
    }

    private void ensure(ConvGeometry g, int group) {
        int panel = g.patchSize() * group * g.outPlane();
        if (cols.length < panel) {
            cols = new float[panel];
        }
        int m = g.outC * group * g.outPlane();
        if (mat.length < m) {
            mat = new float[m];
        }
    }

    private void run(WorkerPool pool, WorkerPool.Job job, int parts) {
        next.set(0);
        if (parts == 1 || pool == null) {
            job.run(0, 1);
        } else {
            pool.run(job, parts);
        }
    }

    private static int parts(WorkerPool pool, int threads, int work) {
        return pool == null ? 1 : Math.max(1, Math.min(Math.min(threads, pool.maxParts()), work));
    }

    // ------------------------------------------------------------------------------- the ops

    void forward(ConvGeometry g, float[] x, float[] w, float[] bias, Activation act, float[] y, WorkerPool pool,
                 int threads) {
        int group = group(g);
        ensure(g, group);
        int k = g.patchSize();
        for (int n0 = 0; n0 < g.n; n0 += group) {
            int gn = Math.min(group, g.n - n0);
            int cells = gn * g.outPlane();
            im2col(g, x, n0, gn, pool, threads);
            sgemm.multiply(false, false, g.outC, cells, k, 1f, w, cols, 0f, mat, null, false, pool, threads);
            begin(g, null, y, bias, act == Activation.RELU, n0, gn);
            run(pool, scatterJob, parts(pool, threads, gn));
        }
        end();
        if (act != Activation.IDENTITY && act != Activation.RELU) {
            VectorOps.unary(act.forward(), y, y, g.n * g.outC * g.outPlane());
        }
    }

    void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db, WorkerPool pool, int threads) {
        int group = group(g);
        ensure(g, group);
        int k = g.patchSize();
        for (int n0 = 0; n0 < g.n; n0 += group) {
            int gn = Math.min(group, g.n - n0);
            int cells = gn * g.outPlane();
            im2col(g, x, n0, gn, pool, threads);
            gather(g, dy, n0, gn, pool, threads);
            sgemm.multiply(false, true, g.outC, k, cells, 1f, mat, cols, n0 == 0 ? 0f : 1f, dw, null, false, pool,
                    threads);
        }
        if (db != null) {
            int plane = g.outPlane();
            for (int o = 0; o < g.outC; o++) {
                double s = 0;
                for (int n = 0; n < g.n; n++) {
                    s += VectorOps.sum(dy, (n * g.outC + o) * plane, plane);
                }
                db[o] = (float) s;
            }
        }
    }

    void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx, WorkerPool pool, int threads) {
        int group = group(g);
        ensure(g, group);
        int k = g.patchSize();
        for (int n0 = 0; n0 < g.n; n0 += group) {
            int gn = Math.min(group, g.n - n0);
            int cells = gn * g.outPlane();
            gather(g, dy, n0, gn, pool, threads);
            sgemm.multiply(true, false, k, cells, g.outC, 1f, w, mat, 0f, cols, null, false, pool, threads);
            begin(g, null, dx, null, false, n0, gn);
            run(pool, col2imJob, parts(pool, threads, gn * g.inC));
        }
        end();
    }

    private void begin(ConvGeometry g, float[] image, float[] out, float[] bias, boolean relu, int first, int count) {
        this.g = g;
        this.image = image;
        this.out = out;
        this.bias = bias;
        this.relu = relu;
        this.first = first;
        this.count = count;
    }

    private void end() {
        image = null;
        out = null;
        bias = null;
    }

    private void im2col(ConvGeometry g, float[] x, int n0, int gn, WorkerPool pool, int threads) {
        begin(g, x, null, null, false, n0, gn);
        run(pool, im2colJob, parts(pool, threads, g.patchSize()));
        end();
    }

    private void gather(ConvGeometry g, float[] dy, int n0, int gn, WorkerPool pool, int threads) {
        begin(g, dy, null, null, false, n0, gn);
        run(pool, gatherJob, parts(pool, threads, g.outC));
        end();
    }

    // ---------------------------------------------------------------------------- the copies

    /** Rows of the patch matrix, one unit per row ({@link Im2Col#im2col}). */
    private void im2colPart(int part, int parts) {
        for (int k = next.getAndIncrement(), end = g.patchSize(); k < end; k = next.getAndIncrement()) {
            Im2Col.im2col(g, image, first, count, k, k + 1, cols);
        }
    }

    /** Planes of dx, one unit per (sample, channel) plane ({@link Im2Col#col2im}). */
    private void col2imPart(int part, int parts) {
        for (int pl = next.getAndIncrement(), end = count * g.inC; pl < end; pl = next.getAndIncrement()) {
            Im2Col.col2im(g, cols, first, count, pl, pl + 1, out);
        }
    }

    /** y[first + s, o, p] = act(mat[o, s·P + p] + bias[o]): the GEMM's (O, G·P) result back in NCHW. */
    private void scatterPart(int part, int parts) {
        ConvGeometry g = this.g;
        int plane = g.outPlane();
        int cells = count * plane;
        for (int s = next.getAndIncrement(), end = count; s < end; s = next.getAndIncrement()) {
            for (int o = 0; o < g.outC; o++) {
                biasRun(mat, o * cells + s * plane, out, ((first + s) * g.outC + o) * plane, plane,
                        bias == null ? 0f : bias[o], relu);
            }
        }
    }

    /** mat[o, s·P + p] = dy[first + s, o, p]: an output gradient from NCHW into the GEMM's (O, G·P) layout. */
    private void gatherPart(int part, int parts) {
        ConvGeometry g = this.g;
        int plane = g.outPlane();
        int cells = count * plane;
        for (int o = next.getAndIncrement(), end = g.outC; o < end; o = next.getAndIncrement()) {
            for (int s = 0; s < count; s++) {
                System.arraycopy(image, ((first + s) * g.outC + o) * plane, mat, o * cells + s * plane, plane);
            }
        }
    }

    // ------------------------------------------------------------------------------- helpers

    private static final jdk.incubator.vector.VectorSpecies<Float> S = VectorOps.S;
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

}
