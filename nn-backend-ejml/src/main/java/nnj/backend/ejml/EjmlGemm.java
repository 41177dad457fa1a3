package nnj.backend.ejml;

import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * One gemm, {@code C = α·op(A)·op(B) + β·C}, on EJML: views the arrays, folds β into EJML's
 * β-less calls, and picks the single-threaded or the threaded product.
 *
 * <p>The threaded path runs on EJML's own worker pool, which is global to the JVM
 * ({@link EjmlConcurrency}). Before each threaded product the pool is resized to the backend's
 * thread count if it differs, so a backend never uses more threads than {@code threads()}.
 */
final class EjmlGemm {

    /**
     * Products with fewer multiply-adds (m·n·k) than this stay on the caller's thread: below it,
     * handing rows to EJML's pool costs more than the second core gains. Measured with
     * {@code nnj.bench.ejml.EjmlOverhead} (see docs/BENCHMARKS.md, "EJML backend").
     */
    static final long THREADED_MIN_MULADDS = 1L << 19;

    /** The threaded product splits the rows of C; with fewer rows than this a worker idles. */
    static final int THREADED_MIN_ROWS = 4;

    private EjmlGemm() {
    }

    /** True when a product of this size goes to {@code CommonOps_MT_FDRM}. */
    static boolean threaded(int m, int n, int k, int threads) {
        return threads > 1 && m >= THREADED_MIN_ROWS && (long) m * n * k >= THREADED_MIN_MULADDS;
    }

    /**
     * The {@link nnj.api.backend.HeapBackend#gemmKernel} contract: m, n, k ≥ 1, α ≠ 0, arrays
     * row-major from index 0, C shares no array with A or B, and C is not read when β = 0.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, float[] b, float beta, float[] c, int threads, MatrixViews views) {
        // Views share the arrays: no copy. The stored shapes are the untransposed ones.
        FMatrixRMaj am = transA ? views.first(a, k, m) : views.first(a, m, k);
        FMatrixRMaj bm = transB ? views.second(b, n, k) : views.second(b, k, n);
        FMatrixRMaj cm = views.third(c, m, n);

        EjmlMultiply multiply = EjmlMultiply.SINGLE;
        if (threaded(m, n, k, threads)) {
            boundPool(threads);
            multiply = EjmlMultiply.THREADED;
        }

        if (beta == 0f) {
            // EJML's plain mult… overwrites C without reading it, as BLAS does for β = 0.
            multiply.overwrite(transA, transB, alpha, am, bm, cm);
            return;
        }
        if (beta != 1f) {
            // EJML's multAdd… has no β: scale C first (CommonOps_FDRM.scale, in place).
            CommonOps_FDRM.scale(beta, cm);
        }
        multiply.accumulate(transA, transB, alpha, am, bm, cm);
    }

    /** Resizes EJML's global pool to {@code threads} workers, only when it differs (resizing builds a new pool). */
    private static void boundPool(int threads) {
        if (EjmlConcurrency.getMaxThreads() != threads) {
            EjmlConcurrency.setMaxThreads(threads);
        }
    }
}
