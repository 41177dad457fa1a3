package nnj.backend.simd;

/**
 * How {@link Sgemm} blocks its loops on this machine: the register blocking of the micro-kernel,
 * the vector width the JIT compiles to, and the cache block sizes, with the reason for each.
 *
 * <p><b>Width and registers.</b> {@code FloatVector.SPECIES_PREFERRED} is the widest species C2
 * compiles to here, and it follows {@code -XX:UseAVX}: 16 floats (512 bits) means AVX-512 and its
 * 32 vector registers, 8 floats means AVX2 (or AVX) and 16 registers. Asking the JVM rather than
 * {@code /proc/cpuinfo} matters: under {@code -XX:UseAVX=2} an AVX-512 CPU still lists avx512f,
 * but a 512-bit species would run the Vector API's slow Java fallback.
 *
 * <p><b>Register blocking.</b> One that leaves no accumulator spilled. With 32 registers,
 * {@link #WIDE_DEFAULT} (8x2), and {@link #WIDE_TALL} (12x2) for products of at least
 * {@link #TALL_MIN_ROWS} rows ({@link #tall}). 12x2 spends its loop's index updates, bounds checks
 * and branch on 24 FMAs instead of 16, and ran 4–6 % faster at 256, 784 and 1,024 rows (1 thread,
 * AVX-512 Xeon, docs/BENCHMARKS.md); but 128 rows are 11 of its panels, one of them padded, which
 * two threads cannot share evenly (the batch-128 step was 4 % slower on 12x2 alone), where 8x2
 * has 16 whole panels. The rows alone decide, so a product gives the same bits on any thread
 * count. (Not always the bits 8x2 alone would give: the rows of an edge panel that
 * {@code MicroKernel.rowPair} computes sum even and odd k steps apart, and which rows those are
 * depends on MR.) With 16 registers, {@link #NARROW_DEFAULT}: 12 accumulators,
 * 2 B vectors and 2 broadcasts in flight fill the register file exactly, so 6x2 fits only if C2
 * does not load more of a k step's broadcasts ahead of their FMAs. JDK 25's C2 did, in loops
 * counted by A's index: it loaded up to four and spilled one or two accumulators on every k step
 * (its 1-thread AVX2 GEMMs ran at 55–62 GFLOPS against 76–88 with 5x2). The 16-register kernels
 * now count B's index ({@link MicroKernel}, "Which index counts the loop"), and neither JDK 17's nor JDK 25's C2 spills any 5x2
 * or 6x2 kernel. A JIT we have not measured may still schedule its own way:
 * {@code nn-bench/scripts/c2-kernel-asm.py} prints any blocking's compiled k loop and its spills,
 * and the system property {@value #BLOCKING_PROPERTY} forces another blocking
 * ({@code -Dnnj.simd.blocking=5x2}: 10 accumulators, room for three more broadcasts). The property
 * also lets every blocking be run and tested at the native width on any machine.
 *
 * <p><b>Row-major A panels.</b> 5x2 and 6x2 have kernels that read a stored A from row-major
 * panels, which cost a copy to pack where interleaved panels cost a transpose
 * ({@link MicroKernel#hasRowKernel}); they are the default wherever the blocking has them.
 * {@value #ROW_MAJOR_A_PROPERTY}{@code =true|false} forces the choice. kc is at most
 * {@link MicroKernel#ROW_STRIDE}, the floats between the rows of such a panel.
 *
 * <p><b>Cache blocks.</b> kc, the k block, keeps the B micro-panel (kc × NR floats) in two thirds of
 * L1d, where every A micro-panel of the task meets it; mc, the rows of the A block, keeps mc × kc
 * floats in half of L2, where every B micro-panel reuses it. When k takes several blocks, {@link Sgemm}
 * lowers mc per product so that the task's block of C (mc × n) stays in that half of L2 too. The
 * properties {@value #KC_PROPERTY} and {@value #MC_PROPERTY} (in rows) override them, for tuning.
 * Measured on an AVX-512 Xeon (48 KiB L1d): kc 512 with AVX2's 6x2 and 256 with AVX-512's 8x2,
 * which is what the rule gives.
 *
 * @param blocking  the micro-kernel's register blocking
 * @param lanes     floats per vector of the preferred species
 * @param kc        largest k block
 * @param mcPanels  row micro-panels per A block
 * @param rowMajorA whether a stored A is packed in row-major panels for the blocking's row kernels
 * @param tall      the configuration for products of at least {@link #TALL_MIN_ROWS} rows, or null
 *                  when this one serves every product
 * @param reason    one line: what was chosen and why
 */
record GemmConfig(Blocking blocking, int lanes, int kc, int mcPanels, boolean rowMajorA, GemmConfig tall, String reason) {
    static final String BLOCKING_PROPERTY = "nnj.simd.blocking";
    static final String KC_PROPERTY = "nnj.simd.kc";
    static final String MC_PROPERTY = "nnj.simd.mc";
    static final String ROW_MAJOR_A_PROPERTY = "nnj.simd.rowMajorA";

    /** The blocking for a 32-register file (see the class comment and docs/BENCHMARKS.md). */
    static final Blocking WIDE_DEFAULT = Blocking.B8X2;
    /** The blocking for a 32-register file's products of at least {@link #TALL_MIN_ROWS} rows. */
    static final Blocking WIDE_TALL = Blocking.B12X2;
    /** Rows of C from which a product takes the {@link #tall} configuration, when there is one. */
    static final int TALL_MIN_ROWS = 256;
    /** The blocking for a 16-register file (see the class comment). */
    static final Blocking NARROW_DEFAULT = Blocking.B6X2;

