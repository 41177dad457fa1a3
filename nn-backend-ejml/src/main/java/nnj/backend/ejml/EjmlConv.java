package nnj.backend.ejml;

import nnj.api.backend.Activation;
import nnj.api.backend.ConvGeometry;
import nnj.api.backend.Im2Col;
import nnj.api.backend.UnaryOp;

/**
 * Convolution on EJML: im2col patch panels ({@link Im2Col}) multiplied by EJML's GEMM
 * ({@link EjmlGemm}), as docs/MATH.md derives. For a group of samples with patch matrix cols
 * (K × G·P): forward {@code Y' = W·cols}, then Y' (O × G·P) is copied back to NCHW with the bias
 * and activation; {@code dW += dY'·colsᵀ}; {@code dcols = Wᵀ·dY'}, then col2im. Samples are grouped
 * so the panel stays near {@link #PANEL_FLOATS} floats. Copies run on the caller's thread; the
 * buffers grow to the largest problem and are reused. Not thread-safe, like the backend.
 */
final class EjmlConv {
    /** Target size of the patch panel, in floats (1 MiB). */
    static final int PANEL_FLOATS = 1 << 18;

    private final MatrixViews views;
    private float[] cols = new float[0];
    private float[] mat = new float[0];

    EjmlConv(MatrixViews views) {
        this.views = views;
    }

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

    void forward(ConvGeometry g, float[] x, float[] w, float[] bias, Activation act, float[] y, int threads) {
        int group = group(g);
        ensure(g, group);
        int plane = g.outPlane();
        UnaryOp f = act.forward();
        for (int n0 = 0; n0 < g.n; n0 += group) {
            int gn = Math.min(group, g.n - n0);
            int cells = gn * plane;
            Im2Col.im2col(g, x, n0, gn, 0, g.patchSize(), cols);
            EjmlGemm.gemm(false, false, g.outC, cells, g.patchSize(), 1f, w, cols, 0f, mat, threads, views);
            for (int s = 0; s < gn; s++) {
                for (int o = 0; o < g.outC; o++) {
                    float b = bias == null ? 0f : bias[o];
                    int src = o * cells + s * plane;
                    int dst = ((n0 + s) * g.outC + o) * plane;
                    for (int p = 0; p < plane; p++) {
                        float z = mat[src + p] + b;
                        y[dst + p] = f == null ? z : f.apply(z);
                    }
                }
            }
        }
    }

    void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db, int threads) {
        int group = group(g);
        ensure(g, group);
        for (int n0 = 0; n0 < g.n; n0 += group) {
            int gn = Math.min(group, g.n - n0);
            Im2Col.im2col(g, x, n0, gn, 0, g.patchSize(), cols);
            gather(g, dy, n0, gn);
            EjmlGemm.gemm(false, true, g.outC, g.patchSize(), gn * g.outPlane(), 1f, mat, cols, n0 == 0 ? 0f : 1f, dw,
                    threads, views);
        }
        if (db != null) {
            int plane = g.outPlane();
            for (int o = 0; o < g.outC; o++) {
                double s = 0;
                for (int n = 0; n < g.n; n++) {
                    int base = (n * g.outC + o) * plane;
                    for (int p = 0; p < plane; p++) {
                        s += dy[base + p];
                    }
                }
                db[o] = (float) s;
            }
        }
    }

    void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx, int threads) {
        int group = group(g);
        ensure(g, group);
        for (int n0 = 0; n0 < g.n; n0 += group) {
            int gn = Math.min(group, g.n - n0);
            gather(g, dy, n0, gn);
            EjmlGemm.gemm(true, false, g.patchSize(), gn * g.outPlane(), g.outC, 1f, w, mat, 0f, cols, threads, views);
            Im2Col.col2im(g, cols, n0, gn, 0, gn * g.inC, dx);
        }
    }

    /** mat[o, s·P + p] = dy[n0 + s, o, p]. */
    private void gather(ConvGeometry g, float[] dy, int n0, int gn) {
        int plane = g.outPlane();
        int cells = gn * plane;
        for (int o = 0; o < g.outC; o++) {
            for (int s = 0; s < gn; s++) {
                System.arraycopy(dy, ((n0 + s) * g.outC + o) * plane, mat, o * cells + s * plane, plane);
            }
        }
    }
}
