package nnj.backend.ejml;

import nnj.api.backend.BinaryOp;
import nnj.api.backend.RowReduction;
import nnj.api.backend.UnaryOp;
import nnj.backend.naive.NaiveBackend;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * A backend on EJML's float32 dense row-major matrices ({@link FMatrixRMaj}).
 *
 * <p>Tensors are {@link nnj.api.backend.HeapTensor}s; each kernel shows their arrays to EJML as
 * {@link FMatrixRMaj}s without a copy (reusable headers, see {@link MatrixViews}, where
 * {@link FMatrixRMaj#wrap} would allocate one per call) and calls EJML where EJML has the
 * operation. Where it has none (the bias broadcast, row max and log-sum-exp, softmax, and sums
 * and dot products in double, which the loss needs), the backend keeps the naive reference loops
 * it extends ({@link NaiveBackend}). {@link nnj.api.backend.HeapBackend} has already checked every
 * argument and removed the empty and α = 0 cases, so EJML only ever sees valid, non-empty matrices.
 *
 * <p>gemm uses {@code CommonOps_FDRM}, or {@code CommonOps_MT_FDRM} on up to {@link #threads()}
 * workers for large products (see {@link EjmlGemm}). Everything else runs on the caller's thread.
 * EJML's worker pool is global to the JVM: a threaded gemm resizes it to this backend's thread
 * count, which also bounds other EJML users in the same process. {@link #close()} has nothing to
 * release: the pool's workers are daemon threads, which it retires once idle for about a minute.
 *
 * <p>Element-wise kernels may be called with {@code out} and an input on the same array. The EJML
 * calls used for them read element i and then write element i only, so this is safe; they see
 * distinct header objects, so EJML's same-instance checks never fire.
 *
 * <p>On one thread a warm training step allocates nothing here. The threaded gemm does: EJML
 * hands each product to its pool as new tasks.
 */
public final class EjmlBackend extends NaiveBackend {

    /** A backend with one thread per available processor. */
    public EjmlBackend() {
        super(EjmlProvider.NAME, Runtime.getRuntime().availableProcessors());
    }

    /** Reusable EJML headers for the arrays of the current kernel (no copy, no allocation). */
    private final MatrixViews views = new MatrixViews();
    private final EjmlConv conv = new EjmlConv(views);

    // ------------------------------------------------------------------------------------ gemm

    /**
     * CommonOps_FDRM.mult / multTransA / multTransB / multTransAB, or their multAdd… forms when
     * β ≠ 0 (with C scaled by β first, since multAdd has no β); the _MT_ versions above a
     * measured size. Routing lives in {@link EjmlGemm}.
     */
    @Override
    protected void gemmKernel(boolean transA, boolean transB, int m, int n, int k, float alpha,
                              float[] a, float[] b, float beta, float[] c) {
        EjmlGemm.gemm(transA, transB, m, n, k, alpha, a, b, beta, c, threads(), views);
    }

    /**
     * Whether a product C (m×n) with inner size k runs on EJML's threaded {@code CommonOps_MT_FDRM}
     * at the current thread count, rather than on the caller's thread. For diagnostics and benchmarks.
     */
    public boolean threadedGemm(int m, int n, int k) {
        return EjmlGemm.threaded(m, n, k, threads());
    }

    // ---------------------------------------------------------------------------- element-wise

    /**
     * EJML has NEG (changeSign), ABS (abs), SQUARE (elementMult of x with itself), EXP (elementExp),
     * LOG (elementLog) and RECIPROCAL (divide(1, x)). It has no sqrt, ReLU, sigmoid or tanh on
     * matrices (elementPower(x, ½) would go through Math.pow), so those are loops over
     * {@link UnaryOp#apply}, which also fixes their NaN and overflow behaviour.
     */
    @Override
    protected void unaryKernel(UnaryOp op, float[] x, float[] out, int n) {
        FMatrixRMaj xm = views.first(x, 1, n);
        FMatrixRMaj om = views.third(out, 1, n);
        switch (op) {
            case NEG:
                CommonOps_FDRM.changeSign(xm, om);
                break;
            case ABS:
                CommonOps_FDRM.abs(xm, om);
                break;
            case SQUARE:
                CommonOps_FDRM.elementMult(xm, xm, om);
                break;
            case EXP:
                CommonOps_FDRM.elementExp(xm, om);
                break;
            case LOG:
                CommonOps_FDRM.elementLog(xm, om);
                break;
            case RECIPROCAL:
                CommonOps_FDRM.divide(1f, xm, om);
                break;
            default:
                for (int i = 0; i < n; i++) {
                    out[i] = op.apply(x[i]);
                }
        }
    }

    /**
     * ADD, SUB, MUL and DIV are EJML's add, subtract, elementMult and elementDiv. MAX and MIN
     * (EJML's elementMax is a reduction, not element-wise), the activation derivatives and the
     * binary cross-entropy are loops over {@link BinaryOp#apply}.
     */
    @Override
    protected void binaryKernel(BinaryOp op, float[] a, float[] b, float[] out, int n) {
        FMatrixRMaj am = views.first(a, 1, n);
        FMatrixRMaj bm = views.second(b, 1, n);
        FMatrixRMaj om = views.third(out, 1, n);
        switch (op) {
            case ADD:
                CommonOps_FDRM.add(am, bm, om);
                break;
            case SUB:
                CommonOps_FDRM.subtract(am, bm, om);
                break;
            case MUL:
                CommonOps_FDRM.elementMult(am, bm, om);
                break;
            case DIV:
                CommonOps_FDRM.elementDiv(am, bm, om);
                break;
            default:
                for (int i = 0; i < n; i++) {
                    out[i] = op.apply(a[i], b[i]);
                }
        }
    }

    /**
     * out = α·x + β. EJML has the two halves, not the whole: scale(α, x, out) when β = 0 (the
     * common case, e.g. dividing a gradient by the batch size) and add(x, β, out) when α = 1.
     * Otherwise one fused loop, rather than two passes over memory.
     */
    @Override
    protected void affineKernel(float[] x, float alpha, float beta, float[] out, int n) {
        if (beta == 0f) {
            CommonOps_FDRM.scale(alpha, views.first(x, 1, n), views.third(out, 1, n));
        } else if (alpha == 1f) {
            CommonOps_FDRM.add(views.first(x, 1, n), beta, views.third(out, 1, n));
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = alpha * x[i] + beta;
            }
        }
    }

    /**
     * y = α·x + β·y is EJML's add(α, x, β, y, y): it computes c = α·a + β·b element by element, so
     * passing y as both b and c is an in-place update.
     */
    @Override
    protected void axpbyKernel(float alpha, float[] x, float beta, float[] y, int n) {
        FMatrixRMaj ym = views.second(y, 1, n);
        CommonOps_FDRM.add(alpha, views.first(x, 1, n), beta, ym, views.third(y, 1, n));
    }

    // ------------------------------------------------------------------- broadcast and reduce

    /**
     * SUM is EJML's sumRows (out as a rows×1 column). MAX and LOG_SUM_EXP stay the reference
     * loops: EJML's maxRows compares with {@code >}, so it would skip a NaN that the contract says
     * must come out, and EJML has no log-sum-exp.
     */
    @Override
    protected void reduceRowsKernel(RowReduction op, float[] x, float[] out, int rows, int cols) {
        if (op == RowReduction.SUM) {
            CommonOps_FDRM.sumRows(views.first(x, rows, cols), views.third(out, rows, 1));
        } else {
            super.reduceRowsKernel(op, x, out, rows, cols);
        }
    }

    /**
     * out = column sums + β·out. With β = 0 that is EJML's sumCols (out as a 1×cols row). EJML
     * cannot add into out, so otherwise out is scaled by β (CommonOps_FDRM.scale) and the rows
     * are added to it in a loop, row by row for contiguous reads.
     */
    @Override
    protected void sumColumnsKernel(float[] x, float beta, float[] out, int rows, int cols) {
        FMatrixRMaj om = views.third(out, 1, cols);
        if (beta == 0f) {
            CommonOps_FDRM.sumCols(views.first(x, rows, cols), om);
            return;
        }
        if (beta != 1f) {
            CommonOps_FDRM.scale(beta, om);
        }
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            for (int j = 0; j < cols; j++) {
                out[j] += x[row + j];
            }
        }
    }
    // ------------------------------------------------------------------------ convolution

    /**
     * Convolution as EJML GEMMs on im2col panels ({@link EjmlConv}). Pooling and the channel ops
     * keep {@link nnj.api.backend.HeapBackend}'s reference loops: EJML has nothing for them.
     */
    @Override
    protected void conv2dKernel(nnj.api.backend.ConvGeometry g, float[] x, float[] w, float[] bias,
                                nnj.api.backend.Activation act, float[] y) {
        conv.forward(g, x, w, bias, act, y, threads());
    }

    @Override
    protected void conv2dBackwardInputKernel(nnj.api.backend.ConvGeometry g, float[] dy, float[] w, float[] dx) {
        conv.backwardInput(g, dy, w, dx, threads());
    }

    @Override
    protected void conv2dBackwardWeightsKernel(nnj.api.backend.ConvGeometry g, float[] x, float[] dy, float[] dw,
                                               float[] db) {
        conv.backwardWeights(g, x, dy, dw, db, threads());
    }
}
