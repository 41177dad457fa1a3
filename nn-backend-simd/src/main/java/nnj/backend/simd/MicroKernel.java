package nnj.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked SGEMM micro-kernels: an MR × NR block of C from one packed A micro-panel
 * ({@code kc × MR}, MR floats per k step) and one packed B micro-panel ({@code kc × NR}, NR floats
 * per k step), both zero-padded so there are no tails inside the k loop. One kernel per
 * {@link Blocking}; NR is the blocking's vector count times the preferred species' lanes.
 *
 * <h2>Per k step</h2>
 * {@code vectors} loads of B, MR scalar broadcasts of A (each folded into a {@code vbroadcastss}
 * from memory) and MR × vectors FMAs into independent accumulators, at least 12 of them: enough
 * chains to hide the FMA latency (4 cycles × 2 pipes needs 8). The loop is counted with affine
 * indices of constant scale, so C2 hoists the bounds checks. Each kernel is written out by hand
 * because C2 keeps a vector in a register only when it is a local variable it can see.
 *
 * <h2>Why tile, then store</h2>
 * A kernel inlines dozens of Vector API calls per accumulator; had it also combined each
 * accumulator with C through a helper, C2 would reach its inlining budget, stop inlining the helper
 * and box every vector passed to it (an allocation per call). The accumulators go to a reused
 * L1-resident buffer instead ({@code acc}, row-major with row stride NR), and {@link #store}
 * combines them with C: 2·MR·vectors memory operations per kc·MR·vectors FMAs.
 */
final class MicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    static final int VL = S.length();

    /** Store modes: how the accumulated product is combined with C. */
    static final int OVERWRITE = 0;     // C = alpha·AB            (first k block, beta == 0: C not read)
    static final int SCALE_ADD = 1;     // C = alpha·AB + beta·C   (first k block, beta != 0)
    static final int ACCUMULATE = 2;    // C = C + alpha·AB        (later k blocks)

    private MicroKernel() {
    }

    /** Where a tile's sums go: to {@code acc} (then {@link #store}), or straight into C. */
    static final int TO_ACC = 0;
    /** C = AB: a full tile, alpha 1, first k block with beta 0, no epilogue. */
    static final int WRITE_C = 1;
    /** C = C + AB: a full tile, alpha 1, a later k block, no epilogue. */
    static final int ADD_TO_C = 2;

    /**
     * Computes one MR × NR tile of A·B over {@code kc} steps with the given blocking. With
     * {@code direct == TO_ACC} it writes the raw sums into {@code acc[0 … MR·NR)}, row-major, and
     * {@link #store} then combines them into C; otherwise it writes or adds the whole tile into C at
     * {@code cOff} (row stride {@code ldc}) itself, which saves the round trip through acc on the
     * common case. The result is the same either way (x + y == y + x in IEEE arithmetic).
     */
    static void tile(Blocking blocking, int kc, float[] ap, int aOff, float[] bp, int bOff, float[] acc,
                     float[] c, int cOff, int ldc, int direct) {
        switch (blocking) {
            case B4X3: tile4x3(kc, ap, aOff, bp, bOff, acc, c, cOff, ldc, direct); break;
            case B6X2: tile6x2(kc, ap, aOff, bp, bOff, acc, c, cOff, ldc, direct); break;
            case B8X2: tile8x2(kc, ap, aOff, bp, bOff, acc, c, cOff, ldc, direct); break;
            case B12X2: tile12x2(kc, ap, aOff, bp, bOff, acc, c, cOff, ldc, direct); break;
            case B8X3: tile8x3(kc, ap, aOff, bp, bOff, acc, c, cOff, ldc, direct); break;
            default: throw new IllegalStateException("no kernel for blocking " + blocking);
        }
    }

    /** 4 rows × 3 vectors: 12 accumulators, 16 registers live. */
    private static void tile4x3(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] acc,
                                  float[] c, int cOff, int ldc, int direct) {
        final int nr = 3 * VL;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c0_2 = z;
        FloatVector c1_0 = z, c1_1 = z, c1_2 = z;
        FloatVector c2_0 = z, c2_1 = z, c2_2 = z;
        FloatVector c3_0 = z, c3_1 = z, c3_2 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * nr;
            int ai = aOff + p * 4;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector b2 = FloatVector.fromArray(S, bp, bi + 2 * VL);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            c0_0 = a.fma(b0, c0_0);
            c0_1 = a.fma(b1, c0_1);
            c0_2 = a.fma(b2, c0_2);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = a.fma(b0, c1_0);
            c1_1 = a.fma(b1, c1_1);
            c1_2 = a.fma(b2, c1_2);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = a.fma(b0, c2_0);
            c2_1 = a.fma(b1, c2_1);
            c2_2 = a.fma(b2, c2_2);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = a.fma(b0, c3_0);
            c3_1 = a.fma(b1, c3_1);
            c3_2 = a.fma(b2, c3_2);
        }
        if (direct == TO_ACC) {
            c0_0.intoArray(acc, 0);
            c0_1.intoArray(acc, VL);
            c0_2.intoArray(acc, 2 * VL);
            c1_0.intoArray(acc, nr);
            c1_1.intoArray(acc, nr + VL);
            c1_2.intoArray(acc, nr + 2 * VL);
            c2_0.intoArray(acc, 2 * nr);
            c2_1.intoArray(acc, 2 * nr + VL);
            c2_2.intoArray(acc, 2 * nr + 2 * VL);
            c3_0.intoArray(acc, 3 * nr);
            c3_1.intoArray(acc, 3 * nr + VL);
            c3_2.intoArray(acc, 3 * nr + 2 * VL);
            return;
        }
        if (direct == ADD_TO_C) {
            c0_0 = c0_0.add(FloatVector.fromArray(S, c, cOff + 0 * ldc));
            c0_1 = c0_1.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + VL));
            c0_2 = c0_2.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + 2 * VL));
            c1_0 = c1_0.add(FloatVector.fromArray(S, c, cOff + 1 * ldc));
            c1_1 = c1_1.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + VL));
            c1_2 = c1_2.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + 2 * VL));
            c2_0 = c2_0.add(FloatVector.fromArray(S, c, cOff + 2 * ldc));
            c2_1 = c2_1.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + VL));
            c2_2 = c2_2.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + 2 * VL));
            c3_0 = c3_0.add(FloatVector.fromArray(S, c, cOff + 3 * ldc));
            c3_1 = c3_1.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + VL));
            c3_2 = c3_2.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + 2 * VL));
        }
        c0_0.intoArray(c, cOff + 0 * ldc);
        c0_1.intoArray(c, cOff + 0 * ldc + VL);
        c0_2.intoArray(c, cOff + 0 * ldc + 2 * VL);
        c1_0.intoArray(c, cOff + 1 * ldc);
        c1_1.intoArray(c, cOff + 1 * ldc + VL);
        c1_2.intoArray(c, cOff + 1 * ldc + 2 * VL);
        c2_0.intoArray(c, cOff + 2 * ldc);
        c2_1.intoArray(c, cOff + 2 * ldc + VL);
        c2_2.intoArray(c, cOff + 2 * ldc + 2 * VL);
        c3_0.intoArray(c, cOff + 3 * ldc);
        c3_1.intoArray(c, cOff + 3 * ldc + VL);
        c3_2.intoArray(c, cOff + 3 * ldc + 2 * VL);
    }

    /** 6 rows × 2 vectors: 12 accumulators, 15 registers live. */
    private static void tile6x2(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] acc,
                                  float[] c, int cOff, int ldc, int direct) {
        final int nr = 2 * VL;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z;
        FloatVector c5_0 = z, c5_1 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * nr;
            int ai = aOff + p * 6;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            c0_0 = a.fma(b0, c0_0);
            c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = a.fma(b0, c1_0);
            c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = a.fma(b0, c2_0);
            c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = a.fma(b0, c3_0);
            c3_1 = a.fma(b1, c3_1);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c4_0 = a.fma(b0, c4_0);
            c4_1 = a.fma(b1, c4_1);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c5_0 = a.fma(b0, c5_0);
            c5_1 = a.fma(b1, c5_1);
        }
        if (direct == TO_ACC) {
            c0_0.intoArray(acc, 0);
            c0_1.intoArray(acc, VL);
            c1_0.intoArray(acc, nr);
            c1_1.intoArray(acc, nr + VL);
            c2_0.intoArray(acc, 2 * nr);
            c2_1.intoArray(acc, 2 * nr + VL);
            c3_0.intoArray(acc, 3 * nr);
            c3_1.intoArray(acc, 3 * nr + VL);
            c4_0.intoArray(acc, 4 * nr);
            c4_1.intoArray(acc, 4 * nr + VL);
            c5_0.intoArray(acc, 5 * nr);
            c5_1.intoArray(acc, 5 * nr + VL);
            return;
        }
        if (direct == ADD_TO_C) {
            c0_0 = c0_0.add(FloatVector.fromArray(S, c, cOff + 0 * ldc));
            c0_1 = c0_1.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + VL));
            c1_0 = c1_0.add(FloatVector.fromArray(S, c, cOff + 1 * ldc));
            c1_1 = c1_1.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + VL));
            c2_0 = c2_0.add(FloatVector.fromArray(S, c, cOff + 2 * ldc));
            c2_1 = c2_1.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + VL));
            c3_0 = c3_0.add(FloatVector.fromArray(S, c, cOff + 3 * ldc));
            c3_1 = c3_1.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + VL));
            c4_0 = c4_0.add(FloatVector.fromArray(S, c, cOff + 4 * ldc));
            c4_1 = c4_1.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + VL));
            c5_0 = c5_0.add(FloatVector.fromArray(S, c, cOff + 5 * ldc));
            c5_1 = c5_1.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + VL));
        }
        c0_0.intoArray(c, cOff + 0 * ldc);
        c0_1.intoArray(c, cOff + 0 * ldc + VL);
        c1_0.intoArray(c, cOff + 1 * ldc);
        c1_1.intoArray(c, cOff + 1 * ldc + VL);
        c2_0.intoArray(c, cOff + 2 * ldc);
        c2_1.intoArray(c, cOff + 2 * ldc + VL);
        c3_0.intoArray(c, cOff + 3 * ldc);
        c3_1.intoArray(c, cOff + 3 * ldc + VL);
        c4_0.intoArray(c, cOff + 4 * ldc);
        c4_1.intoArray(c, cOff + 4 * ldc + VL);
        c5_0.intoArray(c, cOff + 5 * ldc);
        c5_1.intoArray(c, cOff + 5 * ldc + VL);
    }

    /** 8 rows × 2 vectors: 16 accumulators, 19 registers live. */
    private static void tile8x2(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] acc,
                                  float[] c, int cOff, int ldc, int direct) {
        final int nr = 2 * VL;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z;
        FloatVector c5_0 = z, c5_1 = z;
        FloatVector c6_0 = z, c6_1 = z;
        FloatVector c7_0 = z, c7_1 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * nr;
            int ai = aOff + p * 8;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            c0_0 = a.fma(b0, c0_0);
            c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = a.fma(b0, c1_0);
            c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = a.fma(b0, c2_0);
            c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = a.fma(b0, c3_0);
            c3_1 = a.fma(b1, c3_1);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c4_0 = a.fma(b0, c4_0);
            c4_1 = a.fma(b1, c4_1);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c5_0 = a.fma(b0, c5_0);
            c5_1 = a.fma(b1, c5_1);
            a = FloatVector.broadcast(S, ap[ai + 6]);
            c6_0 = a.fma(b0, c6_0);
            c6_1 = a.fma(b1, c6_1);
            a = FloatVector.broadcast(S, ap[ai + 7]);
            c7_0 = a.fma(b0, c7_0);
            c7_1 = a.fma(b1, c7_1);
        }
        if (direct == TO_ACC) {
            c0_0.intoArray(acc, 0);
            c0_1.intoArray(acc, VL);
            c1_0.intoArray(acc, nr);
            c1_1.intoArray(acc, nr + VL);
            c2_0.intoArray(acc, 2 * nr);
            c2_1.intoArray(acc, 2 * nr + VL);
            c3_0.intoArray(acc, 3 * nr);
            c3_1.intoArray(acc, 3 * nr + VL);
            c4_0.intoArray(acc, 4 * nr);
            c4_1.intoArray(acc, 4 * nr + VL);
            c5_0.intoArray(acc, 5 * nr);
            c5_1.intoArray(acc, 5 * nr + VL);
            c6_0.intoArray(acc, 6 * nr);
            c6_1.intoArray(acc, 6 * nr + VL);
            c7_0.intoArray(acc, 7 * nr);
            c7_1.intoArray(acc, 7 * nr + VL);
            return;
        }
        if (direct == ADD_TO_C) {
            c0_0 = c0_0.add(FloatVector.fromArray(S, c, cOff + 0 * ldc));
            c0_1 = c0_1.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + VL));
            c1_0 = c1_0.add(FloatVector.fromArray(S, c, cOff + 1 * ldc));
            c1_1 = c1_1.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + VL));
            c2_0 = c2_0.add(FloatVector.fromArray(S, c, cOff + 2 * ldc));
            c2_1 = c2_1.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + VL));
            c3_0 = c3_0.add(FloatVector.fromArray(S, c, cOff + 3 * ldc));
            c3_1 = c3_1.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + VL));
            c4_0 = c4_0.add(FloatVector.fromArray(S, c, cOff + 4 * ldc));
            c4_1 = c4_1.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + VL));
            c5_0 = c5_0.add(FloatVector.fromArray(S, c, cOff + 5 * ldc));
            c5_1 = c5_1.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + VL));
            c6_0 = c6_0.add(FloatVector.fromArray(S, c, cOff + 6 * ldc));
            c6_1 = c6_1.add(FloatVector.fromArray(S, c, cOff + 6 * ldc + VL));
            c7_0 = c7_0.add(FloatVector.fromArray(S, c, cOff + 7 * ldc));
            c7_1 = c7_1.add(FloatVector.fromArray(S, c, cOff + 7 * ldc + VL));
        }
        c0_0.intoArray(c, cOff + 0 * ldc);
        c0_1.intoArray(c, cOff + 0 * ldc + VL);
        c1_0.intoArray(c, cOff + 1 * ldc);
        c1_1.intoArray(c, cOff + 1 * ldc + VL);
        c2_0.intoArray(c, cOff + 2 * ldc);
        c2_1.intoArray(c, cOff + 2 * ldc + VL);
        c3_0.intoArray(c, cOff + 3 * ldc);
        c3_1.intoArray(c, cOff + 3 * ldc + VL);
        c4_0.intoArray(c, cOff + 4 * ldc);
        c4_1.intoArray(c, cOff + 4 * ldc + VL);
        c5_0.intoArray(c, cOff + 5 * ldc);
        c5_1.intoArray(c, cOff + 5 * ldc + VL);
        c6_0.intoArray(c, cOff + 6 * ldc);
        c6_1.intoArray(c, cOff + 6 * ldc + VL);
        c7_0.intoArray(c, cOff + 7 * ldc);
        c7_1.intoArray(c, cOff + 7 * ldc + VL);
    }

    /** 12 rows × 2 vectors: 24 accumulators, 27 registers live. */
    private static void tile12x2(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] acc,
                                  float[] c, int cOff, int ldc, int direct) {
        final int nr = 2 * VL;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z;
        FloatVector c5_0 = z, c5_1 = z;
        FloatVector c6_0 = z, c6_1 = z;
        FloatVector c7_0 = z, c7_1 = z;
        FloatVector c8_0 = z, c8_1 = z;
        FloatVector c9_0 = z, c9_1 = z;
        FloatVector c10_0 = z, c10_1 = z;
        FloatVector c11_0 = z, c11_1 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * nr;
            int ai = aOff + p * 12;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            c0_0 = a.fma(b0, c0_0);
            c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = a.fma(b0, c1_0);
            c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = a.fma(b0, c2_0);
            c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = a.fma(b0, c3_0);
            c3_1 = a.fma(b1, c3_1);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c4_0 = a.fma(b0, c4_0);
            c4_1 = a.fma(b1, c4_1);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c5_0 = a.fma(b0, c5_0);
            c5_1 = a.fma(b1, c5_1);
            a = FloatVector.broadcast(S, ap[ai + 6]);
            c6_0 = a.fma(b0, c6_0);
            c6_1 = a.fma(b1, c6_1);
            a = FloatVector.broadcast(S, ap[ai + 7]);
            c7_0 = a.fma(b0, c7_0);
            c7_1 = a.fma(b1, c7_1);
            a = FloatVector.broadcast(S, ap[ai + 8]);
            c8_0 = a.fma(b0, c8_0);
            c8_1 = a.fma(b1, c8_1);
            a = FloatVector.broadcast(S, ap[ai + 9]);
            c9_0 = a.fma(b0, c9_0);
            c9_1 = a.fma(b1, c9_1);
            a = FloatVector.broadcast(S, ap[ai + 10]);
            c10_0 = a.fma(b0, c10_0);
            c10_1 = a.fma(b1, c10_1);
            a = FloatVector.broadcast(S, ap[ai + 11]);
            c11_0 = a.fma(b0, c11_0);
            c11_1 = a.fma(b1, c11_1);
        }
        if (direct == TO_ACC) {
            c0_0.intoArray(acc, 0);
            c0_1.intoArray(acc, VL);
            c1_0.intoArray(acc, nr);
            c1_1.intoArray(acc, nr + VL);
            c2_0.intoArray(acc, 2 * nr);
            c2_1.intoArray(acc, 2 * nr + VL);
            c3_0.intoArray(acc, 3 * nr);
            c3_1.intoArray(acc, 3 * nr + VL);
            c4_0.intoArray(acc, 4 * nr);
            c4_1.intoArray(acc, 4 * nr + VL);
            c5_0.intoArray(acc, 5 * nr);
            c5_1.intoArray(acc, 5 * nr + VL);
            c6_0.intoArray(acc, 6 * nr);
            c6_1.intoArray(acc, 6 * nr + VL);
            c7_0.intoArray(acc, 7 * nr);
            c7_1.intoArray(acc, 7 * nr + VL);
            c8_0.intoArray(acc, 8 * nr);
            c8_1.intoArray(acc, 8 * nr + VL);
            c9_0.intoArray(acc, 9 * nr);
            c9_1.intoArray(acc, 9 * nr + VL);
            c10_0.intoArray(acc, 10 * nr);
            c10_1.intoArray(acc, 10 * nr + VL);
            c11_0.intoArray(acc, 11 * nr);
            c11_1.intoArray(acc, 11 * nr + VL);
            return;
        }
        if (direct == ADD_TO_C) {
            c0_0 = c0_0.add(FloatVector.fromArray(S, c, cOff + 0 * ldc));
            c0_1 = c0_1.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + VL));
            c1_0 = c1_0.add(FloatVector.fromArray(S, c, cOff + 1 * ldc));
            c1_1 = c1_1.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + VL));
            c2_0 = c2_0.add(FloatVector.fromArray(S, c, cOff + 2 * ldc));
            c2_1 = c2_1.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + VL));
            c3_0 = c3_0.add(FloatVector.fromArray(S, c, cOff + 3 * ldc));
            c3_1 = c3_1.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + VL));
            c4_0 = c4_0.add(FloatVector.fromArray(S, c, cOff + 4 * ldc));
            c4_1 = c4_1.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + VL));
            c5_0 = c5_0.add(FloatVector.fromArray(S, c, cOff + 5 * ldc));
            c5_1 = c5_1.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + VL));
            c6_0 = c6_0.add(FloatVector.fromArray(S, c, cOff + 6 * ldc));
            c6_1 = c6_1.add(FloatVector.fromArray(S, c, cOff + 6 * ldc + VL));
            c7_0 = c7_0.add(FloatVector.fromArray(S, c, cOff + 7 * ldc));
            c7_1 = c7_1.add(FloatVector.fromArray(S, c, cOff + 7 * ldc + VL));
            c8_0 = c8_0.add(FloatVector.fromArray(S, c, cOff + 8 * ldc));
            c8_1 = c8_1.add(FloatVector.fromArray(S, c, cOff + 8 * ldc + VL));
            c9_0 = c9_0.add(FloatVector.fromArray(S, c, cOff + 9 * ldc));
            c9_1 = c9_1.add(FloatVector.fromArray(S, c, cOff + 9 * ldc + VL));
            c10_0 = c10_0.add(FloatVector.fromArray(S, c, cOff + 10 * ldc));
            c10_1 = c10_1.add(FloatVector.fromArray(S, c, cOff + 10 * ldc + VL));
            c11_0 = c11_0.add(FloatVector.fromArray(S, c, cOff + 11 * ldc));
            c11_1 = c11_1.add(FloatVector.fromArray(S, c, cOff + 11 * ldc + VL));
        }
        c0_0.intoArray(c, cOff + 0 * ldc);
        c0_1.intoArray(c, cOff + 0 * ldc + VL);
        c1_0.intoArray(c, cOff + 1 * ldc);
        c1_1.intoArray(c, cOff + 1 * ldc + VL);
        c2_0.intoArray(c, cOff + 2 * ldc);
        c2_1.intoArray(c, cOff + 2 * ldc + VL);
        c3_0.intoArray(c, cOff + 3 * ldc);
        c3_1.intoArray(c, cOff + 3 * ldc + VL);
        c4_0.intoArray(c, cOff + 4 * ldc);
        c4_1.intoArray(c, cOff + 4 * ldc + VL);
        c5_0.intoArray(c, cOff + 5 * ldc);
        c5_1.intoArray(c, cOff + 5 * ldc + VL);
        c6_0.intoArray(c, cOff + 6 * ldc);
        c6_1.intoArray(c, cOff + 6 * ldc + VL);
        c7_0.intoArray(c, cOff + 7 * ldc);
        c7_1.intoArray(c, cOff + 7 * ldc + VL);
        c8_0.intoArray(c, cOff + 8 * ldc);
        c8_1.intoArray(c, cOff + 8 * ldc + VL);
        c9_0.intoArray(c, cOff + 9 * ldc);
        c9_1.intoArray(c, cOff + 9 * ldc + VL);
        c10_0.intoArray(c, cOff + 10 * ldc);
        c10_1.intoArray(c, cOff + 10 * ldc + VL);
        c11_0.intoArray(c, cOff + 11 * ldc);
        c11_1.intoArray(c, cOff + 11 * ldc + VL);
    }

    /** 8 rows × 3 vectors: 24 accumulators, 28 registers live. */
    private static void tile8x3(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] acc,
                                  float[] c, int cOff, int ldc, int direct) {
        final int nr = 3 * VL;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c0_2 = z;
        FloatVector c1_0 = z, c1_1 = z, c1_2 = z;
        FloatVector c2_0 = z, c2_1 = z, c2_2 = z;
        FloatVector c3_0 = z, c3_1 = z, c3_2 = z;
        FloatVector c4_0 = z, c4_1 = z, c4_2 = z;
        FloatVector c5_0 = z, c5_1 = z, c5_2 = z;
        FloatVector c6_0 = z, c6_1 = z, c6_2 = z;
        FloatVector c7_0 = z, c7_1 = z, c7_2 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * nr;
            int ai = aOff + p * 8;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector b2 = FloatVector.fromArray(S, bp, bi + 2 * VL);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            c0_0 = a.fma(b0, c0_0);
            c0_1 = a.fma(b1, c0_1);
            c0_2 = a.fma(b2, c0_2);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = a.fma(b0, c1_0);
            c1_1 = a.fma(b1, c1_1);
            c1_2 = a.fma(b2, c1_2);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = a.fma(b0, c2_0);
            c2_1 = a.fma(b1, c2_1);
            c2_2 = a.fma(b2, c2_2);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = a.fma(b0, c3_0);
            c3_1 = a.fma(b1, c3_1);
            c3_2 = a.fma(b2, c3_2);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c4_0 = a.fma(b0, c4_0);
            c4_1 = a.fma(b1, c4_1);
            c4_2 = a.fma(b2, c4_2);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c5_0 = a.fma(b0, c5_0);
            c5_1 = a.fma(b1, c5_1);
            c5_2 = a.fma(b2, c5_2);
            a = FloatVector.broadcast(S, ap[ai + 6]);
            c6_0 = a.fma(b0, c6_0);
            c6_1 = a.fma(b1, c6_1);
            c6_2 = a.fma(b2, c6_2);
            a = FloatVector.broadcast(S, ap[ai + 7]);
            c7_0 = a.fma(b0, c7_0);
            c7_1 = a.fma(b1, c7_1);
            c7_2 = a.fma(b2, c7_2);
        }
        if (direct == TO_ACC) {
            c0_0.intoArray(acc, 0);
            c0_1.intoArray(acc, VL);
            c0_2.intoArray(acc, 2 * VL);
            c1_0.intoArray(acc, nr);
            c1_1.intoArray(acc, nr + VL);
            c1_2.intoArray(acc, nr + 2 * VL);
            c2_0.intoArray(acc, 2 * nr);
            c2_1.intoArray(acc, 2 * nr + VL);
            c2_2.intoArray(acc, 2 * nr + 2 * VL);
            c3_0.intoArray(acc, 3 * nr);
            c3_1.intoArray(acc, 3 * nr + VL);
            c3_2.intoArray(acc, 3 * nr + 2 * VL);
            c4_0.intoArray(acc, 4 * nr);
            c4_1.intoArray(acc, 4 * nr + VL);
            c4_2.intoArray(acc, 4 * nr + 2 * VL);
            c5_0.intoArray(acc, 5 * nr);
            c5_1.intoArray(acc, 5 * nr + VL);
            c5_2.intoArray(acc, 5 * nr + 2 * VL);
            c6_0.intoArray(acc, 6 * nr);
            c6_1.intoArray(acc, 6 * nr + VL);
            c6_2.intoArray(acc, 6 * nr + 2 * VL);
            c7_0.intoArray(acc, 7 * nr);
            c7_1.intoArray(acc, 7 * nr + VL);
            c7_2.intoArray(acc, 7 * nr + 2 * VL);
            return;
        }
        if (direct == ADD_TO_C) {
            c0_0 = c0_0.add(FloatVector.fromArray(S, c, cOff + 0 * ldc));
            c0_1 = c0_1.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + VL));
            c0_2 = c0_2.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + 2 * VL));
            c1_0 = c1_0.add(FloatVector.fromArray(S, c, cOff + 1 * ldc));
            c1_1 = c1_1.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + VL));
            c1_2 = c1_2.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + 2 * VL));
            c2_0 = c2_0.add(FloatVector.fromArray(S, c, cOff + 2 * ldc));
            c2_1 = c2_1.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + VL));
            c2_2 = c2_2.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + 2 * VL));
            c3_0 = c3_0.add(FloatVector.fromArray(S, c, cOff + 3 * ldc));
            c3_1 = c3_1.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + VL));
            c3_2 = c3_2.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + 2 * VL));
            c4_0 = c4_0.add(FloatVector.fromArray(S, c, cOff + 4 * ldc));
            c4_1 = c4_1.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + VL));
            c4_2 = c4_2.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + 2 * VL));
            c5_0 = c5_0.add(FloatVector.fromArray(S, c, cOff + 5 * ldc));
            c5_1 = c5_1.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + VL));
            c5_2 = c5_2.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + 2 * VL));
            c6_0 = c6_0.add(FloatVector.fromArray(S, c, cOff + 6 * ldc));
            c6_1 = c6_1.add(FloatVector.fromArray(S, c, cOff + 6 * ldc + VL));
            c6_2 = c6_2.add(FloatVector.fromArray(S, c, cOff + 6 * ldc + 2 * VL));
            c7_0 = c7_0.add(FloatVector.fromArray(S, c, cOff + 7 * ldc));
            c7_1 = c7_1.add(FloatVector.fromArray(S, c, cOff + 7 * ldc + VL));
            c7_2 = c7_2.add(FloatVector.fromArray(S, c, cOff + 7 * ldc + 2 * VL));
        }
        c0_0.intoArray(c, cOff + 0 * ldc);
        c0_1.intoArray(c, cOff + 0 * ldc + VL);
        c0_2.intoArray(c, cOff + 0 * ldc + 2 * VL);
        c1_0.intoArray(c, cOff + 1 * ldc);
        c1_1.intoArray(c, cOff + 1 * ldc + VL);
        c1_2.intoArray(c, cOff + 1 * ldc + 2 * VL);
        c2_0.intoArray(c, cOff + 2 * ldc);
        c2_1.intoArray(c, cOff + 2 * ldc + VL);
        c2_2.intoArray(c, cOff + 2 * ldc + 2 * VL);
        c3_0.intoArray(c, cOff + 3 * ldc);
        c3_1.intoArray(c, cOff + 3 * ldc + VL);
        c3_2.intoArray(c, cOff + 3 * ldc + 2 * VL);
        c4_0.intoArray(c, cOff + 4 * ldc);
        c4_1.intoArray(c, cOff + 4 * ldc + VL);
        c4_2.intoArray(c, cOff + 4 * ldc + 2 * VL);
        c5_0.intoArray(c, cOff + 5 * ldc);
        c5_1.intoArray(c, cOff + 5 * ldc + VL);
        c5_2.intoArray(c, cOff + 5 * ldc + 2 * VL);
        c6_0.intoArray(c, cOff + 6 * ldc);
        c6_1.intoArray(c, cOff + 6 * ldc + VL);
        c6_2.intoArray(c, cOff + 6 * ldc + 2 * VL);
        c7_0.intoArray(c, cOff + 7 * ldc);
        c7_1.intoArray(c, cOff + 7 * ldc + VL);
        c7_2.intoArray(c, cOff + 7 * ldc + 2 * VL);
    }

    /**
     * Combines the first {@code rows × cols} sums of a tile (row stride {@code nr}) into C at
     * {@code cOff} (row stride {@code ldc}) as {@code mode} says, then adds {@code bias[biasOff…]}
     * and applies ReLU if asked (the fused dense epilogue, only on the last k block). Whole vectors
     * where the tile is full, scalars at the edges of C.
     */
    static void store(float[] acc, int nr, int rows, int cols, float[] c, int cOff, int ldc, float alpha,
                      float beta, int mode, float[] bias, int biasOff, boolean relu) {
        for (int r = 0; r < rows; r++) {
            int ci = cOff + r * ldc;
            int ai = r * nr;
            int q = 0;
            for (; q <= cols - VL; q += VL) {
                FloatVector v = FloatVector.fromArray(S, acc, ai + q);
                if (alpha != 1f) {
                    v = v.mul(alpha);
                }
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
