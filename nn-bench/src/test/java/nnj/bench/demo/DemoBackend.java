package nnj.bench.demo;

import nnj.api.backend.BinaryOp;
import nnj.api.backend.HeapBackend;
import nnj.api.backend.RowReduction;
import nnj.api.backend.UnaryOp;

/**
 * A deliberately small backend that lives outside the benchmarks, to show that a backend put on
 * the class path is benchmarked and reported with no edits to nn-bench. Its one idea: gemm in
 * i-p-j loop order, so the inner loop walks rows of B and C contiguously (for B not transposed).
 */
public final class DemoBackend extends HeapBackend {

    public DemoBackend() {
        super(DemoProvider.NAME, 1);
    }

    @Override
    protected void gemmKernel(boolean transA, boolean transB, int m, int n, int k, float alpha,
                              float[] a, float[] b, float beta, float[] c) {
        for (int i = 0; i < m; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0f ? 0f : beta * c[row + j]; // β = 0: C is not read
            }
            for (int p = 0; p < k; p++) {
                float aip = alpha * (transA ? a[p * m + i] : a[i * k + p]);
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        c[row + j] += aip * b[j * k + p];
                    }
                } else {
                    int bRow = p * n;
                    for (int j = 0; j < n; j++) {
                        c[row + j] += aip * b[bRow + j];
                    }
                }
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
            int base = i * cols;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[base + j]);
                sum += x[base + j];
            }
            if (op == RowReduction.SUM) {
                out[i] = (float) sum;
            } else if (op == RowReduction.MAX) {
                out[i] = (float) max;
            } else if (Double.isInfinite(max) || Double.isNaN(max)) {
                out[i] = (float) max; // ±∞ or NaN decides the result; subtracting it would give NaN
            } else { // log-sum-exp, shifted by the maximum so it cannot overflow
                double s = 0;
                for (int j = 0; j < cols; j++) {
                    s += Math.exp(x[base + j] - max);
                }
                out[i] = (float) (max + Math.log(s));
            }
        }
    }

    @Override
    protected void sumColumnsKernel(float[] x, float beta, float[] out, int rows, int cols) {
        for (int j = 0; j < cols; j++) {
            out[j] = beta == 0f ? 0f : beta * out[j];
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j] += x[i * cols + j];
            }
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
            int base = i * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[base + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(x[base + j] - max);
                out[base + j] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < cols; j++) {
                out[base + j] *= inv;
            }
        }
    }
}
