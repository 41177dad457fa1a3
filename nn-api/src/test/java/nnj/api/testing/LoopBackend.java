package nnj.api.testing;

import nnj.api.backend.BinaryOp;
import nnj.api.backend.HeapBackend;
import nnj.api.backend.RowReduction;
import nnj.api.backend.UnaryOp;

/**
 * A minimal plain-loop backend for nn-api's own tests. nn-api cannot depend on nn-backend-naive
 * (naive depends on nn-api: a reactor cycle), so the layers are tested here on this one, and on every
 * real backend through the conformance kit in nn-backend-tck.
 */
public final class LoopBackend extends HeapBackend {
    public LoopBackend() {
        super("loop", 1);
    }

    public LoopBackend(String name) {
        super(name, 1);
    }

    @Override
    protected void gemmKernel(boolean transA, boolean transB, int m, int n, int k, float alpha,
                              float[] a, float[] b, float beta, float[] c) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[p * m + i] : a[i * k + p];
                    float bv = transB ? b[j * k + p] : b[p * n + j];
                    s += (double) av * bv;
                }
                float v = alpha * (float) s;
                c[i * n + j] = beta == 0f ? v : v + beta * c[i * n + j];
            }
        }
    }

    @Override
    protected void unaryKernel(UnaryOp op, float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = op.apply(x[i]);
        }
    }

    @Override
    protected void binaryKernel(BinaryOp op, float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = op.apply(a[i], b[i]);
        }
    }

    @Override
    protected void affineKernel(float[] x, float alpha, float beta, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = alpha * x[i] + beta;
        }
    }

    @Override
    protected void axpbyKernel(float alpha, float[] x, float beta, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = alpha * x[i] + beta * y[i];
        }
    }

    @Override
    protected void addRowVectorKernel(float[] x, float[] bias, float[] out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = x[i * cols + j] + bias[j];
            }
        }
    }

    @Override
    protected void reduceRowsKernel(RowReduction op, float[] x, float[] out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[i * cols + j]);
                sum += x[i * cols + j];
            }
            if (op == RowReduction.SUM) {
                out[i] = (float) sum;
            } else if (op == RowReduction.MAX) {
                out[i] = (float) max;
            } else {
                double s = 0;
                for (int j = 0; j < cols; j++) {
                    s += Math.exp(x[i * cols + j] - max);
                }
                out[i] = (float) (max + Math.log(s));
            }
        }
    }

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

    @Override
    protected double sumKernel(float[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s;
    }

    @Override
    protected double dotKernel(float[] a, float[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Override
    protected void softmaxRowsKernel(float[] x, float[] out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[i * cols + j]);
            }
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += Math.exp(x[i * cols + j] - max);
            }
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = (float) (Math.exp(x[i * cols + j] - max) / s);
            }
        }
    }
}
