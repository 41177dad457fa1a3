package nnj.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked SGEMM micro-kernel: an {@value #MR} × {@link #NR} block of C from one packed
 * A micro-panel ({@code kc × MR}, column-major in MR) and one packed B micro-panel ({@code kc × NR},
 * row-major in NR), both zero-padded so there are no tails inside the k-loop.
 *
 * <h2>Register budget</h2>
 * NR is two vectors of the preferred species. With AVX-512 (16 floats per vector, 32 registers) that
 * is 8 rows × 2 vectors = 16 accumulators, 2 B vectors and 1 broadcast A value: 19 of 32 registers,
 * so C2 never spills. With AVX2 (8 floats, 16 registers) the same shape uses 16 + 3 registers and C2
 * spills a little; correctness does not depend on it.
 *
 * <h2>Per k step</h2>
 * 2 vector loads of B, 8 scalar broadcasts of A (each folded into a {@code vbroadcastss} from memory)
 * and 16 FMAs. The 16 accumulators are independent chains, enough to hide the FMA latency
 * (4 cycles × 2 pipes needs 8). The loop is counted with affine indices so C2 hoists bounds checks.
 */
final class MicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    static final int VL = S.length();
    /** Rows of C per micro-tile. */
    static final int MR = 8;
    /** Columns of C per micro-tile: two vectors. */
    static final int NR = 2 * VL;

    /** Store modes: how the accumulated product is combined with C. */
    static final int OVERWRITE = 0;     // C = alpha·AB            (first k block, beta == 0: C not read)
    static final int SCALE_ADD = 1;     // C = alpha·AB + beta·C   (first k block, beta != 0)
    static final int ACCUMULATE = 2;    // C = C + alpha·AB        (later k blocks)

    private MicroKernel() {
    }

    /**
     * Computes one full MR × NR tile and writes it into {@code c} at {@code cOff} with row stride
     * {@code ldc}, combining as {@code mode} says; then, if given, adds {@code bias[biasOff…]} and
     * applies ReLU (the fused dense epilogue, only on the last k block).
     */
    static void tile(int kc, float[] ap, int aOff, float[] bp, int bOff,
                     float[] c, int cOff, int ldc, float alpha, float beta, int mode,
                     float[] bias, int biasOff, boolean relu) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
            int ai = aOff + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        int b2 = biasOff + VL;
        store(c00, c, cOff, alpha, beta, mode, bias, biasOff, relu);
        store(c01, c, cOff + VL, alpha, beta, mode, bias, b2, relu);
        cOff += ldc;
        store(c10, c, cOff, alpha, beta, mode, bias, biasOff, relu);
        store(c11, c, cOff + VL, alpha, beta, mode, bias, b2, relu);
        cOff += ldc;
        store(c20, c, cOff, alpha, beta, mode, bias, biasOff, relu);
        store(c21, c, cOff + VL, alpha, beta, mode, bias, b2, relu);
        cOff += ldc;
        store(c30, c, cOff, alpha, beta, mode, bias, biasOff, relu);
        store(c31, c, cOff + VL, alpha, beta, mode, bias, b2, relu);
        cOff += ldc;
        store(c40, c, cOff, alpha, beta, mode, bias, biasOff, relu);
        store(c41, c, cOff + VL, alpha, beta, mode, bias, b2, relu);
        cOff += ldc;
        store(c50, c, cOff, alpha, beta, mode, bias, biasOff, relu);
        store(c51, c, cOff + VL, alpha, beta, mode, bias, b2, relu);
        cOff += ldc;
        store(c60, c, cOff, alpha, beta, mode, bias, biasOff, relu);
        store(c61, c, cOff + VL, alpha, beta, mode, bias, b2, relu);
        cOff += ldc;
        store(c70, c, cOff, alpha, beta, mode, bias, biasOff, relu);
        store(c71, c, cOff + VL, alpha, beta, mode, bias, b2, relu);
    }

    private static void store(FloatVector acc, float[] c, int idx, float alpha, float beta, int mode,
                              float[] bias, int biasIdx, boolean relu) {
        FloatVector v = acc.mul(alpha);
        if (mode == ACCUMULATE) {
            v = FloatVector.fromArray(S, c, idx).add(v);
        } else if (mode == SCALE_ADD) {
            v = v.add(FloatVector.fromArray(S, c, idx).mul(beta));
        }
        if (bias != null) {
            v = v.add(FloatVector.fromArray(S, bias, biasIdx));
        }
        if (relu) {
            v = v.max(0f); // lanewise Math.max: NaN stays NaN, like UnaryOp.RELU
        }
        v.intoArray(c, idx);
    }

    /** The scalar twin of {@link #store}, for the edges of C that a full tile would overrun. */
    static float combine(float acc, float old, float alpha, float beta, int mode, float biasValue, boolean relu) {
        float v = alpha * acc;
        if (mode == ACCUMULATE) {
            v = old + v;
        } else if (mode == SCALE_ADD) {
            v = v + old * beta;
        }
        v += biasValue;
        return relu ? Math.max(v, 0f) : v;
    }
}
