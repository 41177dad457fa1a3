package nnj.backend.simd;

import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.FloatVector;

/**
 * BLIS-style SGEMM on row-major {@code float[]}: {@code C = alpha·op(A)·op(B) + beta·C}, optionally
 * followed by a fused epilogue (bias row vector, ReLU) applied as the last k block is stored. The
 * register blocking (MR × NR) and the cache blocks (kc, mc) come from a {@link GemmConfig}.
 *
 * <h2>Two phases, two barriers</h2>
 * <pre>
 * phase 1 (parallel, units from a counter):
 *   pack op(B) → Bp   NR-column micro-panels over the whole of k, zero-padded (a stored B in row bands)
 *   pack op(A) → Ap   MR-row micro-panels over the whole of k, interleaved and zero-padded, one slot
 *                     per k block; not when A goes into row-major panels (see below)
 * phase 2 (parallel, tasks from a counter; a task is rowBlock row panels × colBlock column panels):
 *   for pc in k, step kc               k blocks, balanced so the last is not tiny
 *     [pack the task's A block]        row-major panels of this k block, into the thread's buffer
 *     for jp over the task's column panels       B micro-panel kc × NR: L1
 *       for ip over the task's row panels        A block rowBlock·MR × kc: L2
 *         micro-kernel MR × NR, written or added straight into C when the tile is whole and
 *         plain, else through a small buffer ({@link MicroKernel#store}: alpha, beta, edges,
 *         and the bias/ReLU epilogue on the last k block)
 *   (or, when the task's A for all of k fits where one A block would: pack all of it, then for jp,
 *   for pc, for ip; each tile's k blocks follow each other, and its C comes back from L1)
 * </pre>
 * Packing all of k at once costs (m + n)·k floats of buffer but leaves one pack and one compute
 * phase per call, instead of a pair per k block: a worker that the OS deschedules (2 cores shared
 * with other processes) can stall the caller at most twice per product, not at every k block.
 * A stored A in row-major panels ({@link GemmConfig#rowMajorA}) is the exception: copying rows is
 * cheap, so each task packs its own A block just before the kernels read it, and finds it in L2
 * (packed in phase 1, all 4 MB of A at 1024³ came back from memory: AVX2, 1 thread, 0.80 → 0.85
 * of OpenBLAS, medians of 6 interleaved rounds on the AVX-512 Xeon). Interleaving is a transpose
 * (gathers, 0.19 ns a float natively): done per task, the tasks that share rows (a column split)
 * would each do it again, so interleaved panels are still packed once, in phase 1.
 * On one thread with one task there is nobody to wait for, and each k block of A and B is packed
 * just before it is computed, into buffers of one block (see {@link #computeRange}).
 *
 * <h2>Split products</h2>
 * Products whose rows fit one A block (the MLP's: m is a batch or a layer width) are instead cut
 * into one part of C per thread, each computed the one-thread way on its own buffers
 * ({@link #worthSplitting}): the operand each part needs in full (a weight, or the smaller one) is
 * packed by every part, but every panel is packed by the core that uses it, just before. Measured
 * on the AVX-512 Xeon, 2 threads: the MLP's products +5–30% (AVX2 128×784·784×256: 123 → 150
 * GFLOPS), the batch-512 training step +8–12%. The parts still come from a counter, so a worker
 * that has not started yet leaves its part to the caller.
 *
 * <h2>Tall products</h2>
 * When the configuration has a {@link GemmConfig#tall} blocking (AVX-512: 12x2 beside 8x2),
 * products of at least {@link GemmConfig#TALL_MIN_ROWS} rows go to a second Sgemm built on it, with
 * buffers of its own. The rows alone decide, so a product takes the same path on any thread count.
 *
 * <h2>Threads and determinism</h2>
 * Threads take packing units and compute tasks from shared counters, so a thread that the OS
 * delays leaves its work to the others. Every element of C is computed by one task (or part), k
 * block after k block (the same balanced blocks on every path), with the same micro-kernel on the
 * same packed values, whichever thread runs it: results are bitwise identical for any thread count,
 * any path and any timing.
 *
 * <h2>Allocation</h2>
 * Packing buffers and per-thread accumulator tiles grow when a bigger problem arrives and are reused after;
 * the parallel jobs are preallocated objects. A warm call allocates nothing. Not thread-safe: one
 * caller at a time, like the backend.
 */
final class Sgemm {
    /** At most this many rows of C take the unpacked small-M path. */
    static final int SMALL_M = 4;
    /** Below this many flops (2mnk) a gemm stays on the caller's thread: hand-off would cost more. */
    static final long PARALLEL_MIN_FLOPS = 2_000_000L;
    /**
     * Compute tasks wanted per thread: the last task of a product leaves the other threads idle for
     * half a task on average, and a thread that the OS delays holds at most one; more tasks mean
     * less of both, and less reuse of each packed panel. Tunable with -Dnnj.simd.tasksPerThread.
     */
    static final int TASKS_PER_THREAD = Integer.getInteger("nnj.simd.tasksPerThread", 4);
    /** A split product with a stored A of at least this many rows is cut by rows (see worthSplitting). */
    static final int ROW_SPLIT_MIN_ROWS = 128;
    /** Rows of a stored B per packing unit: enough work to pay for taking a unit, several units per thread. */
    static final int B_BAND_ROWS = 64;

