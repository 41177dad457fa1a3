package nnj.backend.naive;

import nnj.api.backend.BinaryOp;
import nnj.api.backend.HeapBackend;
import nnj.api.backend.RowReduction;
import nnj.api.backend.UnaryOp;

/**
 * The reference backend: plain loops, one kernel per method, on the caller's thread.
 *
 * <p>It is written to be read, not to be fast. Every other backend is checked against it by the
 * conformance kit, so each kernel does the obvious thing in the obvious order, and sums are
 * accumulated in double so that the reference is more accurate than what it checks.
 *
 * <p>The thread-count setting is accepted and ignored: everything runs on the caller's thread.
 *
 * <p>A backend may extend it and override only the kernels it does better (nn-backend-ejml does);
 * the rest stay these reference loops rather than copies of them.
 */
public class NaiveBackend extends HeapBackend {

    /** The reference backend, named {@code naive}. */
    public NaiveBackend() {
        super(NaiveProvider.NAME, 1);
    }

    /**
     * The same loops under another name: for tests that need two distinct backends, and for demo
     * backends that prove discovery without writing kernels of their own.
     */
    protected NaiveBackend(String name) {
        super(name, 1);
    }

    /**
     * For a backend that replaces some of these loops with faster kernels and keeps the rest (the
     * ejml backend does), with its own default thread count.
     */
    protected NaiveBackend(String name, int defaultThreads) {
        super(name, defaultThreads);
    }

    /**
     * C = α·op(A)·op(B) + β·C, one dot product per element of C:
     * c[i][j] = α · Σₚ op(A)[i][p] · op(B)[p][j] + β · c[i][j].
     * op(A)[i][p] is a[i·k + p], or a[p·m + i] when A is stored transposed (k×m); likewise for B.
     */
    @Override
    protected void gemmKernel(boolean transA, boolean transB, int m, int n, int k, float alpha,
                              float[] a, float[] b, float beta, float[] c) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[p * m + i] : a[i * k + p];
                    float bpj = transB ? b[j * k + p] : b[p * n + j];
                    acc += (double) aip * bpj;
                }
                float product = (float) (alpha * acc);
                // β = 0 means "overwrite": C is not read, so garbage or NaN in C cannot leak through.
                c[i * n + j] = beta == 0f ? product : product + beta * c[i * n + j];
            }
        }
    }

    /** out[i] = f(x[i]), with f defined once in {@link UnaryOp#apply}. */
    @Override
    protected void unaryKernel(UnaryOp op, float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = op.apply(x[i]);
        }
    }

    /** out[i] = f(a[i], b[i]), with f defined once in {@link BinaryOp#apply}. */
    @Override
    protected void binaryKernel(BinaryOp op, float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = op.apply(a[i], b[i]);
        }
    }

    /** out[i] = α·x[i] + β. */
    @Override
    protected void affineKernel(float[] x, float alpha, float beta, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = alpha * x[i] + beta;
        }
    }

    /** y[i] = α·x[i] + β·y[i]: the BLAS axpy generalised with a scale on y. */
    @Override
    protected void axpbyKernel(float alpha, float[] x, float beta, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = alpha * x[i] + beta * y[i];
        }
    }

    /** out[i][j] = x[i][j] + bias[j]: the bias of a dense layer, added to every row of the batch. */
    @Override
    protected void addRowVectorKernel(float[] x, float[] bias, float[] out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = x[i * cols + j] + bias[j];
            }
        }
    }

    /** out[i] = Σⱼ x[i][j], maxⱼ x[i][j], or m + ln Σⱼ exp(x[i][j] − m) with m the row max. */
    @Override
    protected void reduceRowsKernel(RowReduction op, float[] x, float[] out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            switch (op) {
                case SUM: {
                    double s = 0;
                    for (int j = 0; j < cols; j++) {
                        s += x[row + j];
                    }
                    out[i] = (float) s;
                    break;
                }
                case MAX:
                    out[i] = rowMax(x, row, cols);
                    break;
                case LOG_SUM_EXP: {
                    float max = rowMax(x, row, cols);
                    if (Float.isInfinite(max) || Float.isNaN(max)) {
                        // All −∞ gives −∞; a +∞ gives +∞; NaN stays NaN. Subtracting max would make NaN.
                        out[i] = max;
                        break;
                    }
                    double s = 0;
                    for (int j = 0; j < cols; j++) {
                        s += Math.exp(x[row + j] - max);
                    }
                    out[i] = (float) (max + Math.log(s));
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown reduction " + op);
            }
        }
    }

    /** The largest element of one row; NaN if the row holds a NaN. */
    private static float rowMax(float[] x, int row, int cols) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            max = Math.max(max, x[row + j]);
        }
        return max;
    }

    /** out[j] = Σᵢ x[i][j] + β·out[j]: the bias gradient is the column sum of dL/dY. */
    @Override
    protected void sumColumnsKernel(float[] x, float beta, float[] out, int rows, int cols) {
        for (int j = 0; j < cols; j++) {
            double s = 0;
            for (int i = 0; i < rows; i++) {
                s += x[i * cols + j];
            }
            out[j] = beta == 0f ? (float) s : (float) s + beta * out[j];
        }
    }

    /** Σ x[i], in double. */
    @Override
    protected double sumKernel(float[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s;
    }

    /** Σ a[i]·b[i], in double. */
    @Override
    protected double dotKernel(float[] a, float[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /**
     * softmax(x)ᵢⱼ = exp(xᵢⱼ − mᵢ) / Σₖ exp(xᵢₖ − mᵢ). Subtracting the row max mᵢ changes nothing
     * mathematically but keeps every exp ≤ 1, so large logits cannot overflow.
     */
    @Override
    protected void softmaxRowsKernel(float[] x, float[] out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            float max = rowMax(x, row, cols);
            double s = 0;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(x[row + j] - max);
                out[row + j] = e;
                s += e;
            }
            float inv = (float) (1.0 / s);
            for (int j = 0; j < cols; j++) {
                out[row + j] *= inv;
            }
        }
    }
}
