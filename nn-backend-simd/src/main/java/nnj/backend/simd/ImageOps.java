package nnj.backend.simd;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import nnj.api.backend.ConvGeometry;

/**
 * Pooling and the per-channel ops of batch normalisation. Pooling runs over the N·C image planes,
 * taken by the worker pool's threads from a shared counter (each plane is written by one thread,
 * whichever it is, so results do not depend on the thread count); the 2×2 stride-2 max pool of a CNN has its own loop. The channel
 * ops work on contiguous (n, c) runs with vector loops, or across channels when each run is one
 * value (after a dense layer). Job objects are reused: a warm call allocates nothing. Not
 * thread-safe: one caller at a time, like the backend.
 */
final class ImageOps {
    private static final VectorSpecies<Float> S = VectorOps.S;
    private static final int VL = VectorOps.VL;
    /** Below this many input pixels pooling stays on the caller's thread. */
    private static final int PARALLEL_MIN = 1 << 15;

    private ConvGeometry g;
    private float[] x;
    private float[] y;
    private float[] argmax;
    /** The next image plane to pool; threads take planes from it. */
    private final AtomicInteger next = new AtomicInteger();
    private final WorkerPool.Job maxJob = this::maxPart;
    private final WorkerPool.Job avgJob = this::avgPart;
    private final WorkerPool.Job avgBackJob = this::avgBackPart;

    private void run(WorkerPool pool, int threads, WorkerPool.Job job, ConvGeometry g, float[] x, float[] y,
                     float[] argmax) {
        this.g = g;
        this.x = x;
        this.y = y;
        this.argmax = argmax;
        int planes = g.n * g.inC;
        next.set(0);
        int parts = pool == null || (long) planes * g.inPlane() < PARALLEL_MIN ? 1
                : Math.min(Math.min(threads, pool.maxParts()), planes);
        if (parts == 1) {
            job.run(0, 1);
        } else {
            pool.run(job, parts);
        }
        this.x = null;
        this.y = null;
        this.argmax = null;
    }

    void maxPool(ConvGeometry g, float[] x, float[] y, float[] argmax, WorkerPool pool, int threads) {
        if (g.kh == 2 && g.kw == 2 && g.stride == 2 && g.inH == 2 * g.outH && g.outPlane() >= VL) {
            pool2x2.run(g, x, y, argmax, pool, threads);
            return;
        }
        run(pool, threads, maxJob, g, x, y, argmax);
    }

    private final MaxPool2x2 pool2x2 = new MaxPool2x2();

    void avgPool(ConvGeometry g, float[] x, float[] y, WorkerPool pool, int threads) {
        run(pool, threads, avgJob, g, x, y, null);
    }

    void avgPoolBackward(ConvGeometry g, float[] dy, float[] dx, WorkerPool pool, int threads) {
        run(pool, threads, avgBackJob, g, dy, dx, null); // x holds dy, y holds dx
    }

    /** Max pooling of planes [part share]: the first maximum of each window wins, a NaN beats any number (as the reference). */
    private void maxPart(int part, int parts) {
        ConvGeometry g = this.g;
        int planes = g.n * g.inC;
        boolean twoByTwo = g.kh == 2 && g.kw == 2 && g.stride == 2;
        for (int pl = next.getAndIncrement(), end = planes; pl < end; pl = next.getAndIncrement()) {
            int in = pl * g.inPlane();
            int o = pl * g.outPlane();
            for (int i = 0; i < g.outH; i++) {
                if (twoByTwo) {
                    maxRow2x2(x, in, g.inW, i, y, argmax, o + i * g.outW, g.outW);
                    continue;
                }
                for (int j = 0; j < g.outW; j++) {
                    int best = i * g.stride * g.inW + j * g.stride;
                    float bv = x[in + best];
                    for (int u = 0; u < g.kh; u++) {
                        int p = (i * g.stride + u) * g.inW + j * g.stride;
                        for (int v = 0; v < g.kw; v++, p++) {
                            float xv = x[in + p];
                            if (xv > bv || (xv != xv && bv == bv)) {
                                best = p;
                                bv = xv;
                            }
                        }
                    }
                    y[o + i * g.outW + j] = bv;
                    argmax[o + i * g.outW + j] = best;
                }
            }
        }
    }

    /**
     * One output row of a 2×2, stride-2 max pool, without a branch that depends on the data: on
     * random inputs "is this one larger?" is a coin toss, and mispredicted branches cost more than
     * the arithmetic (and C2 turns a float select into a branch). The maximum comes from
     * {@link Math#max} (a NaN wins, as in the reference); the arg-max is then the first candidate,
     * in the reference's order (row 0 left, right, row 1 left, right), equal to it or NaN, chosen
     * with integer selects that compile to conditional moves. (The one difference from the
     * reference: a window whose maximum is a tie of −0 and +0 outputs +0; the two are equal.)
     */
    private static void maxRow2x2(float[] x, int in, int w, int i, float[] y, float[] argmax, int o, int outW) {
        int top = in + 2 * i * w;
        int bottom = top + w;
        int pos = 2 * i * w;
        for (int j = 0; j < outW; j++) {
            int p = 2 * j;
            float a = x[top + p];
            float b = x[top + p + 1];
            float c = x[bottom + p];
            float d = x[bottom + p + 1];
            float m = Math.max(Math.max(a, b), Math.max(c, d));
            int best = pos + w + p + 1;
            best = c == m | c != c ? pos + w + p : best;
            best = b == m | b != b ? pos + p + 1 : best;
            best = a == m | a != a ? pos + p : best;
            y[o + j] = m;
            argmax[o + j] = best;
        }
    }

