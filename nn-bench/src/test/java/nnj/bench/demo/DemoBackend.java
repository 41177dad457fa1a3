package nnj.bench.demo;

import nnj.backend.naive.NaiveBackend;

/**
 * A deliberately small backend that lives outside the benchmarks, to show that a backend put on
 * the class path is benchmarked and reported with no edits to nn-bench. Its one idea: gemm in
 * i-p-j loop order, so the inner loop walks rows of B and C contiguously (for B not transposed).
 * Every other kernel is the naive reference's.
 */
public final class DemoBackend extends NaiveBackend {

    public DemoBackend() {
        super(DemoProvider.NAME);
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
}
