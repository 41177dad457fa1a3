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
     * Computes one MR × NR tile of A·B over {@code kc} steps and writes the raw sums into
     * {@code acc[0 … MR·NR)}, row-major. {@link #store} then combines them into C.
     *
     * <p>Why two steps: the tile method inlines dozens of Vector API calls per accumulator; had it
     * also combined each accumulator with C through a helper, C2 would reach its inlining budget,
     * stop inlining the helper, and box every vector passed to it (an allocation per call). Writing
     * the 16 accumulators to a reused L1-resident buffer costs 32 memory operations per kc·16 FMAs.
     */
    static void tile(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] acc) {
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
        c00.intoArray(acc, 0);
        c01.intoArray(acc, VL);
        c10.intoArray(acc, NR);
        c11.intoArray(acc, NR + VL);
        c20.intoArray(acc, 2 * NR);
        c21.intoArray(acc, 2 * NR + VL);
        c30.intoArray(acc, 3 * NR);
        c31.intoArray(acc, 3 * NR + VL);
        c40.intoArray(acc, 4 * NR);
        c41.intoArray(acc, 4 * NR + VL);
        c50.intoArray(acc, 5 * NR);
        c51.intoArray(acc, 5 * NR + VL);
        c60.intoArray(acc, 6 * NR);
        c61.intoArray(acc, 6 * NR + VL);
        c70.intoArray(acc, 7 * NR);
        c71.intoArray(acc, 7 * NR + VL);
    }

    /**
     * Combines the first {@code rows × cols} sums of a tile into C at {@code cOff} (row stride
     * {@code ldc}) as {@code mode} says, then adds {@code bias[biasOff…]} and applies ReLU if asked
     * (the fused dense epilogue, only on the last k block). Whole vectors where the tile is full,
     * scalars at the edges of C.
     */
    static void store(float[] acc, int rows, int cols, float[] c, int cOff, int ldc, float alpha, float beta,
                      int mode, float[] bias, int biasOff, boolean relu) {
        for (int r = 0; r < rows; r++) {
            int ci = cOff + r * ldc;
            int ai = r * NR;
            int q = 0;
            for (; q <= cols - VL; q += VL) {
                FloatVector v = FloatVector.fromArray(S, acc, ai + q).mul(alpha);
                if (mode == ACCUMULATE) {
                    v = FloatVector.fromArray(S, c, ci + q).add(v);
                } else if (mode == SCALE_ADD) {
                    v = v.add(FloatVector.fromArray(S, c, ci + q).mul(beta));
                }
                if (bias != null) {
                    v = v.add(FloatVector.fromArray(S, bias, biasOff + q));
                }
                if (relu) {
                    v = v.max(0f); // lanewise Math.max: NaN stays NaN, like UnaryOp.RELU
                }
                v.intoArray(c, ci + q);
            }
            for (; q < cols; q++) {
                float v = alpha * acc[ai + q];
                if (mode == ACCUMULATE) {
                    v = c[ci + q] + v;
                } else if (mode == SCALE_ADD) {
                    v = v + c[ci + q] * beta;
                }
                if (bias != null) {
                    v += bias[biasOff + q];
                }
                c[ci + q] = relu ? Math.max(v, 0f) : v;
            }
        }
    }
}