    private final GemmConfig config;
    /** The products of at least {@link GemmConfig#TALL_MIN_ROWS} rows, when the config has a tall blocking; else null. */
    private final Sgemm tall;
    private final Blocking blocking;
    private final int mr;
    private final int nr;
    /** Whether a micro-panel of B is three vectors wide (else two: every blocking is one or the other). */
    private final boolean threeVectors;

    private final WorkerPool.Job packJob = this::packPart;
    private final WorkerPool.Job computeJob = this::computePart;
    private final WorkerPool.Job splitJob = this::splitPart;

    private float[] ap = new float[0];
    private float[] bp = new float[0];
    private float[][] accTiles = new float[0][];
    // One k block of packed A and B for each part of a split product (see splitPart); partAp also
    // holds each thread's A block in the two-phase path when A goes into row-major panels.
    private float[][] partAp = new float[0][];
    private float[][] partBp = new float[0][];
    private float[] rowScratch = new float[0];
    /** {0, k, 2k, …}: where VL consecutive rows of a stored Bᵀ start, for gathering one of its columns. */
    private final int[] rowStarts = new int[MicroKernel.VL];
    /**
     * Floats per gather when packing a stored A: one vector of the preferred species. (A 256-bit
     * gather under AVX-512 on JDK 17 is not intrinsified: it allocated and ran 20× slower.)
     */
    private static final int GATHER = MicroKernel.VL;
    /** Gathers need AVX2 (8 floats a vector); narrower machines pack A one float at a time. */
    private static final boolean GATHER_A = MicroKernel.VL >= 8;
    /** K steps per repeat of the gather pattern: lcm(MR, VL) / MR. */
    private final int aGatherSteps;
    /** lcm(MR, VL) gather indices for a stored A with rows k floats apart (see packRowsGathered). */
    private final int[] aGatherMaps;
    private int aGatherK = -1;
    /** Cᵀ of a narrow product (see {@link #narrow}); grows when needed, then reused. */
    private float[] narrowScratch = new float[0];

    // The current call's arguments, read by the parallel jobs.
    private boolean transA;
    private boolean transB;
    private int m;
    private int n;
    private int k;
    private float alpha;
    private float beta;
    private float[] a;
    private float[] b;
    private float[] c;
    private float[] bias;
    private boolean relu;
    private int kcMax;
    /** k blocks of this call: ceil(k / kcMax), the count every loop over pc in steps of kcMax makes. */
    private int kBlocks;
    // The task grid of the compute phase: blocks of rowBlock row panels × colBlock column panels.
    private int rowBlock;
    private int colBlock;
    private int tasks;
    private final AtomicInteger nextPackUnit = new AtomicInteger();
    private final AtomicInteger nextTask = new AtomicInteger();
    private final AtomicInteger nextSplit = new AtomicInteger();
    /** Whether a split product is cut into parts by rows (else by columns); see {@link #worthSplitting}. */
    private boolean splitByRows;
    /**
     * Whether whole micro-panels of a stored (not transposed) A are packed row-major, MR rows
     * {@link MicroKernel#ROW_STRIDE} floats apart, for the blocking's row kernels (see
     * {@link MicroKernel#hasRowKernel} and {@link GemmConfig#rowMajorA}); else, and for a stored Aᵀ
     * and edge panels, interleaved. See {@link #isRowMajor}.
     */
    private final boolean rowMajorA;

    Sgemm(GemmConfig config) {
        this.config = config;
        this.tall = config.tall() == null ? null : new Sgemm(config.tall());
        this.blocking = config.blocking();
        this.mr = config.mr();
        this.nr = config.nr();
        this.threeVectors = blocking.vectors == 3;
        this.rowMajorA = config.rowMajorA(); // GemmConfig caps kc at MicroKernel.ROW_STRIDE
        int lcm = mr * GATHER / gcd(mr, GATHER);
        this.aGatherSteps = lcm / mr;
        this.aGatherMaps = new int[lcm];
    }

    private static int gcd(int x, int y) {
        return y == 0 ? x : gcd(y, x % y);
    }

    GemmConfig config() {
        return config;
    }

