package nnj.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked SGEMM micro-kernels: an MR × NR block of C from one packed A micro-panel
 * ({@code kc × MR}, MR floats per k step) and one packed B micro-panel ({@code kc × NR}, NR floats
 * per k step), both zero-padded so there are no tails inside the k loop. One kernel per
 * {@link Blocking}; NR is the blocking's vector count times the preferred species' lanes. 5x2 and
 * 6x2 (AVX2's) also have kernels that read A from a row-major panel instead ({@link #tileRows}).
 *
 * <h2>Per k step</h2>
 * {@code vectors} loads of B, MR scalar broadcasts of A (each folded into a {@code vbroadcastss}
 * from memory) and MR × vectors FMAs into independent accumulators, at least 12 of them: enough
 * chains to hide the FMA latency (4 cycles × 2 pipes needs 8). The loop counts one array's index
 * itself, with the other's a second induction variable; C2 proves the counted one in bounds before
 * the loop, and the other keeps a check or two inside it. Counting k steps instead
 * ({@code ai = aOff + p·MR}) left two bounds checks and a dozen integer instructions per step in the
 * 6x2 loop, which compete with the FMAs for ports 0 and 1 (seen with -XX:+PrintAssembly; 6x2 in L1
 * under -XX:UseAVX=2 went from 87–88 to 99–108 GFLOPS). Each kernel is written out by hand because C2 keeps a vector in a register only
 * when it is a local variable it can see.
 *
 * <h2>Which index counts the loop</h2>
 * The kernels for 16 registers (4x3, 5x2, 6x2) count B's index, in steps of NR. 6x2 fills the
 * register file only if C2 loads each broadcast just before its FMAs. Counted by A's index, JDK
 * 25's C2 rewrote B's index from A's, dropped B's checks, and with the whole k step in one block it
 * loaded up to four broadcasts ahead, and spilled one or two accumulators to the stack on every k
 * step (the 6x2 kernels and the 5x2 row kernels). Counted by B's index, A keeps two checks (a step's
 * smallest and largest offset), which cost nothing measurable on JDK 17, and neither JDK spills
 * (nn-bench/scripts/c2-kernel-asm.py; docs/BENCHMARKS.md, tenth session). The AVX-512 kernels
 * count A's index: the defaults 8x2 and 12x2 spill neither way with 32 registers, and counted by B's 8x2's
 * loop grew from 47 to 48 lines of objdump on JDK 17 and from 41 to 47 on JDK 25. (JDK 25 does spill
 * one accumulator of the A-counted 8x3, which is no default.)
 *
 * <h2>Edge row panels</h2>
 * When m is not a multiple of MR, the last row panel is zero-padded, and a full kernel would spend
 * the padding rows' FMAs too. {@link #bufferedTile} computes such a panel two rows at a time
 * ({@link #rowPair}) when the blocking has two vectors per row.
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

    /**
     * Computes one MR × NR tile of A·B over {@code kc} steps with the given blocking and writes it
     * into {@code out} at {@code o}, row stride {@code ldo} (or, with {@code add}, adds it to what is
     * there). {@code out} is C itself for a whole tile with nothing else to do (C = AB on the first
     * k block, C += AB on later ones), or an MR × NR buffer that {@link #store} then combines with C.
     *
     * <p>The write and add variants are separate methods, not one method with a flag: C2 compiles a
     * branch it has not yet seen as a trap, and recompiling the kernel after the trap fired once
     * left it boxing its vectors (20× slower) in some runs.
     */
    static void tile(Blocking blocking, int kc, float[] ap, int aOff, float[] bp, int bOff,
                     float[] out, int o, int ldo, boolean add) {
        switch (blocking) {
            case B4X3:
                if (add) { tile4x3Add(kc, ap, aOff, bp, bOff, out, o, ldo); } else { tile4x3(kc, ap, aOff, bp, bOff, out, o, ldo); }
                break;
            case B5X2:
                if (add) { tile5x2Add(kc, ap, aOff, bp, bOff, out, o, ldo); } else { tile5x2(kc, ap, aOff, bp, bOff, out, o, ldo); }
                break;
            case B6X2:
                if (add) { tile6x2Add(kc, ap, aOff, bp, bOff, out, o, ldo); } else { tile6x2(kc, ap, aOff, bp, bOff, out, o, ldo); }
                break;
            case B8X2:
                if (add) { tile8x2Add(kc, ap, aOff, bp, bOff, out, o, ldo); } else { tile8x2(kc, ap, aOff, bp, bOff, out, o, ldo); }
                break;
            case B12X2:
                if (add) { tile12x2Add(kc, ap, aOff, bp, bOff, out, o, ldo); } else { tile12x2(kc, ap, aOff, bp, bOff, out, o, ldo); }
                break;
            case B8X3:
                if (add) { tile8x3Add(kc, ap, aOff, bp, bOff, out, o, ldo); } else { tile8x3(kc, ap, aOff, bp, bOff, out, o, ldo); }
                break;
            default:
                throw new IllegalStateException("no kernel for blocking " + blocking);
        }
    }

    /**
     * A tile whose first {@code rows} rows {@link #store} will combine with C (an edge row panel, or
     * a tile with an epilogue), written into {@code acc} (row stride NR). In an edge row panel the
     * last MR − rows rows are padding, and a full kernel would spend their FMAs too: with 6x2, an m of
     * 128 or 32 leaves a panel of 2 rows, 3 % of the product at m = 128 and 11 % at m = 32. With two
     * vectors per row, the rows are computed two at a time by {@link #rowPair} instead, when that
     * skips at least two padding rows; other blockings, and fuller panels, run the full kernel.
     */
    static void bufferedTile(Blocking blocking, int rows, int kc, float[] ap, int aOff, float[] bp, int bOff, float[] acc) {
        if (!pairsRows(blocking, rows)) {
            tile(blocking, kc, ap, aOff, bp, bOff, acc, 0, blocking.vectors * VL, false);
            return;
        }
        int nr = 2 * VL;
        for (int r = 0; r < rows; r += 2) {
            rowPair(blocking.rows, kc, ap, aOff + r, bp, bOff, acc, r * nr);
        }
    }

    /** Whether {@link #bufferedTile} computes a panel of {@code rows} rows two rows at a time. */
    static boolean pairsRows(Blocking blocking, int rows) {
        return blocking.vectors == 2 && rows <= blocking.rows - 2;
    }

    /**
     * Rows r and r + 1 of a tile with two vectors per row, from the packed A micro-panel at
     * {@code aOff} (= panel start + r; {@code mr} floats per k step) and the B micro-panel at
     * {@code bOff}, written into {@code acc} at {@code o} (row stride NR = 2 vectors). Four
     * accumulators would be four dependent FMA chains, half of what two FMA pipes with a latency of
     * 4 cycles need; even and odd k steps therefore go to separate accumulators (8 chains) and are
     * added at the end.
     */
    private static void rowPair(int mr, int kc, float[] ap, int aOff, float[] bp, int bOff, float[] acc, int o) {
        final int nr = 2 * VL;
        FloatVector z = FloatVector.zero(S);
        FloatVector e0_0 = z, e0_1 = z, e1_0 = z, e1_1 = z; // even k steps
        FloatVector d0_0 = z, d0_1 = z, d1_0 = z, d1_1 = z; // odd k steps
        int aEnd = aOff + (kc / 2) * 2 * mr;
        int bi = bOff;
        int ai = aOff;
        for (; ai < aEnd; ai += 2 * mr, bi += 2 * nr) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector b2 = FloatVector.fromArray(S, bp, bi + nr);
            FloatVector b3 = FloatVector.fromArray(S, bp, bi + nr + VL);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            e0_0 = a.fma(b0, e0_0);
            e0_1 = a.fma(b1, e0_1);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            e1_0 = a.fma(b0, e1_0);
            e1_1 = a.fma(b1, e1_1);
            a = FloatVector.broadcast(S, ap[ai + mr]);
            d0_0 = a.fma(b2, d0_0);
            d0_1 = a.fma(b3, d0_1);
            a = FloatVector.broadcast(S, ap[ai + mr + 1]);
            d1_0 = a.fma(b2, d1_0);
            d1_1 = a.fma(b3, d1_1);
        }
        if ((kc & 1) != 0) { // the last, unpaired k step
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            e0_0 = a.fma(b0, e0_0);
            e0_1 = a.fma(b1, e0_1);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            e1_0 = a.fma(b0, e1_0);
            e1_1 = a.fma(b1, e1_1);
        }
        e0_0.add(d0_0).intoArray(acc, o);
        e0_1.add(d0_1).intoArray(acc, o + VL);
        e1_0.add(d1_0).intoArray(acc, o + nr);
        e1_1.add(d1_1).intoArray(acc, o + nr + VL);
    }

    /** 4 rows × 3 vectors (12 accumulators, 16 registers live); writes the tile into out. */
    private static void tile4x3(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] out, int o, int ldo) {
        final int nr = 3 * VL;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c0_2 = z;
        FloatVector c1_0 = z, c1_1 = z, c1_2 = z;
        FloatVector c2_0 = z, c2_1 = z, c2_2 = z;
        FloatVector c3_0 = z, c3_1 = z, c3_2 = z;
        int bEnd = bOff + kc * nr;
        int ai = aOff;
        for (int bi = bOff; bi < bEnd; bi += nr, ai += 4) {
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
        c0_0.intoArray(out, o);
        c0_1.intoArray(out, o + VL);
        c0_2.intoArray(out, o + 2 * VL);
        c1_0.intoArray(out, o + ldo);
        c1_1.intoArray(out, o + ldo + VL);
        c1_2.intoArray(out, o + ldo + 2 * VL);
        c2_0.intoArray(out, o + 2 * ldo);
        c2_1.intoArray(out, o + 2 * ldo + VL);
        c2_2.intoArray(out, o + 2 * ldo + 2 * VL);
        c3_0.intoArray(out, o + 3 * ldo);
        c3_1.intoArray(out, o + 3 * ldo + VL);
        c3_2.intoArray(out, o + 3 * ldo + 2 * VL);
    }

    /** 4 rows × 3 vectors (12 accumulators, 16 registers live); adds the tile to out. */
    private static void tile4x3Add(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] out, int o, int ldo) {
        final int nr = 3 * VL;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c0_2 = z;
        FloatVector c1_0 = z, c1_1 = z, c1_2 = z;
        FloatVector c2_0 = z, c2_1 = z, c2_2 = z;
        FloatVector c3_0 = z, c3_1 = z, c3_2 = z;
        int bEnd = bOff + kc * nr;
        int ai = aOff;
        for (int bi = bOff; bi < bEnd; bi += nr, ai += 4) {
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
        c0_0.add(FloatVector.fromArray(S, out, o)).intoArray(out, o);
        c0_1.add(FloatVector.fromArray(S, out, o + VL)).intoArray(out, o + VL);
        c0_2.add(FloatVector.fromArray(S, out, o + 2 * VL)).intoArray(out, o + 2 * VL);
        c1_0.add(FloatVector.fromArray(S, out, o + ldo)).intoArray(out, o + ldo);
        c1_1.add(FloatVector.fromArray(S, out, o + ldo + VL)).intoArray(out, o + ldo + VL);
        c1_2.add(FloatVector.fromArray(S, out, o + ldo + 2 * VL)).intoArray(out, o + ldo + 2 * VL);
        c2_0.add(FloatVector.fromArray(S, out, o + 2 * ldo)).intoArray(out, o + 2 * ldo);
        c2_1.add(FloatVector.fromArray(S, out, o + 2 * ldo + VL)).intoArray(out, o + 2 * ldo + VL);
        c2_2.add(FloatVector.fromArray(S, out, o + 2 * ldo + 2 * VL)).intoArray(out, o + 2 * ldo + 2 * VL);
        c3_0.add(FloatVector.fromArray(S, out, o + 3 * ldo)).intoArray(out, o + 3 * ldo);
        c3_1.add(FloatVector.fromArray(S, out, o + 3 * ldo + VL)).intoArray(out, o + 3 * ldo + VL);
        c3_2.add(FloatVector.fromArray(S, out, o + 3 * ldo + 2 * VL)).intoArray(out, o + 3 * ldo + 2 * VL);
    }

    /** 6 rows × 2 vectors (12 accumulators, 15 registers live); writes the tile into out. */
    private static void tile6x2(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] out, int o, int ldo) {
        final int nr = 2 * VL;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z;
        FloatVector c5_0 = z, c5_1 = z;
        int bEnd = bOff + kc * nr;
        int ai = aOff;
        for (int bi = bOff; bi < bEnd; bi += nr, ai += 6) {
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
        c0_0.intoArray(out, o);
        c0_1.intoArray(out, o + VL);
        c1_0.intoArray(out, o + ldo);
        c1_1.intoArray(out, o + ldo + VL);
        c2_0.intoArray(out, o + 2 * ldo);
        c2_1.intoArray(out, o + 2 * ldo + VL);
        c3_0.intoArray(out, o + 3 * ldo);
        c3_1.intoArray(out, o + 3 * ldo + VL);
        c4_0.intoArray(out, o + 4 * ldo);
        c4_1.intoArray(out, o + 4 * ldo + VL);
        c5_0.intoArray(out, o + 5 * ldo);
        c5_1.intoArray(out, o + 5 * ldo + VL);
    }

    /** 6 rows × 2 vectors (12 accumulators, 15 registers live); adds the tile to out. */
    private static void tile6x2Add(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] out, int o, int ldo) {
        final int nr = 2 * VL;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z;
        FloatVector c5_0 = z, c5_1 = z;
        int bEnd = bOff + kc * nr;
        int ai = aOff;
        for (int bi = bOff; bi < bEnd; bi += nr, ai += 6) {
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
        c0_0.add(FloatVector.fromArray(S, out, o)).intoArray(out, o);
        c0_1.add(FloatVector.fromArray(S, out, o + VL)).intoArray(out, o + VL);
        c1_0.add(FloatVector.fromArray(S, out, o + ldo)).intoArray(out, o + ldo);
        c1_1.add(FloatVector.fromArray(S, out, o + ldo + VL)).intoArray(out, o + ldo + VL);
        c2_0.add(FloatVector.fromArray(S, out, o + 2 * ldo)).intoArray(out, o + 2 * ldo);
        c2_1.add(FloatVector.fromArray(S, out, o + 2 * ldo + VL)).intoArray(out, o + 2 * ldo + VL);
        c3_0.add(FloatVector.fromArray(S, out, o + 3 * ldo)).intoArray(out, o + 3 * ldo);
        c3_1.add(FloatVector.fromArray(S, out, o + 3 * ldo + VL)).intoArray(out, o + 3 * ldo + VL);
        c4_0.add(FloatVector.fromArray(S, out, o + 4 * ldo)).intoArray(out, o + 4 * ldo);
        c4_1.add(FloatVector.fromArray(S, out, o + 4 * ldo + VL)).intoArray(out, o + 4 * ldo + VL);
        c5_0.add(FloatVector.fromArray(S, out, o + 5 * ldo)).intoArray(out, o + 5 * ldo);
        c5_1.add(FloatVector.fromArray(S, out, o + 5 * ldo + VL)).intoArray(out, o + 5 * ldo + VL);
    }

    /** 5 rows × 2 vectors (10 accumulators, 13 registers live); writes the tile into out. */
    private static void tile5x2(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] out, int o, int ldo) {
        final int nr = 2 * VL;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z;
        int bEnd = bOff + kc * nr;
        int ai = aOff;
        for (int bi = bOff; bi < bEnd; bi += nr, ai += 5) {
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
        }
        c0_0.intoArray(out, o);
        c0_1.intoArray(out, o + VL);
        c1_0.intoArray(out, o + ldo);
        c1_1.intoArray(out, o + ldo + VL);
        c2_0.intoArray(out, o + 2 * ldo);
        c2_1.intoArray(out, o + 2 * ldo + VL);
        c3_0.intoArray(out, o + 3 * ldo);
        c3_1.intoArray(out, o + 3 * ldo + VL);
        c4_0.intoArray(out, o + 4 * ldo);
        c4_1.intoArray(out, o + 4 * ldo + VL);
    }

    /** 5 rows × 2 vectors (10 accumulators, 13 registers live); adds the tile to out. */
    private static void tile5x2Add(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] out, int o, int ldo) {
        final int nr = 2 * VL;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z;
        int bEnd = bOff + kc * nr;
        int ai = aOff;
        for (int bi = bOff; bi < bEnd; bi += nr, ai += 5) {
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
        }
        c0_0.add(FloatVector.fromArray(S, out, o)).intoArray(out, o);
        c0_1.add(FloatVector.fromArray(S, out, o + VL)).intoArray(out, o + VL);
        c1_0.add(FloatVector.fromArray(S, out, o + ldo)).intoArray(out, o + ldo);
        c1_1.add(FloatVector.fromArray(S, out, o + ldo + VL)).intoArray(out, o + ldo + VL);
        c2_0.add(FloatVector.fromArray(S, out, o + 2 * ldo)).intoArray(out, o + 2 * ldo);
        c2_1.add(FloatVector.fromArray(S, out, o + 2 * ldo + VL)).intoArray(out, o + 2 * ldo + VL);
        c3_0.add(FloatVector.fromArray(S, out, o + 3 * ldo)).intoArray(out, o + 3 * ldo);
        c3_1.add(FloatVector.fromArray(S, out, o + 3 * ldo + VL)).intoArray(out, o + 3 * ldo + VL);
        c4_0.add(FloatVector.fromArray(S, out, o + 4 * ldo)).intoArray(out, o + 4 * ldo);
        c4_1.add(FloatVector.fromArray(S, out, o + 4 * ldo + VL)).intoArray(out, o + 4 * ldo + VL);
    }

    /** 8 rows × 2 vectors (16 accumulators, 19 registers live); writes the tile into out. */
    private static void tile8x2(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] out, int o, int ldo) {
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
        int aEnd = aOff + kc * 8;
        int bi = bOff;
        for (int ai = aOff; ai < aEnd; ai += 8, bi += nr) {
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
        c0_0.intoArray(out, o);
        c0_1.intoArray(out, o + VL);
        c1_0.intoArray(out, o + ldo);
        c1_1.intoArray(out, o + ldo + VL);
        c2_0.intoArray(out, o + 2 * ldo);
        c2_1.intoArray(out, o + 2 * ldo + VL);
        c3_0.intoArray(out, o + 3 * ldo);
        c3_1.intoArray(out, o + 3 * ldo + VL);
        c4_0.intoArray(out, o + 4 * ldo);
        c4_1.intoArray(out, o + 4 * ldo + VL);
        c5_0.intoArray(out, o + 5 * ldo);
        c5_1.intoArray(out, o + 5 * ldo + VL);
        c6_0.intoArray(out, o + 6 * ldo);
        c6_1.intoArray(out, o + 6 * ldo + VL);
        c7_0.intoArray(out, o + 7 * ldo);
        c7_1.intoArray(out, o + 7 * ldo + VL);
    }

    /** 8 rows × 2 vectors (16 accumulators, 19 registers live); adds the tile to out. */
    private static void tile8x2Add(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] out, int o, int ldo) {
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
        int aEnd = aOff + kc * 8;
        int bi = bOff;
        for (int ai = aOff; ai < aEnd; ai += 8, bi += nr) {
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
        c0_0.add(FloatVector.fromArray(S, out, o)).intoArray(out, o);
        c0_1.add(FloatVector.fromArray(S, out, o + VL)).intoArray(out, o + VL);
        c1_0.add(FloatVector.fromArray(S, out, o + ldo)).intoArray(out, o + ldo);
        c1_1.add(FloatVector.fromArray(S, out, o + ldo + VL)).intoArray(out, o + ldo + VL);
        c2_0.add(FloatVector.fromArray(S, out, o + 2 * ldo)).intoArray(out, o + 2 * ldo);
        c2_1.add(FloatVector.fromArray(S, out, o + 2 * ldo + VL)).intoArray(out, o + 2 * ldo + VL);
        c3_0.add(FloatVector.fromArray(S, out, o + 3 * ldo)).intoArray(out, o + 3 * ldo);
        c3_1.add(FloatVector.fromArray(S, out, o + 3 * ldo + VL)).intoArray(out, o + 3 * ldo + VL);
        c4_0.add(FloatVector.fromArray(S, out, o + 4 * ldo)).intoArray(out, o + 4 * ldo);
        c4_1.add(FloatVector.fromArray(S, out, o + 4 * ldo + VL)).intoArray(out, o + 4 * ldo + VL);
        c5_0.add(FloatVector.fromArray(S, out, o + 5 * ldo)).intoArray(out, o + 5 * ldo);
        c5_1.add(FloatVector.fromArray(S, out, o + 5 * ldo + VL)).intoArray(out, o + 5 * ldo + VL);
        c6_0.add(FloatVector.fromArray(S, out, o + 6 * ldo)).intoArray(out, o + 6 * ldo);
        c6_1.add(FloatVector.fromArray(S, out, o + 6 * ldo + VL)).intoArray(out, o + 6 * ldo + VL);
        c7_0.add(FloatVector.fromArray(S, out, o + 7 * ldo)).intoArray(out, o + 7 * ldo);
        c7_1.add(FloatVector.fromArray(S, out, o + 7 * ldo + VL)).intoArray(out, o + 7 * ldo + VL);
    }

    /** 12 rows × 2 vectors (24 accumulators, 27 registers live); writes the tile into out. */
    private static void tile12x2(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] out, int o, int ldo) {
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
        int aEnd = aOff + kc * 12;
        int bi = bOff;
        for (int ai = aOff; ai < aEnd; ai += 12, bi += nr) {
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
        c0_0.intoArray(out, o);
        c0_1.intoArray(out, o + VL);
        c1_0.intoArray(out, o + ldo);
        c1_1.intoArray(out, o + ldo + VL);
        c2_0.intoArray(out, o + 2 * ldo);
        c2_1.intoArray(out, o + 2 * ldo + VL);
        c3_0.intoArray(out, o + 3 * ldo);
        c3_1.intoArray(out, o + 3 * ldo + VL);
        c4_0.intoArray(out, o + 4 * ldo);
        c4_1.intoArray(out, o + 4 * ldo + VL);
        c5_0.intoArray(out, o + 5 * ldo);
        c5_1.intoArray(out, o + 5 * ldo + VL);
        c6_0.intoArray(out, o + 6 * ldo);
        c6_1.intoArray(out, o + 6 * ldo + VL);
        c7_0.intoArray(out, o + 7 * ldo);
        c7_1.intoArray(out, o + 7 * ldo + VL);
        c8_0.intoArray(out, o + 8 * ldo);
        c8_1.intoArray(out, o + 8 * ldo + VL);
        c9_0.intoArray(out, o + 9 * ldo);
        c9_1.intoArray(out, o + 9 * ldo + VL);
        c10_0.intoArray(out, o + 10 * ldo);
        c10_1.intoArray(out, o + 10 * ldo + VL);
        c11_0.intoArray(out, o + 11 * ldo);
        c11_1.intoArray(out, o + 11 * ldo + VL);
    }

    /** 12 rows × 2 vectors (24 accumulators, 27 registers live); adds the tile to out. */
    private static void tile12x2Add(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] out, int o, int ldo) {
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
        int aEnd = aOff + kc * 12;
        int bi = bOff;
        for (int ai = aOff; ai < aEnd; ai += 12, bi += nr) {
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
        c0_0.add(FloatVector.fromArray(S, out, o)).intoArray(out, o);
        c0_1.add(FloatVector.fromArray(S, out, o + VL)).intoArray(out, o + VL);
        c1_0.add(FloatVector.fromArray(S, out, o + ldo)).intoArray(out, o + ldo);
        c1_1.add(FloatVector.fromArray(S, out, o + ldo + VL)).intoArray(out, o + ldo + VL);
        c2_0.add(FloatVector.fromArray(S, out, o + 2 * ldo)).intoArray(out, o + 2 * ldo);
        c2_1.add(FloatVector.fromArray(S, out, o + 2 * ldo + VL)).intoArray(out, o + 2 * ldo + VL);
        c3_0.add(FloatVector.fromArray(S, out, o + 3 * ldo)).intoArray(out, o + 3 * ldo);
        c3_1.add(FloatVector.fromArray(S, out, o + 3 * ldo + VL)).intoArray(out, o + 3 * ldo + VL);
        c4_0.add(FloatVector.fromArray(S, out, o + 4 * ldo)).intoArray(out, o + 4 * ldo);
        c4_1.add(FloatVector.fromArray(S, out, o + 4 * ldo + VL)).intoArray(out, o + 4 * ldo + VL);
        c5_0.add(FloatVector.fromArray(S, out, o + 5 * ldo)).intoArray(out, o + 5 * ldo);
        c5_1.add(FloatVector.fromArray(S, out, o + 5 * ldo + VL)).intoArray(out, o + 5 * ldo + VL);
        c6_0.add(FloatVector.fromArray(S, out, o + 6 * ldo)).intoArray(out, o + 6 * ldo);
        c6_1.add(FloatVector.fromArray(S, out, o + 6 * ldo + VL)).intoArray(out, o + 6 * ldo + VL);
        c7_0.add(FloatVector.fromArray(S, out, o + 7 * ldo)).intoArray(out, o + 7 * ldo);
        c7_1.add(FloatVector.fromArray(S, out, o + 7 * ldo + VL)).intoArray(out, o + 7 * ldo + VL);
        c8_0.add(FloatVector.fromArray(S, out, o + 8 * ldo)).intoArray(out, o + 8 * ldo);
        c8_1.add(FloatVector.fromArray(S, out, o + 8 * ldo + VL)).intoArray(out, o + 8 * ldo + VL);
        c9_0.add(FloatVector.fromArray(S, out, o + 9 * ldo)).intoArray(out, o + 9 * ldo);
        c9_1.add(FloatVector.fromArray(S, out, o + 9 * ldo + VL)).intoArray(out, o + 9 * ldo + VL);
        c10_0.add(FloatVector.fromArray(S, out, o + 10 * ldo)).intoArray(out, o + 10 * ldo);
        c10_1.add(FloatVector.fromArray(S, out, o + 10 * ldo + VL)).intoArray(out, o + 10 * ldo + VL);
        c11_0.add(FloatVector.fromArray(S, out, o + 11 * ldo)).intoArray(out, o + 11 * ldo);
        c11_1.add(FloatVector.fromArray(S, out, o + 11 * ldo + VL)).intoArray(out, o + 11 * ldo + VL);
    }

    /** 8 rows × 3 vectors (24 accumulators, 28 registers live); writes the tile into out. */
    private static void tile8x3(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] out, int o, int ldo) {
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
        int aEnd = aOff + kc * 8;
        int bi = bOff;
        for (int ai = aOff; ai < aEnd; ai += 8, bi += nr) {
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
        c0_0.intoArray(out, o);
        c0_1.intoArray(out, o + VL);
        c0_2.intoArray(out, o + 2 * VL);
        c1_0.intoArray(out, o + ldo);
        c1_1.intoArray(out, o + ldo + VL);
        c1_2.intoArray(out, o + ldo + 2 * VL);
        c2_0.intoArray(out, o + 2 * ldo);
        c2_1.intoArray(out, o + 2 * ldo + VL);
        c2_2.intoArray(out, o + 2 * ldo + 2 * VL);
        c3_0.intoArray(out, o + 3 * ldo);
        c3_1.intoArray(out, o + 3 * ldo + VL);
        c3_2.intoArray(out, o + 3 * ldo + 2 * VL);
        c4_0.intoArray(out, o + 4 * ldo);
        c4_1.intoArray(out, o + 4 * ldo + VL);
        c4_2.intoArray(out, o + 4 * ldo + 2 * VL);
        c5_0.intoArray(out, o + 5 * ldo);
        c5_1.intoArray(out, o + 5 * ldo + VL);
        c5_2.intoArray(out, o + 5 * ldo + 2 * VL);
        c6_0.intoArray(out, o + 6 * ldo);
        c6_1.intoArray(out, o + 6 * ldo + VL);
        c6_2.intoArray(out, o + 6 * ldo + 2 * VL);
        c7_0.intoArray(out, o + 7 * ldo);
        c7_1.intoArray(out, o + 7 * ldo + VL);
        c7_2.intoArray(out, o + 7 * ldo + 2 * VL);
    }

    /** 8 rows × 3 vectors (24 accumulators, 28 registers live); adds the tile to out. */
    private static void tile8x3Add(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] out, int o, int ldo) {
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
        int aEnd = aOff + kc * 8;
        int bi = bOff;
        for (int ai = aOff; ai < aEnd; ai += 8, bi += nr) {
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
        c0_0.add(FloatVector.fromArray(S, out, o)).intoArray(out, o);
        c0_1.add(FloatVector.fromArray(S, out, o + VL)).intoArray(out, o + VL);
        c0_2.add(FloatVector.fromArray(S, out, o + 2 * VL)).intoArray(out, o + 2 * VL);
        c1_0.add(FloatVector.fromArray(S, out, o + ldo)).intoArray(out, o + ldo);
        c1_1.add(FloatVector.fromArray(S, out, o + ldo + VL)).intoArray(out, o + ldo + VL);
        c1_2.add(FloatVector.fromArray(S, out, o + ldo + 2 * VL)).intoArray(out, o + ldo + 2 * VL);
        c2_0.add(FloatVector.fromArray(S, out, o + 2 * ldo)).intoArray(out, o + 2 * ldo);
        c2_1.add(FloatVector.fromArray(S, out, o + 2 * ldo + VL)).intoArray(out, o + 2 * ldo + VL);
        c2_2.add(FloatVector.fromArray(S, out, o + 2 * ldo + 2 * VL)).intoArray(out, o + 2 * ldo + 2 * VL);
        c3_0.add(FloatVector.fromArray(S, out, o + 3 * ldo)).intoArray(out, o + 3 * ldo);
        c3_1.add(FloatVector.fromArray(S, out, o + 3 * ldo + VL)).intoArray(out, o + 3 * ldo + VL);
        c3_2.add(FloatVector.fromArray(S, out, o + 3 * ldo + 2 * VL)).intoArray(out, o + 3 * ldo + 2 * VL);
        c4_0.add(FloatVector.fromArray(S, out, o + 4 * ldo)).intoArray(out, o + 4 * ldo);
        c4_1.add(FloatVector.fromArray(S, out, o + 4 * ldo + VL)).intoArray(out, o + 4 * ldo + VL);
        c4_2.add(FloatVector.fromArray(S, out, o + 4 * ldo + 2 * VL)).intoArray(out, o + 4 * ldo + 2 * VL);
        c5_0.add(FloatVector.fromArray(S, out, o + 5 * ldo)).intoArray(out, o + 5 * ldo);
        c5_1.add(FloatVector.fromArray(S, out, o + 5 * ldo + VL)).intoArray(out, o + 5 * ldo + VL);
        c5_2.add(FloatVector.fromArray(S, out, o + 5 * ldo + 2 * VL)).intoArray(out, o + 5 * ldo + 2 * VL);
        c6_0.add(FloatVector.fromArray(S, out, o + 6 * ldo)).intoArray(out, o + 6 * ldo);
        c6_1.add(FloatVector.fromArray(S, out, o + 6 * ldo + VL)).intoArray(out, o + 6 * ldo + VL);
        c6_2.add(FloatVector.fromArray(S, out, o + 6 * ldo + 2 * VL)).intoArray(out, o + 6 * ldo + 2 * VL);
        c7_0.add(FloatVector.fromArray(S, out, o + 7 * ldo)).intoArray(out, o + 7 * ldo);
        c7_1.add(FloatVector.fromArray(S, out, o + 7 * ldo + VL)).intoArray(out, o + 7 * ldo + VL);
        c7_2.add(FloatVector.fromArray(S, out, o + 7 * ldo + 2 * VL)).intoArray(out, o + 7 * ldo + 2 * VL);
    }

    // -------------------------------------------------------- kernels on row-major A panels

    /**
     * Floats between the rows of a row-major A panel ({@link #hasRowKernel}): the largest kc (512,
     * see {@link GemmConfig}), and 32 cache lines, so that with the AVX2 kc of 512 a panel is one
     * contiguous run, 3 lines in each of L1's 64 sets beside the B micro-panel's 8 (of 12 ways).
     * With 528 (33 lines) some sets held 6 lines of A.
     */
    static final int ROW_STRIDE = 512;

    /**
     * Whether {@code blocking} has kernels that read A from a row-major panel: the MR rows of a stored A
     * copied as they are, row r at {@code aOff + r·}{@link #ROW_STRIDE}, instead of interleaved (MR
     * floats per k step). Copying rows is a run of vector copies; interleaving a stored A is a
     * transpose, done with gathers (skipping it altogether made the MLP's 1-thread AVX2 products
     * about 10 % faster on the AVX-512 Xeon; row-major panels gained 3–6 % of it). The row stride is a constant, so each
     * broadcast still folds its row's offset into the address: the k loop is the interleaved one's,
     * with A's index stepping by 1 instead of MR (6x2 on JDK 17 and 25: the same 12 FMAs and 8
     * loads, no spills).
     *
     * <p>5x2 and 6x2 (AVX2's blockings) have them. AVX-512's 8x2 does not: with
     * row-major panels its 1024³ ran 4–10 % slower and the MLP shapes no faster, because its row kernel,
     * reading 8 rows, ran 5–8 % slower than the interleaved one (both timed with packing skipped,
     * 128×784·784×256), which ate what the cheaper packing saved.
     */
    static boolean hasRowKernel(Blocking blocking) {
        return blocking == Blocking.B5X2 || blocking == Blocking.B6X2;
    }

    /**
     * {@link #tile}, with A read from a row-major panel at {@code aOff} (see {@link #hasRowKernel}); a
     * whole panel of MR rows.
     */
    static void tileRows(Blocking blocking, int kc, float[] ap, int aOff, float[] bp, int bOff,
                         float[] out, int o, int ldo, boolean add) {
        switch (blocking) {
            case B5X2:
                if (add) { rows5x2Add(kc, ap, aOff, bp, bOff, out, o, ldo); } else { rows5x2(kc, ap, aOff, bp, bOff, out, o, ldo); }
                break;
            case B6X2:
                if (add) { rows6x2Add(kc, ap, aOff, bp, bOff, out, o, ldo); } else { rows6x2(kc, ap, aOff, bp, bOff, out, o, ldo); }
                break;
            default:
                throw new IllegalStateException("no row-panel kernel for blocking " + blocking);
        }
    }

    /** 5 rows × 2 vectors from a row-major A panel (10 accumulators, 13 registers live); writes the tile into out. */
    private static void rows5x2(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] out, int o, int ldo) {
        final int nr = 2 * VL;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z;
        int bEnd = bOff + kc * nr;
        int ai = aOff;
        for (int bi = bOff; bi < bEnd; bi += nr, ai++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            c0_0 = a.fma(b0, c0_0);
            c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, ap[ai + ROW_STRIDE]);
            c1_0 = a.fma(b0, c1_0);
            c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2 * ROW_STRIDE]);
            c2_0 = a.fma(b0, c2_0);
            c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3 * ROW_STRIDE]);
            c3_0 = a.fma(b0, c3_0);
            c3_1 = a.fma(b1, c3_1);
            a = FloatVector.broadcast(S, ap[ai + 4 * ROW_STRIDE]);
            c4_0 = a.fma(b0, c4_0);
            c4_1 = a.fma(b1, c4_1);
        }
        c0_0.intoArray(out, o);
        c0_1.intoArray(out, o + VL);
        c1_0.intoArray(out, o + ldo);
        c1_1.intoArray(out, o + ldo + VL);
        c2_0.intoArray(out, o + 2 * ldo);
        c2_1.intoArray(out, o + 2 * ldo + VL);
        c3_0.intoArray(out, o + 3 * ldo);
        c3_1.intoArray(out, o + 3 * ldo + VL);
        c4_0.intoArray(out, o + 4 * ldo);
        c4_1.intoArray(out, o + 4 * ldo + VL);
    }

    /** 5 rows × 2 vectors from a row-major A panel (10 accumulators, 13 registers live); adds the tile to out. */
    private static void rows5x2Add(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] out, int o, int ldo) {
        final int nr = 2 * VL;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z;
        int bEnd = bOff + kc * nr;
        int ai = aOff;
        for (int bi = bOff; bi < bEnd; bi += nr, ai++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            c0_0 = a.fma(b0, c0_0);
            c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, ap[ai + ROW_STRIDE]);
            c1_0 = a.fma(b0, c1_0);
            c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2 * ROW_STRIDE]);
            c2_0 = a.fma(b0, c2_0);
            c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3 * ROW_STRIDE]);
            c3_0 = a.fma(b0, c3_0);
            c3_1 = a.fma(b1, c3_1);
            a = FloatVector.broadcast(S, ap[ai + 4 * ROW_STRIDE]);
            c4_0 = a.fma(b0, c4_0);
            c4_1 = a.fma(b1, c4_1);
        }
        c0_0.add(FloatVector.fromArray(S, out, o)).intoArray(out, o);
        c0_1.add(FloatVector.fromArray(S, out, o + VL)).intoArray(out, o + VL);
        c1_0.add(FloatVector.fromArray(S, out, o + ldo)).intoArray(out, o + ldo);
        c1_1.add(FloatVector.fromArray(S, out, o + ldo + VL)).intoArray(out, o + ldo + VL);
        c2_0.add(FloatVector.fromArray(S, out, o + 2 * ldo)).intoArray(out, o + 2 * ldo);
        c2_1.add(FloatVector.fromArray(S, out, o + 2 * ldo + VL)).intoArray(out, o + 2 * ldo + VL);
        c3_0.add(FloatVector.fromArray(S, out, o + 3 * ldo)).intoArray(out, o + 3 * ldo);
        c3_1.add(FloatVector.fromArray(S, out, o + 3 * ldo + VL)).intoArray(out, o + 3 * ldo + VL);
        c4_0.add(FloatVector.fromArray(S, out, o + 4 * ldo)).intoArray(out, o + 4 * ldo);
        c4_1.add(FloatVector.fromArray(S, out, o + 4 * ldo + VL)).intoArray(out, o + 4 * ldo + VL);
    }

    /** 6 rows × 2 vectors from a row-major A panel (12 accumulators, 15 registers live); writes the tile into out. */
    private static void rows6x2(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] out, int o, int ldo) {
        final int nr = 2 * VL;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z;
        FloatVector c5_0 = z, c5_1 = z;
        int bEnd = bOff + kc * nr;
        int ai = aOff;
        for (int bi = bOff; bi < bEnd; bi += nr, ai++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            c0_0 = a.fma(b0, c0_0);
            c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, ap[ai + ROW_STRIDE]);
            c1_0 = a.fma(b0, c1_0);
            c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2 * ROW_STRIDE]);
            c2_0 = a.fma(b0, c2_0);
            c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3 * ROW_STRIDE]);
            c3_0 = a.fma(b0, c3_0);
            c3_1 = a.fma(b1, c3_1);
            a = FloatVector.broadcast(S, ap[ai + 4 * ROW_STRIDE]);
            c4_0 = a.fma(b0, c4_0);
            c4_1 = a.fma(b1, c4_1);
            a = FloatVector.broadcast(S, ap[ai + 5 * ROW_STRIDE]);
            c5_0 = a.fma(b0, c5_0);
            c5_1 = a.fma(b1, c5_1);
        }
        c0_0.intoArray(out, o);
        c0_1.intoArray(out, o + VL);
        c1_0.intoArray(out, o + ldo);
        c1_1.intoArray(out, o + ldo + VL);
        c2_0.intoArray(out, o + 2 * ldo);
        c2_1.intoArray(out, o + 2 * ldo + VL);
        c3_0.intoArray(out, o + 3 * ldo);
        c3_1.intoArray(out, o + 3 * ldo + VL);
        c4_0.intoArray(out, o + 4 * ldo);
        c4_1.intoArray(out, o + 4 * ldo + VL);
        c5_0.intoArray(out, o + 5 * ldo);
        c5_1.intoArray(out, o + 5 * ldo + VL);
    }

    /** 6 rows × 2 vectors from a row-major A panel (12 accumulators, 15 registers live); adds the tile to out. */
    private static void rows6x2Add(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] out, int o, int ldo) {
        final int nr = 2 * VL;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z;
        FloatVector c1_0 = z, c1_1 = z;
        FloatVector c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z;
        FloatVector c5_0 = z, c5_1 = z;
        int bEnd = bOff + kc * nr;
        int ai = aOff;
        for (int bi = bOff; bi < bEnd; bi += nr, ai++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + VL);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            c0_0 = a.fma(b0, c0_0);
            c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, ap[ai + ROW_STRIDE]);
            c1_0 = a.fma(b0, c1_0);
            c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2 * ROW_STRIDE]);
            c2_0 = a.fma(b0, c2_0);
            c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3 * ROW_STRIDE]);
            c3_0 = a.fma(b0, c3_0);
            c3_1 = a.fma(b1, c3_1);
            a = FloatVector.broadcast(S, ap[ai + 4 * ROW_STRIDE]);
            c4_0 = a.fma(b0, c4_0);
            c4_1 = a.fma(b1, c4_1);
            a = FloatVector.broadcast(S, ap[ai + 5 * ROW_STRIDE]);
            c5_0 = a.fma(b0, c5_0);
            c5_1 = a.fma(b1, c5_1);
        }
        c0_0.add(FloatVector.fromArray(S, out, o)).intoArray(out, o);
        c0_1.add(FloatVector.fromArray(S, out, o + VL)).intoArray(out, o + VL);
        c1_0.add(FloatVector.fromArray(S, out, o + ldo)).intoArray(out, o + ldo);
        c1_1.add(FloatVector.fromArray(S, out, o + ldo + VL)).intoArray(out, o + ldo + VL);
        c2_0.add(FloatVector.fromArray(S, out, o + 2 * ldo)).intoArray(out, o + 2 * ldo);
        c2_1.add(FloatVector.fromArray(S, out, o + 2 * ldo + VL)).intoArray(out, o + 2 * ldo + VL);
        c3_0.add(FloatVector.fromArray(S, out, o + 3 * ldo)).intoArray(out, o + 3 * ldo);
        c3_1.add(FloatVector.fromArray(S, out, o + 3 * ldo + VL)).intoArray(out, o + 3 * ldo + VL);
        c4_0.add(FloatVector.fromArray(S, out, o + 4 * ldo)).intoArray(out, o + 4 * ldo);
        c4_1.add(FloatVector.fromArray(S, out, o + 4 * ldo + VL)).intoArray(out, o + 4 * ldo + VL);
        c5_0.add(FloatVector.fromArray(S, out, o + 5 * ldo)).intoArray(out, o + 5 * ldo);
        c5_1.add(FloatVector.fromArray(S, out, o + 5 * ldo + VL)).intoArray(out, o + 5 * ldo + VL);
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