    private void avgPart(int part, int parts) {
        ConvGeometry g = this.g;
        int planes = g.n * g.inC;
        float scale = 1f / (g.kh * g.kw);
        for (int pl = next.getAndIncrement(), end = planes; pl < end; pl = next.getAndIncrement()) {
            int in = pl * g.inPlane();
            int o = pl * g.outPlane();
            for (int i = 0; i < g.outH; i++) {
                for (int j = 0; j < g.outW; j++) {
                    float s = 0;
                    for (int u = 0; u < g.kh; u++) {
                        int p = in + (i * g.stride + u) * g.inW + j * g.stride;
                        for (int v = 0; v < g.kw; v++) {
                            s += x[p + v];
                        }
                    }
                    y[o + i * g.outW + j] = s * scale;
                }
            }
        }
    }

    /** x holds dy and y holds dx here. */
    private void avgBackPart(int part, int parts) {
        ConvGeometry g = this.g;
        int planes = g.n * g.inC;
        float scale = 1f / (g.kh * g.kw);
        for (int pl = next.getAndIncrement(), end = planes; pl < end; pl = next.getAndIncrement()) {
            int in = pl * g.inPlane();
            int o = pl * g.outPlane();
            Arrays.fill(y, in, in + g.inPlane(), 0f);
            for (int i = 0; i < g.outH; i++) {
                for (int j = 0; j < g.outW; j++) {
                    float share = x[o + i * g.outW + j] * scale;
                    for (int u = 0; u < g.kh; u++) {
                        int p = in + (i * g.stride + u) * g.inW + j * g.stride;
                        for (int v = 0; v < g.kw; v++) {
                            y[p + v] += share;
                        }
                    }
                }
            }
        }
    }

    /**
     * Max pooling's backward pass: dx = 0, then each dy is added at its arg-max. Planes go to the
     * worker pool like the forward pass (each plane is written by one thread).
     */
    void maxPoolBackward(int planes, int inPlane, int outPlane, float[] dy, float[] argmax, float[] dx,
                         WorkerPool pool, int threads) {
        this.backPlanes = planes;
        this.backIn = inPlane;
        this.backOut = outPlane;
        this.x = dy;
        this.y = dx;
        this.argmax = argmax;
        next.set(0);
        int parts = pool == null || (long) planes * inPlane < PARALLEL_MIN ? 1
                : Math.min(Math.min(threads, pool.maxParts()), planes);
        if (parts == 1) {
            maxBackJob.run(0, 1);
        } else {
            pool.run(maxBackJob, parts);
        }
        this.x = null;
        this.y = null;
        this.argmax = null;
    }

    private int backPlanes;
    private int backIn;
    private int backOut;
    private final WorkerPool.Job maxBackJob = this::maxBackPart;

    /** x holds dy and y holds dx here. */
    private void maxBackPart(int part, int parts) {
        for (int pl = next.getAndIncrement(); pl < backPlanes; pl = next.getAndIncrement()) {
            int in = pl * backIn;
            int o = pl * backOut;
            Arrays.fill(y, in, in + backIn, 0f);
            for (int p = 0; p < backOut; p++) {
                y[in + (int) argmax[o + p]] += x[o + p];
            }
        }
    }

    // ------------------------------------------------------------------------------ channels

    /** out[c] = Σ_{n,s} a·b (or a), summed in double over the (n, c) runs. */
    static void channelSums(float[] a, float[] b, float[] out, int n, int channels, int inner) {
        if (inner == 1) {
            for (int c = 0; c < channels; c++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    int at = i * channels + c;
                    s += b == null ? a[at] : (double) a[at] * b[at];
                }
                out[c] = (float) s;
            }
            return;
        }
        for (int c = 0; c < channels; c++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                int base = (i * channels + c) * inner;
                s += b == null ? VectorOps.sum(a, base, inner) : VectorOps.dotFloat(a, base, b, base, inner);
            }
            out[c] = (float) s;
        }
    }

    /** out[n, c, s] = x[n, c, s]·scale[c] + shift[c]; out may be x. */
    static void channelAffine(float[] x, float[] scale, float[] shift, float[] out, int n, int channels, int inner) {
        if (inner == 1) { // (N, C): vectors across the channels of each row
            for (int i = 0; i < n; i++) {
                int row = i * channels;
                int c = 0;
                for (int bound = channels - VL; c <= bound; c += VL) {
                    FloatVector.fromArray(S, x, row + c).fma(FloatVector.fromArray(S, scale, c),
                            FloatVector.fromArray(S, shift, c)).intoArray(out, row + c);
                }
                for (; c < channels; c++) {
                    out[row + c] = Math.fma(x[row + c], scale[c], shift[c]);
                }
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                int base = (i * channels + c) * inner;
                FloatVector sv = FloatVector.broadcast(S, scale[c]);
                FloatVector hv = FloatVector.broadcast(S, shift[c]);
                int k = 0;
                for (int bound = inner - VL; k <= bound; k += VL) {
                    FloatVector.fromArray(S, x, base + k).fma(sv, hv).intoArray(out, base + k);
                }
                for (; k < inner; k++) {
                    out[base + k] = Math.fma(x[base + k], scale[c], shift[c]);
                }
            }
        }
    }
}