    /**
     * C = alpha·op(A)·op(B) + beta·C, then (if {@code bias != null}) C += bias per row and (if
     * {@code relu}) C = max(C, 0). m, n, k ≥ 1; beta == 0 means C is not read.
     */
    void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b,
                  float beta, float[] c, float[] bias, boolean relu, WorkerPool pool, int threads) {
        if (m > SMALL_M && cheaperTransposed(m, n)) {
            narrow(transA, transB, m, n, k, alpha, a, b, beta, c, bias, relu, pool, threads);
        } else {
            direct(transA, transB, m, n, k, alpha, a, b, beta, c, bias, relu, pool, threads);
        }
    }

    /**
     * Whether C (m × n, n narrower than a micro-tile) takes at least a quarter fewer FMAs as
     * Cᵀ = op(B)ᵀ·op(A)ᵀ: the micro-tiles of C pad n to NR columns, those of Cᵀ pad it to MR rows.
     * A 10-class output layer is the case: with 8x2 natively (NR = 32) a 128 × 10 C computes
     * 128 × 32 products, its transpose 16 × 128; with AVX2's 6x2, 132 × 16 against 12 × 128.
     * A regression head (n = 1) becomes a one-row product, which {@link #smallM} handles.
     */
    private boolean cheaperTransposed(int m, int n) {
        if (n >= nr) {
            return false;
        }
        long direct = (long) ceilDiv(m, mr) * mr * nr;
        long transposed = (long) ceilDiv(n, mr) * mr * ceilDiv(m, nr) * nr;
        return 4 * transposed <= 3 * direct;
    }

    /**
     * A narrow C computed as its transpose into a scratch buffer, then written into C with alpha,
     * beta, the bias and ReLU. Measured on the AVX-512 Xeon, 1 thread, the 784-256-128-10 MLP's
     * 10-wide products (forward X·W and dW = Xᵀ·dY, µs) at batch 32 / 128 / 512: natively forward
     * 4.8 / 14.4 / 56.2 → 3.1 / 9.2 / 35.0 and dW 3.7 / 13.6 / 55.5 → 2.4 / 8.2 / 29.9; with AVX2
     * forward 4.4 / 13.4 / 48.8 → 3.6 / 11.1 / 43.1 and dW 4.1 / 13.8 / 48.9 → 3.1 / 9.2 / 33.7.
     * Deterministic for a thread count like every product: the choice depends on the shape alone.
     */
    private void narrow(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b,
                        float beta, float[] c, float[] bias, boolean relu, WorkerPool pool, int threads) {
        if (narrowScratch.length < m * n) {
            narrowScratch = new float[m * n];
        }
        float[] t = narrowScratch;
        direct(!transB, !transA, n, m, k, 1f, b, a, 0f, t, null, false, pool, threads);
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int j = 0; j < n; j++) {
                float v = alpha * t[j * m + i];
                if (beta != 0f) {
                    v += beta * c[ci + j];
                }
                if (bias != null) {
                    v += bias[j];
                }
                c[ci + j] = relu ? Math.max(v, 0f) : v;
            }
        }
    }

    /** {@link #multiply} as it is posed: packed panels of op(A) and op(B), or {@link #smallM}. */
    private void direct(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b,
                        float beta, float[] c, float[] bias, boolean relu, WorkerPool pool, int threads) {
        if (m <= SMALL_M) {
            smallM(transA, transB, m, n, k, alpha, a, b, beta, c, bias, relu);
            return;
        }
        if (tall != null && m >= GemmConfig.TALL_MIN_ROWS) { // the shape alone decides: the same for any thread count
            tall.direct(transA, transB, m, n, k, alpha, a, b, beta, c, bias, relu, pool, threads);
            return;
        }
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        this.a = a;
        this.b = b;
        this.c = c;
        this.bias = bias;
        this.relu = relu;
        if (!transA && GATHER_A && aGatherK != k) {
            buildGatherMaps(k);
        }
        if (transB && rowStarts[1] != k) {
            for (int i = 0; i < rowStarts.length; i++) {
                rowStarts[i] = i * k;
            }
        }

        int rowPanels = ceilDiv(m, mr);
        int colPanels = ceilDiv(n, nr);
        kcMax = ceilDiv(k, ceilDiv(k, config.kc())); // balanced k blocks, all ≤ kc
        kBlocks = ceilDiv(k, kcMax);
        int parts = 2L * m * n * k < PARALLEL_MIN_FLOPS || pool == null ? 1 : Math.min(threads, pool.maxParts());
        ensureAccTiles(parts);
        chooseTaskGrid(rowPanels, colPanels, parts, kBlocks);

        if (parts == 1 && tasks == 1 && kBlocks > 1) { // one k block at a time, packed just before use
            ensurePacked(rowPanels * aSlot(), colPanels * nr * kcMax);
            computeRange(0, rowPanels, 0, colPanels, ap, bp, accTiles[0]);
        } else if (worthSplitting(rowPanels, colPanels, parts, kBlocks)) {
            ensurePartBuffers(rowPanels, colPanels, parts);
            nextSplit.set(0);
            run(pool, splitJob, parts);
        } else {
            ensurePacked(aRowMajor() ? 0 : rowPanels * aSlot() * kBlocks, colPanels * nr * k);
            if (aRowMajor()) { // each thread packs its tasks' A blocks into partAp[thread]
                partAp = grown(partAp, parts, rowBlock * aSlot() * (columnOrder() ? kBlocks : 1));
            }
            nextPackUnit.set(0);
            run(pool, packJob, parts);
            nextTask.set(0);
            run(pool, computeJob, parts);
        }

        this.a = null;
        this.b = null;
        this.c = null;
        this.bias = null;
    }

    /**
     * Floats a packed A micro-panel takes per k block: MR rows of {@link MicroKernel#ROW_STRIDE}
     * when a stored A goes into row-major panels, else MR × kc interleaved (a stored Aᵀ spread out
     * into row-major room made the AVX2 Aᵀ·B products up to 8 % slower).
     */
    private int aSlot() {
        return aRowMajor() ? mr * MicroKernel.ROW_STRIDE : mr * kcMax;
    }

    /** Whether this product's A, stored as is, goes into row-major panels (its whole panels; edges stay interleaved). */
    private boolean aRowMajor() {
        return rowMajorA && !transA;
    }

    /** Whether a micro-panel of {@code rows} rows is packed row-major (else interleaved): the one rule packing and computing share. */
    private boolean isRowMajor(int rows) {
        return aRowMajor() && rows == mr;
    }

    private static void run(WorkerPool pool, WorkerPool.Job job, int parts) {
        if (parts == 1) {
            job.run(0, 1);
        } else {
            pool.run(job, parts);
        }
    }

    /**
     * Cuts C into tasks of {@code rowBlock × colBlock} micro-panels. A task starts as an L2-sized A
     * block (mc rows) by all column panels; with several threads it is halved (along the longer
     * side) until there are
     * {@link #TASKS_PER_THREAD} tasks per thread, so a thread slowed down by another process leaves
     * its share to the others.
     *
     * <p>With more than one k block, each later block reads and rewrites the task's whole C block,
     * so the row block also keeps that C block in the same half of L2 as the A block: mc·(kc + n)
     * floats instead of mc·kc. Otherwise, at 1024³, C came from memory at every k block (measured on
     * the AVX-512 Xeon: 99 → 119 GFLOPS with the smaller block; AVX2 55 → 64).
     */
    private void chooseTaskGrid(int rowPanels, int colPanels, int parts, int kBlocks) {
        rowBlock = Math.min(rowBlockLimit(colPanels, kBlocks), rowPanels);
        colBlock = colPanels;
        int wanted = parts == 1 ? 1 : TASKS_PER_THREAD * parts;
        while (ceilDiv(rowPanels, rowBlock) * ceilDiv(colPanels, colBlock) < wanted) {
            if (colBlock > 1 && colBlock * nr >= rowBlock * mr) {
                colBlock = ceilDiv(colBlock, 2);
            } else if (rowBlock > 1) {
                rowBlock = ceilDiv(rowBlock, 2);
            } else {
                break;
            }
        }
        tasks = ceilDiv(rowPanels, rowBlock) * ceilDiv(colPanels, colBlock);
    }

    /** Row panels per A block: mc, or fewer so that a C block of colPanels stays in L2 too (see above). */
    private int rowBlockLimit(int colPanels, int kBlocks) {
        int mcPanels = config.mcPanels();
        if (kBlocks > 1) {
            long cWidth = (long) colPanels * nr;
            mcPanels = (int) Math.max(1, (long) mcPanels * config.kc() / (config.kc() + cWidth));
        }
        return mcPanels;
    }

    private void ensurePacked(int apSize, int bpSize) {
        if (ap.length < apSize) {
            ap = new float[apSize];
        }
        if (bp.length < bpSize) {
            bp = new float[bpSize];
        }
    }

    private void ensureAccTiles(int parts) {
        accTiles = grown(accTiles, parts, mr * nr);
    }

    /**
     * {@code buffers}, or a copy of it, with at least {@code count} arrays of at least {@code size}
     * floats: arrays are made only when a bigger problem arrives, so a warm call allocates nothing.
     */
    private static float[][] grown(float[][] buffers, int count, int size) {
        float[][] out = buffers.length < count ? java.util.Arrays.copyOf(buffers, count) : buffers;
        for (int i = 0; i < count; i++) {
            if (out[i] == null || out[i].length < size) {
                out[i] = new float[size];
            }
        }
        return out;
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    // ------------------------------------------------------------------------------- packing

    /**
     * Packs B in row bands and (unless each task packs its own, see the class comment) A's
     * micro-panels, every k block of one per unit, taking units from a shared counter until none
     * are left.
     */
    private void packPart(int part, int parts) {
        int aUnits = aRowMajor() ? 0 : ceilDiv(m, mr);
        int units = aUnits + ceilDiv(k, B_BAND_ROWS);
        int slot = aSlot();
        for (int u = nextPackUnit.getAndIncrement(); u < units; u = nextPackUnit.getAndIncrement()) {
            if (u < aUnits) {
                for (int pc = 0, blk = 0; pc < k; pc += kcMax, blk++) {
                    packA(u, pc, Math.min(k, pc + kcMax), ap, (u * kBlocks + blk) * slot);
                }
            } else {
                int p0 = (u - aUnits) * B_BAND_ROWS;
                packB(p0, Math.min(k, p0 + B_BAND_ROWS), 0, ceilDiv(n, nr), bp, nr * k, 0);
            }
        }
    }

    /**
     * The tiles of row panels [ipFrom, ipTo) × column panels [jpFrom, jpTo), all of k, one k block
     * after another: the block's A and B are packed into {@code apBuf} and {@code bpBuf} (panel
     * strides {@link #aSlot} and NR·kc, panels numbered from ipFrom and jpFrom) just before they are used, so
     * the kernel finds them in cache and the packed copies take kc/k of the room. This is how one
     * thread with one task computes a product with several k blocks (the MLP's shapes), and how each
     * part of a split product is computed. Packing all of k first put 1.2 MB of packed copies beside
     * 1.3 MB of A, B and C at 128×784·784×256: more than L2, and B's pack then read from L3 (a fifth
     * of the product on the AVX-512 Xeon).
     */
    private void computeRange(int ipFrom, int ipTo, int jpFrom, int jpTo, float[] apBuf, float[] bpBuf, float[] acc) {
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            packABlock(ipFrom, ipTo, pc, pc + kc, apBuf, aSlot(), 0);
            packB(pc, pc + kc, jpFrom, jpTo, bpBuf, nr * kcMax, pc);
            computeBlock(ipFrom, ipTo, jpFrom, jpTo, pc, kc, apBuf, ipFrom, aSlot(), 0, bpBuf, jpFrom, nr * kcMax, 0, acc);
        }
    }

    /**
     * Whether to split this product into {@code parts} independent parts of C, each computed as one
     * thread computes a whole product ({@link #computeRange}: each k block packed just before use, in
     * the computing core's cache), instead of packing all of k first and sharing the packed panels.
     * The part's rows must fit one A block, as on one thread.
     *
     * <p>C is cut by rows when A is stored as is (a batch of activations or gradients) with at
     * least {@link #ROW_SPLIT_MIN_ROWS} rows. Each part then packs and computes its own rows of the
     * batch: the rows its core gathered ({@code SimdBackend.ParallelGather} splits a batch into the
     * same runs, up to a micro-panel) or wrote in the layer before, and every part packs all of B (a
     * weight). Otherwise C is cut along
     * the dimension that leaves the smaller operand to be packed in full by every part: by columns
     * when A (m·k) is the smaller, by rows otherwise. Measured on the AVX-512 Xeon, 2 threads, 6
     * interleaved pairs of the training step: by rows instead of by columns, batch 128 +0–13%
     * (median +4%), batch 256 +2–13% (+5%); with 32 rows a part has too few row panels to pay
     * for packing all of B (the b32 step 1–16% slower).
     */
    private boolean worthSplitting(int rowPanels, int colPanels, int parts, int kBlocks) {
        if (parts < 2) {
            return false;
        }
        splitByRows = m > n || !transA && m >= ROW_SPLIT_MIN_ROWS;
        int partRowPanels = splitByRows ? ceilDiv(rowPanels, parts) : rowPanels;
        int partColPanels = splitByRows ? colPanels : ceilDiv(colPanels, parts);
        return (splitByRows ? rowPanels : colPanels) >= parts && partRowPanels <= rowBlockLimit(partColPanels, kBlocks);
    }

    /** One k block of packed A and B for each of the {@code parts} parts of a split product. */
    private void ensurePartBuffers(int rowPanels, int colPanels, int parts) {
        int partRowPanels = splitByRows ? ceilDiv(rowPanels, parts) : rowPanels;
        int partColPanels = splitByRows ? colPanels : ceilDiv(colPanels, parts);
        partAp = grown(partAp, parts, partRowPanels * aSlot());
        partBp = grown(partBp, parts, partColPanels * nr * kcMax);
    }

    /** Takes parts of a split product from a counter; part u uses buffers u, whichever thread runs it. */
    private void splitPart(int part, int parts) {
        int rowPanels = ceilDiv(m, mr);
        int colPanels = ceilDiv(n, nr);
        for (int u = nextSplit.getAndIncrement(); u < parts; u = nextSplit.getAndIncrement()) {
            if (splitByRows) {
                computeRange(u * rowPanels / parts, (u + 1) * rowPanels / parts, 0, colPanels, partAp[u], partBp[u],
                        accTiles[part]);
            } else {
                computeRange(0, rowPanels, u * colPanels / parts, (u + 1) * colPanels / parts, partAp[u], partBp[u],
                        accTiles[part]);
            }
        }
    }

    /** Packs the k block p0 ≤ p &lt; p1 of micro-panels [ipFrom, ipTo) of op(A), panel ip at (ip − ipFrom)·panelStride + blockOff. */
    private void packABlock(int ipFrom, int ipTo, int p0, int p1, float[] dst, int panelStride, int blockOff) {
        for (int ip = ipFrom; ip < ipTo; ip++) {
            packA(ip, p0, p1, dst, (ip - ipFrom) * panelStride + blockOff);
        }
    }

    /**
     * Packs the k block p0 ≤ p &lt; p1 of micro-panel ip of op(A) at {@code dst[dstOff…]}: row-major
     * when {@link #isRowMajor}, dst[dstOff + r·ROW_STRIDE + (p − p0)] = A[ip·MR + r, p]; else
     * interleaved,
     * dst[dstOff + (p − p0)·MR + r] = op(A)[ip·MR + r, p], with zeros for rows past m.
     */
    private void packA(int ip, int p0, int p1, float[] dst, int dstOff) {
        float[] src = a;
        int mr = this.mr;
        int base = dstOff - p0 * mr;
        int i0 = ip * mr;
        int rows = Math.min(mr, m - i0);
        if (isRowMajor(rows)) {
            for (int r = 0; r < mr; r++) {
                copy(src, (i0 + r) * k + p0, dst, dstOff + r * MicroKernel.ROW_STRIDE, p1 - p0);
            }
        } else if (transA && rows == mr && mr < MicroKernel.VL) {
            packTransposedPanel(src, i0, dst, base, p0, p1);
        } else if (transA) { // A is stored k × m: op(A)[i, p] = a[p·m + i], rows of the panel are contiguous
            for (int p = p0; p < p1; p++) {
                int s = p * m + i0;
                int d = base + p * mr;
                if (rows == mr) {
                    copy(src, s, dst, d, mr);
                } else {
                    for (int r = 0; r < rows; r++) {
                        dst[d + r] = src[s + r];
                    }
                    for (int r = rows; r < mr; r++) {
                        dst[d + r] = 0f;
                    }
                }
            }
        } else if (rows == mr && GATHER_A) {
            packRowsGathered(src, i0 * k, dst, base, p0, p1);
        } else { // A is m × k: read each row contiguously, write with stride MR
            for (int r = 0; r < rows; r++) {
                int s = (i0 + r) * k;
                int d = base + r;
                for (int p = p0; p < p1; p++) {
                    dst[d + p * mr] = src[s + p];
                }
            }
            for (int r = rows; r < mr; r++) {
                for (int p = p0; p < p1; p++) {
                    dst[base + r + p * mr] = 0f;
                }
            }
        }
    }

    /**
     * A full panel of a stored Aᵀ whose MR is less than a vector (8x2 with AVX-512, 6x2 with AVX2):
     * one whole-vector copy per k step, of which the first MR floats are the step's and the rest
     * spill into the next steps, which are written after it. The last steps, whose spill would leave
     * the panel (or whose read would leave the array), are copied float by float. The generic copy
     * moved these MR floats one at a time, and packing Xᵀ for dW was a seventh of a batch-512 step.
     */
    private void packTransposedPanel(float[] src, int i0, float[] dst, int base, int p0, int p1) {
        int mr = this.mr;
        int m = this.m;
        int spillSteps = ceilDiv(MicroKernel.VL - mr, mr);
        int vectorEnd = Math.max(p0, p1 - spillSteps);
        int p = p0;
        for (; p < vectorEnd && p * m + i0 + MicroKernel.VL <= src.length; p++) {
            FloatVector.fromArray(MicroKernel.S, src, p * m + i0).intoArray(dst, base + p * mr);
        }
        for (; p < p1; p++) {
            int s = p * m + i0;
            int d = base + p * mr;
            for (int r = 0; r < mr; r++) {
                dst[d + r] = src[s + r];
            }
        }
    }

    /**
     * A full panel of a stored A (m × k), by gathers of {@link #GATHER} floats: the packed panel is
     * one stream, dst[d + p·MR + r] = src[s + r·k + p] (d already holds the panel's offset less
     * pBase·MR), and each gather fills the next vector
     * of it, from whichever rows and k steps its floats belong to. The pattern repeats every
     * lcm(MR, VL) floats (AVX2 6x2: three gathers every four k steps; AVX-512 8x2: one gather every
     * two), so its index maps ({@link #aGatherMaps}) are computed once per k; steps left over are
     * copied float by float. One method serves every MR, where scalar copies needed a loop written
     * out per MR to run at 0.44 ns a float (a variable MR left a bounds check on every store).
     * Measured on the AVX-512 Xeon, 1 thread, interleaved JVMs, against those written-out loops:
     * AVX2 128×784·784×256 +4–7%, the other shapes and native AVX-512 within ±2%.
     */
    private void packRowsGathered(float[] src, int s, float[] dst, int d, int p0, int p1) {
        int mr = this.mr;
        int steps = aGatherSteps;
        int floats = steps * mr;
        int[] maps = aGatherMaps;
        int p = p0;
        for (; p + steps <= p1; p += steps) {
            int o = d + p * mr;
            for (int g = 0; g < floats; g += GATHER) {
                FloatVector.fromArray(MicroKernel.S, src, s + p, maps, g).intoArray(dst, o + g);
            }
        }
        for (; p < p1; p++) {
            for (int r = 0; r < mr; r++) {
                dst[d + p * mr + r] = src[s + r * k + p];
            }
        }
    }

    /** The index maps of {@link #packRowsGathered} for this k: stream float j is src[(j mod MR)·k + j / MR]. */
    private void buildGatherMaps(int k) {
        for (int j = 0; j < aGatherMaps.length; j++) {
            aGatherMaps[j] = (j % mr) * k + j / mr;
        }
        aGatherK = k;
    }

    /**
     * dst[d …+len) = src[s …+len) for the short runs packing copies (8 to 48 floats): whole vectors,
     * then scalars. System.arraycopy costs a stub call each time, which for 8 floats is most of
     * the work (it was 12% of a training step).
     */
    private static void copy(float[] src, int s, float[] dst, int d, int len) {
        int i = 0;
        for (; i <= len - MicroKernel.VL; i += MicroKernel.VL) {
            FloatVector.fromArray(MicroKernel.S, src, s + i).intoArray(dst, d + i);
        }
        for (; i < len; i++) {
            dst[d + i] = src[s + i];
        }
    }

    /**
     * dst[(jp − jpFrom)·panelStride + (p − pBase)·NR + c] = op(B)[p, jp·NR + c] for the band
     * p0 ≤ p &lt; p1 of column panels jpFrom ≤ jp &lt; jpTo, zero for columns past n (pBase and
     * panelStride as for {@link #packA}).
     */
    private void packB(int p0, int p1, int jpFrom, int jpTo, float[] dst, int panelStride, int pBase) {
        if (transB) {
            packBandOfTransposed(p0, p1, jpFrom, jpTo, dst, panelStride, pBase);
        } else {
            packBand(p0, p1, jpFrom, jpTo, dst, panelStride, pBase);
        }
    }

    /**
     * The band of a stored (not transposed) B, row by row, so B is read in order, which its hardware
     * prefetch follows (panel by panel read NR floats from each row: a new page every row when n is
     * large; this order halved the time to pack a 1024 × 1024 B on the AVX-512 Xeon). A panel row is
     * two or three vectors, copied as such: a loop over NR / VL vectors, its count a variable, cost
     * 0.22 ns a float with AVX2 against 0.19 (packing 784 × 256, in a 1-thread 128×784·784×256).
     */
    private void packBand(int p0, int p1, int jpFrom, int jpTo, float[] dst, int panelStride, int pBase) {
        float[] src = b;
        int nr = this.nr;
        int fullTo = Math.min(jpTo, n / nr);
        int edge = jpTo > fullTo ? n - fullTo * nr : 0;
        for (int p = p0; p < p1; p++) {
            int s = p * n + jpFrom * nr;
            int d = (p - pBase) * nr;
            for (int jp = jpFrom; jp < fullTo; jp++, s += nr, d += panelStride) {
                FloatVector.fromArray(MicroKernel.S, src, s).intoArray(dst, d);
                FloatVector.fromArray(MicroKernel.S, src, s + MicroKernel.VL).intoArray(dst, d + MicroKernel.VL);
                if (threeVectors) {
                    int v2 = 2 * MicroKernel.VL;
                    FloatVector.fromArray(MicroKernel.S, src, s + v2).intoArray(dst, d + v2);
                }
            }
            if (edge > 0) {
                for (int q = 0; q < edge; q++) {
                    dst[d + q] = src[s + q];
                }
                for (int q = edge; q < nr; q++) {
                    dst[d + q] = 0f;
                }
            }
        }
    }

    /**
     * The band of a stored Bᵀ (n × k). A whole panel gathers, at each k step, one float from each of
     * VL consecutive rows of Bᵀ and stores them as one vector (measured on the AVX-512 Xeon, 1 thread:
     * A·Bᵀ 128×128·128×256 100–106 → 116–123 GFLOPS natively, 70–73 → 73–80 with AVX2); the edge
     * panel reads each column of op(B) contiguously and writes it with stride NR.
     */
    private void packBandOfTransposed(int p0, int p1, int jpFrom, int jpTo, float[] dst, int panelStride, int pBase) {
        float[] src = b;
        int nr = this.nr;
        for (int jp = jpFrom; jp < jpTo; jp++) {
            int base = (jp - jpFrom) * panelStride - pBase * nr;
            int j0 = jp * nr;
            int cols = Math.min(nr, n - j0);
            if (cols == nr) { // a whole panel: each k step gathers VL columns of op(B) at once
                for (int v = 0; v < nr; v += MicroKernel.VL) {
                    int s = (j0 + v) * k;
                    for (int p = p0; p < p1; p++) {
                        FloatVector.fromArray(MicroKernel.S, src, s + p, rowStarts, 0).intoArray(dst, base + v + p * nr);
                    }
                }
                continue;
            }
            for (int q = 0; q < cols; q++) {
                int s = (j0 + q) * k;
                int d = base + q;
                for (int p = p0; p < p1; p++) {
                    dst[d + p * nr] = src[s + p];
                }
            }
            for (int q = cols; q < nr; q++) {
                for (int p = p0; p < p1; p++) {
                    dst[base + q + p * nr] = 0f;
                }
            }
        }
    }

    // ------------------------------------------------------------------------------- compute

    /**
     * Takes compute tasks from a shared counter until none are left. A task runs in one of two
     * orders ({@link #columnOrder}):
     * <ul>
     *   <li>by k block: (row-major panels only) the task's A block of this k block is packed into the
     *       thread's buffer, then each B micro-panel (L1) meets every A micro-panel of it (L2) before
     *       the next B micro-panel; the task's whole C block is read again at every k block;</li>
     *   <li>by column panel, when the task's A for all of k fits where one A block would: (row-major
     *       panels only) all of it is packed first, then each column panel runs all its k blocks
     *       before the next, so a tile of C comes back from L1 rather than L2.</li>
     * </ul>
     * Every tile sees its k blocks in the same order either way, so the results are the same bits.
     */
    private void computePart(int part, int parts) {
        int rowPanels = ceilDiv(m, mr);
        int colPanels = ceilDiv(n, nr);
        int rowTasks = ceilDiv(rowPanels, rowBlock);
        float[] acc = accTiles[part];
        boolean aInTasks = aRowMajor();
        float[] apBuf = aInTasks ? partAp[part] : ap;
        int slot = aSlot();
        boolean byColumn = columnOrder();
        // Where panel ip's k block blk of A is: (ip − ipBase)·aStride + (its block's offset). A task
        // that packs A itself numbers panels from ipFrom and, by k block, holds one block at a time.
        int aStride = aInTasks && !byColumn ? slot : kBlocks * slot;
        for (int task = nextTask.getAndIncrement(); task < tasks; task = nextTask.getAndIncrement()) {
            int ipFrom = (task % rowTasks) * rowBlock;
            int ipTo = Math.min(ipFrom + rowBlock, rowPanels);
            int jpFrom = (task / rowTasks) * colBlock;
            int jpTo = Math.min(jpFrom + colBlock, colPanels);
            int ipBase = aInTasks ? ipFrom : 0;
            if (byColumn) {
                if (aInTasks) {
                    for (int pc = 0, blk = 0; pc < k; pc += kcMax, blk++) {
                        packABlock(ipFrom, ipTo, pc, Math.min(k, pc + kcMax), apBuf, aStride, blk * slot);
                    }
                }
                for (int jp = jpFrom; jp < jpTo; jp++) {
                    for (int pc = 0, blk = 0; pc < k; pc += kcMax, blk++) {
                        computeBlock(ipFrom, ipTo, jp, jp + 1, pc, Math.min(kcMax, k - pc), apBuf, ipBase, aStride,
                                blk * slot, bp, 0, nr * k, pc, acc);
                    }
                }
            } else {
                for (int pc = 0, blk = 0; pc < k; pc += kcMax, blk++) {
                    int kc = Math.min(kcMax, k - pc);
                    if (aInTasks) {
                        packABlock(ipFrom, ipTo, pc, pc + kc, apBuf, aStride, 0);
                    }
                    computeBlock(ipFrom, ipTo, jpFrom, jpTo, pc, kc, apBuf, ipBase, aStride, aInTasks ? 0 : blk * slot,
                            bp, 0, nr * k, pc, acc);
                }
            }
        }
    }

    /**
     * Whether the two-phase tasks run column panel by column panel ({@link #computePart}): with
     * several k blocks, when a task's A for all of k (rowBlock × kBlocks micro-panel blocks) fits in
     * the room of one A block (mc × kc, half of L2). Measured on the AVX-512 Xeon at 1024³, 1
     * thread, 6 rounds with the jars alternating, ratio to OpenBLAS: AVX2 0.905 → 0.944 (JDK 17) and
     * 0.874 → 0.896 (JDK 25), natively 0.894 → 0.942; 2 threads and the MLP's products unchanged
     * (docs/BENCHMARKS.md, ninth session).
     */
    private boolean columnOrder() {
        return kBlocks > 1 && (long) rowBlock * kBlocks <= config.mcPanels();
    }

    /**
     * The k block [pc, pc + kc) of the C tiles in row panels [ipFrom, ipTo) × column panels
     * [jpFrom, jpTo), reading micro-panel ip of A (this k block of it) in {@code apBuf} at
     * (ip − ipBase)·aPanelStride + aBlockOff and micro-panel jp of B in {@code bpBuf} at
     * (jp − jpBase)·bPanelStride + kOffset·NR (kOffset = pc when all of k is packed, 0 for one
     * block). Row-major A panels ({@link #isRowMajor}) go to the row kernels, the rest (a stored
     * Aᵀ, edge panels, other blockings) to the interleaved ones.
     */
    private void computeBlock(int ipFrom, int ipTo, int jpFrom, int jpTo, int pc, int kc, float[] apBuf, int ipBase,
                              int aPanelStride, int aBlockOff, float[] bpBuf, int jpBase, int bPanelStride, int kOffset, float[] acc) {
        int mode = pc > 0 ? MicroKernel.ACCUMULATE
                : beta == 0f ? MicroKernel.OVERWRITE : MicroKernel.SCALE_ADD;
        boolean last = pc + kc >= k;
        float[] epilogueBias = last ? bias : null;
        boolean epilogueRelu = last && relu;
        // Full tiles with nothing but C = AB or C += AB to do skip the acc buffer.
        boolean plain = alpha == 1f && epilogueBias == null && !epilogueRelu && mode != MicroKernel.SCALE_ADD;
        for (int jp = jpFrom; jp < jpTo; jp++) {
            int j0 = jp * nr;
            int cols = Math.min(nr, n - j0);
            int bOff = (jp - jpBase) * bPanelStride + kOffset * nr;
            for (int ip = ipFrom; ip < ipTo; ip++) {
                int i0 = ip * mr;
                int rows = Math.min(mr, m - i0);
                int cOff = i0 * n + j0;
                int aOff = (ip - ipBase) * aPanelStride + aBlockOff;
                boolean rowMajor = isRowMajor(rows);
                if (rows == mr && cols == nr && plain) {
                    if (rowMajor) {
                        MicroKernel.tileRows(blocking, kc, apBuf, aOff, bpBuf, bOff, c, cOff, n, pc > 0);
                    } else {
                        MicroKernel.tile(blocking, kc, apBuf, aOff, bpBuf, bOff, c, cOff, n, pc > 0);
                    }
                } else {
                    if (rowMajor) {
                        MicroKernel.tileRows(blocking, kc, apBuf, aOff, bpBuf, bOff, acc, 0, nr, false);
                    } else {
                        MicroKernel.bufferedTile(blocking, rows, kc, apBuf, aOff, bpBuf, bOff, acc);
                    }
                    MicroKernel.store(acc, nr, rows, cols, c, cOff, n, alpha, beta, mode,
                            epilogueBias, j0, epilogueRelu);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------ small M

    /**
     * Few rows of C (such as a single-sample prediction): packing would cost as much as the product,
     * so each row of op(A) is gathered into a contiguous scratch row and multiplied directly:
     * C[i, :] += a_ip · B[p, :] (vector axpy over n) when B is not transposed, or a vector dot of the
     * row with each row of the stored Bᵀ when it is.
     */
    private void smallM(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b,
                        float beta, float[] c, float[] bias, boolean relu) {
        if (rowScratch.length < k) {
            rowScratch = new float[k];
        }
        float[] row = rowScratch;
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                row[p] = transA ? a[p * m + i] : a[i * k + p];
            }
            int ci = i * n;
            if (transB) {
                for (int j = 0; j < n; j++) {
                    float dot = alpha * VectorOps.dotFloat(row, 0, b, j * k, k);
                    c[ci + j] = beta == 0f ? dot : dot + beta * c[ci + j];
                }
            } else {
                if (beta == 0f) {
                    java.util.Arrays.fill(c, ci, ci + n, 0f);
                } else if (beta != 1f) {
                    VectorOps.scale(c, ci, n, beta);
                }
                for (int p = 0; p < k; p++) {
                    VectorOps.axpy(alpha * row[p], b, p * n, c, ci, n);
                }
            }
            if (bias != null) {
                VectorOps.addInPlace(c, ci, bias, 0, n);
            }
            if (relu) {
                VectorOps.reluInPlace(c, ci, n);
            }
        }
    }
}