    GemmConfig {
        if (rowMajorA && (kc > MicroKernel.ROW_STRIDE || !MicroKernel.hasRowKernel(blocking))) {
            throw new IllegalArgumentException("row-major A panels need a blocking with row kernels and kc ≤ "
                    + MicroKernel.ROW_STRIDE + "; got " + blocking.label() + " and kc " + kc);
        }
        if (tall != null && (tall.tall() != null || tall.lanes() != lanes)) {
            throw new IllegalArgumentException("a tall configuration has the same width and no tall one of its own");
        }
    }

    /** A configuration that serves every product itself. */
    GemmConfig(Blocking blocking, int lanes, int kc, int mcPanels, boolean rowMajorA, String reason) {
        this(blocking, lanes, kc, mcPanels, rowMajorA, null, reason);
    }

    /** Rows of C per micro-tile. */
    int mr() {
        return blocking.rows;
    }

    /** Columns of C per micro-tile. */
    int nr() {
        return blocking.vectors * lanes;
    }

    /** The configuration for this JVM: system properties, then the preferred species and the caches. */
    static GemmConfig detect() {
        return choose(System.getProperty(BLOCKING_PROPERTY), MicroKernel.VL, CacheSizes.detect(),
                Integer.getInteger(KC_PROPERTY, 0), Integer.getInteger(MC_PROPERTY, 0), System.getProperty(ROW_MAJOR_A_PROPERTY));
    }

    /**
     * The configuration for the given facts (a pure function, for tests): 0 means "derive" for kc
     * and mc, null "by the rule" for {@code rowMajorAForced} ("true" or "false").
     */
    static GemmConfig choose(String forced, int lanes, CacheSizes caches, int kcOverride, int mcOverride,
                             String rowMajorAForced) {
        int registers = lanes >= 16 ? 32 : 16;
        if (forced != null && !forced.isBlank()) {
            return build(Blocking.parse(forced), "forced by -D" + BLOCKING_PROPERTY, null, lanes, caches,
                    kcOverride, mcOverride, rowMajorAForced);
        }
        if (registers == 32) {
            GemmConfig tall = build(WIDE_TALL, "for products of " + TALL_MIN_ROWS + " rows or more", null, lanes, caches,
                    kcOverride, mcOverride, rowMajorAForced);
            return build(WIDE_DEFAULT, "the default for 32 registers", tall, lanes, caches, kcOverride, mcOverride,
                    rowMajorAForced);
        }
        return build(NARROW_DEFAULT, "the default for 16 registers", null, lanes, caches, kcOverride, mcOverride,
                rowMajorAForced);
    }

    /** The configuration of one blocking, chosen for {@code why}, with {@code tall} for the tall products. */
    private static GemmConfig build(Blocking blocking, String why, GemmConfig tall, int lanes, CacheSizes caches,
                                    int kcOverride, int mcOverride, String rowMajorAForced) {
        int registers = lanes >= 16 ? 32 : 16;
        boolean rowMajorA;
        String rowWhy;
        boolean forcedRows = rowMajorAForced != null && !rowMajorAForced.isBlank();
        boolean wanted = !forcedRows || parseBoolean(rowMajorAForced);
        if (!MicroKernel.hasRowKernel(blocking)) {
            rowMajorA = false;
            rowWhy = "no row kernel for " + blocking.label() + (forcedRows ? "; -D" + ROW_MAJOR_A_PROPERTY + " ignored" : "");
        } else {
            rowMajorA = wanted;
            rowWhy = forcedRows ? "forced by -D" + ROW_MAJOR_A_PROPERTY : "the default";
        }
        int nr = blocking.vectors * lanes;
        int kc = kcOverride > 0 ? kcOverride : roundDown(caches.l1d() * 2 / 3 / (Float.BYTES * nr), 16);
        kc = Math.max(64, Math.min(MicroKernel.ROW_STRIDE, kc)); // at most 512 floats, the row stride of a row-major A panel
        int mc = mcOverride > 0 ? mcOverride : caches.l2() / 2 / (Float.BYTES * kc);
        int mcPanels = Math.max(1, mc / blocking.rows);
        String isa = lanes >= 16 ? "AVX-512" : lanes == 8 ? "AVX2" : lanes * 32 + "-bit";
        String tallWhy = tall == null ? "" : String.format(java.util.Locale.ROOT,
                "; and %s = %dx%d floats (%d accumulators) for products of %d rows or more, kc %d",
                tall.blocking().label(), tall.mr(), tall.nr(), tall.mr() * tall.blocking().vectors, TALL_MIN_ROWS, tall.kc());
        String reason = String.format(java.util.Locale.ROOT,
                "kernel %s = %dx%d floats (%d accumulators, %d of %d %s registers; %s), A in %s panels (%s), kc %d, mc %d or fewer (L1d %s, L2 %s, %s)%s",
                blocking.label(), blocking.rows, nr, blocking.rows * blocking.vectors, blocking.registers(),
                registers, isa, why, rowMajorA ? "row-major" : "interleaved", rowWhy, kc, mcPanels * blocking.rows,
                CacheSizes.format(caches.l1d()), CacheSizes.format(caches.l2()), caches.source(), tallWhy);
        return new GemmConfig(blocking, lanes, kc, mcPanels, rowMajorA, tall, reason);
    }

    private static boolean parseBoolean(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("-D" + ROW_MAJOR_A_PROPERTY + ": expected true or false, got '" + value
                    + "'; use true or false, or leave it unset for the default");
        }
        return v.equals("true");
    }

    private static int roundDown(int x, int multiple) {
        return x / multiple * multiple;
    }
}
