package nnj.backend.simd;

import java.util.Locale;

/**
 * A register blocking of the SGEMM micro-kernel: {@link #rows} rows of C by {@link #vectors} vectors
 * of columns, in whatever vector width the JVM compiles to. "6x2" is 6 × 16 floats with AVX2 (8
 * floats a vector) and 6 × 32 with AVX-512; the blocking is therefore a parameter of its own,
 * separate from the width, and every blocking runs (and is tested) at the machine's native width.
 *
 * <p>Each k step keeps rows × vectors accumulators, {@code vectors} B vectors and one broadcast A
 * value live: {@link #registers()} of them. A blocking fits a register file when that is at most
 * its size; past it, C2 spills accumulators to the stack inside the hot loop.
 */
enum Blocking {
    /** 12 accumulators: fits AVX2's 16 registers (3 B vectors). */
    B4X3(4, 3),
    /** 10 accumulators: 13 registers, leaving AVX2 room for C2 to keep extra broadcasts live. */
    B5X2(5, 2),
    /** 12 accumulators: fits AVX2's 16 registers (the classic Haswell shape, 6 × 16) with its k loop counted by B's index (see MicroKernel). */
    B6X2(6, 2),
    /** 16 accumulators: 19 registers, for AVX-512's 32 (spills on AVX2). */
    B8X2(8, 2),
    /** 24 accumulators: 27 registers, for AVX-512's 32. */
    B12X2(12, 2),
    /** 24 accumulators: 28 registers, for AVX-512's 32. */
    B8X3(8, 3);

    /** Rows of C per micro-tile (MR). */
    final int rows;
    /** Vectors of C columns per micro-tile (NR = vectors × lanes). */
    final int vectors;

    Blocking(int rows, int vectors) {
        this.rows = rows;
        this.vectors = vectors;
    }

    /** Vector registers live in the k loop: accumulators, B vectors and one broadcast. */
    int registers() {
        return rows * vectors + vectors + 1;
    }

    /** "6x2": rows x vectors, the form the property {@code nnj.simd.blocking} takes. */
    String label() {
        return rows + "x" + vectors;
    }

    /** The blocking named {@code label} ("6x2"), or a one-line error listing the valid ones. */
    static Blocking parse(String label) {
        String s = label.trim().toLowerCase(Locale.ROOT);
        for (Blocking b : values()) {
            if (b.label().equals(s)) {
                return b;
            }
        }
        StringBuilder valid = new StringBuilder();
        for (Blocking b : values()) {
            valid.append(valid.length() == 0 ? "" : ", ").append(b.label());
        }
        throw new IllegalArgumentException("nnj.simd.blocking: unknown register blocking '" + label
                + "' (rows x vectors); use one of " + valid);
    }
}
