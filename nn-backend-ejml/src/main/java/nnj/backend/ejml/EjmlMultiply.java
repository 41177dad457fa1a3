package nnj.backend.ejml;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * The eight EJML matrix products a gemm can need, in EJML's single-threaded ({@link #SINGLE},
 * {@code CommonOps_FDRM}) and threaded ({@link #THREADED}, {@code CommonOps_MT_FDRM}) forms.
 *
 * <p>EJML names a product by which operands are transposed: {@code mult} (A·B), {@code multTransA}
 * (Aᵀ·B), {@code multTransB} (A·Bᵀ) and {@code multTransAB} (Aᵀ·Bᵀ). Each comes as an overwrite
 * ({@code C = α·op(A)·op(B)}, C not read) and as an accumulation ({@code multAdd…}:
 * {@code C += α·op(A)·op(B)}). When α is 1 the α-free overload is called, which is exactly the
 * call a user of EJML would write.
 *
 * <p>Both forms require that C is a different matrix from A and B, and that C already has the
 * product's shape (EJML would otherwise reshape it, which could replace its array).
 * {@link EjmlGemm} guarantees both.
 */
enum EjmlMultiply {
    SINGLE {
        @Override
        void overwrite(boolean tA, boolean tB, float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
            boolean one = alpha == 1f;
            if (!tA && !tB) {
                if (one) CommonOps_FDRM.mult(a, b, c); else CommonOps_FDRM.mult(alpha, a, b, c);
            } else if (tA && !tB) {
                if (one) CommonOps_FDRM.multTransA(a, b, c); else CommonOps_FDRM.multTransA(alpha, a, b, c);
            } else if (!tA) {
                if (one) CommonOps_FDRM.multTransB(a, b, c); else CommonOps_FDRM.multTransB(alpha, a, b, c);
            } else {
                if (one) CommonOps_FDRM.multTransAB(a, b, c); else CommonOps_FDRM.multTransAB(alpha, a, b, c);
            }
        }

        @Override
        void accumulate(boolean tA, boolean tB, float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
            boolean one = alpha == 1f;
            if (!tA && !tB) {
                if (one) CommonOps_FDRM.multAdd(a, b, c); else CommonOps_FDRM.multAdd(alpha, a, b, c);
            } else if (tA && !tB) {
                if (one) CommonOps_FDRM.multAddTransA(a, b, c); else CommonOps_FDRM.multAddTransA(alpha, a, b, c);
            } else if (!tA) {
                if (one) CommonOps_FDRM.multAddTransB(a, b, c); else CommonOps_FDRM.multAddTransB(alpha, a, b, c);
            } else {
                if (one) CommonOps_FDRM.multAddTransAB(a, b, c); else CommonOps_FDRM.multAddTransAB(alpha, a, b, c);
            }
        }
    },

    THREADED {
        @Override
        void overwrite(boolean tA, boolean tB, float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
            boolean one = alpha == 1f;
            if (!tA && !tB) {
                if (one) CommonOps_MT_FDRM.mult(a, b, c); else CommonOps_MT_FDRM.mult(alpha, a, b, c);
            } else if (tA && !tB) {
                if (one) CommonOps_MT_FDRM.multTransA(a, b, c); else CommonOps_MT_FDRM.multTransA(alpha, a, b, c);
            } else if (!tA) {
                if (one) CommonOps_MT_FDRM.multTransB(a, b, c); else CommonOps_MT_FDRM.multTransB(alpha, a, b, c);
            } else {
                if (one) CommonOps_MT_FDRM.multTransAB(a, b, c); else CommonOps_MT_FDRM.multTransAB(alpha, a, b, c);
            }
        }

        @Override
        void accumulate(boolean tA, boolean tB, float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
            boolean one = alpha == 1f;
            if (!tA && !tB) {
                if (one) CommonOps_MT_FDRM.multAdd(a, b, c); else CommonOps_MT_FDRM.multAdd(alpha, a, b, c);
            } else if (tA && !tB) {
                if (one) CommonOps_MT_FDRM.multAddTransA(a, b, c); else CommonOps_MT_FDRM.multAddTransA(alpha, a, b, c);
            } else if (!tA) {
                if (one) CommonOps_MT_FDRM.multAddTransB(a, b, c); else CommonOps_MT_FDRM.multAddTransB(alpha, a, b, c);
            } else {
                if (one) CommonOps_MT_FDRM.multAddTransAB(a, b, c); else CommonOps_MT_FDRM.multAddTransAB(alpha, a, b, c);
            }
        }
    };

    /** {@code C = α·op(A)·op(B)}; C is not read. */
    abstract void overwrite(boolean tA, boolean tB, float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c);

    /** {@code C += α·op(A)·op(B)}. */
    abstract void accumulate(boolean tA, boolean tB, float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c);
}
