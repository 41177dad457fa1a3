package nnj.backend.simd;

import static nnj.backend.simd.MicroKernel.MR;
import static nnj.backend.simd.MicroKernel.NR;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * BLIS-style SGEMM on row-major {@code float[]}: {@code C = alpha·op(A)·op(B) + beta·C}, optionally
 * followed by a fused epilogue (bias row vector, ReLU) applied as the last k block is stored.
 *
 * <h2>Loops (outer to inner)</h2>
 * <pre>
 * for pc in k, step kc            k blocks; kc ≤ {@value #KC}, balanced so the last block is not tiny
 *   pack op(A)[:, pc:pc+kc] → Ap  MR-row micro-panels, zero-padded       } one parallel phase,
 *   pack op(B)[pc:pc+kc, :] → Bp  NR-column micro-panels, zero-padded    } split by panels
 *   for each task (a block of ≤ NC column panels × some row panels)      (second parallel phase,
 *     for ip over the task's row panels                                   tasks taken from a counter)
 *       for jp over the task's column panels (B block kc × NC in L2)      A micro-panel kc × MR in L1
 *         micro-kernel MR × NR                                             B micro-panel streamed from L2
 * </pre>
 *
 * <h2>Block sizes for this machine (32 KiB L1d, 512 KiB L2 per core)</h2>
 * <ul>
 *   <li>kc = 256: the A micro-panel is 256 × 8 floats = 8 KiB, a quarter of L1, and it is reused
 *       across all the B micro-panels of the block, so it stays in L1 while B streams past.</li>
 *   <li>NC = 8 panels of NR (256 columns with AVX-512): the B block is 256 × 256 floats = 256 KiB,
 *       half of L2, reused by every A micro-panel of the thread.</li>
 *   <li>With MR = 8 smaller than NR = 32, keeping the small A micro-panel in L1 and the B block in L2
 *       is the cheaper of the two BLIS orders (the classic one would need a 32 KiB B micro-panel in
 *       L1, the whole of it). "mc" is therefore the whole A panel of a thread.</li>
 * </ul>
 *
 * <h2>Threads and determinism</h2>
 * Threads take packing units and compute tasks from shared counters, so a thread that the OS
 * delays (2 cores shared with other processes) leaves its work to the others. Every element of C
 * is still computed by one micro-kernel call per k block, on the same packed data, in the same
 * order, whichever thread runs it: results are bitwise identical for any thread count and any
 * timing.
 *
 * <h2>Allocation</h2>
 * Packing buffers and per-thread accumulator tiles grow when a bigger problem arrives and are reused after;
 * the parallel jobs are preallocated objects. A warm call allocates nothing. Not thread-safe: one
 * caller at a time, like the backend.
 */
final class Sgemm {
    /** Largest k block (see class comment). */
    static final int KC = 256;
    /** Column panels per B block kept in L2. */
    static final int NC_PANELS = Math.max(1, 256 / NR);
    /** At most this many rows of C take the unpacked small-M path. */
    static final int SMALL_M = 4;
    /** Below this many flops (2mnk) a gemm stays on the caller's thread: hand-off would cost more. */
    static final long PARALLEL_MIN_FLOPS = 2_000_000L;

    private final WorkerPool.Job packJob = this::packPart;
    private final WorkerPool.Job computeJob = this::computePart;

    private float[] ap = new float[0];
    private float[] bp = new float[0];
    private float[][] accTiles = new float[0][];
    private float[] rowScratch = new float[0];

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
    private int pc;
    private int kc;
    private int mode;
    private boolean lastBlock;
    // The task grid of the compute phase: blocks of rowBlock row panels × colBlock column panels.
    private int rowBlock;
    private int colBlock;
    private int tasks;
    private final AtomicInteger nextPackUnit = new AtomicInteger();
    private final AtomicInteger nextTask = new AtomicInteger();

    /**
     * C = alpha·op(A)·op(B) + beta·C, then (if {@code bias != null}) C += bias per row and (if
     * {@code relu}) C = max(C, 0). m, n, k ≥ 1; beta == 0 means C is not read.
     */
    void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b,
                  float beta, float[] c, float[] bias, boolean relu, WorkerPool pool, int threads) {
        if (m <= SMALL_M) {
            smallM(transA, transB, m, n, k, alpha, a, b, beta, c, bias, relu);
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

        int rowPanels = (m + MR - 1) / MR;
        int colPanels = (n + NR - 1) / NR;
        int blocks = (k + KC - 1) / KC;
        int kcMax = (k + blocks - 1) / blocks; // balanced k blocks, all ≤ KC
        int parts = 2L * m * n * k < PARALLEL_MIN_FLOPS || pool == null ? 1 : Math.min(threads, pool.maxParts());
        ensureCapacity(rowPanels * MR * kcMax, colPanels * NR * kcMax, parts);
        chooseTaskGrid(rowPanels, colPanels, parts);

        for (pc = 0; pc < k; pc += kc) {
            kc = Math.min(kcMax, k - pc);
            mode = pc > 0 ? MicroKernel.ACCUMULATE : beta == 0f ? MicroKernel.OVERWRITE : MicroKernel.SCALE_ADD;
            lastBlock = pc + kc >= k;
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

    private static void run(WorkerPool pool, WorkerPool.Job job, int parts) {
        if (parts == 1) {
            job.run(0, 1);
        } else {
            pool.run(job, parts);
        }
    }

    /**
     * Cuts C into tasks of {@code rowBlock × colBlock} micro-panels. A task starts as a whole L2 B
     * block (NC_PANELS column panels) by all row panels; with several threads it is halved (columns
     * first, which keeps each B block private to one core's L2) until there are about four tasks per
     * thread, so a thread slowed down by another process leaves its share to the others.
     */
    private void chooseTaskGrid(int rowPanels, int colPanels, int parts) {
        rowBlock = rowPanels;
        colBlock = Math.min(NC_PANELS, colPanels);
        int wanted = parts == 1 ? 1 : 4 * parts;
        while (ceilDiv(rowPanels, rowBlock) * ceilDiv(colPanels, colBlock) < wanted) {
            if (colBlock > 1 && colBlock * 2 >= rowBlock) {
                colBlock = ceilDiv(colBlock, 2);
            } else if (rowBlock > 1) {
                rowBlock = ceilDiv(rowBlock, 2);
            } else {
                break;
            }
        }
        tasks = ceilDiv(rowPanels, rowBlock) * ceilDiv(colPanels, colBlock);
    }

    private void ensureCapacity(int apSize, int bpSize, int parts) {
        if (ap.length < apSize) {
            ap = new float[apSize];
        }
        if (bp.length < bpSize) {
            bp = new float[bpSize];
        }
        if (accTiles.length < parts) {
            float[][] tiles = new float[parts][];
            for (int i = 0; i < parts; i++) {
                tiles[i] = new float[MR * NR];
            }
            accTiles = tiles;
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    // ------------------------------------------------------------------------------- packing

    /** Packs A row panels and B column panels, taking them from a shared counter until none are left. */
    private void packPart(int part, int parts) {
        int rowPanels = ceilDiv(m, MR);
        int units = rowPanels + ceilDiv(n, NR);
        for (int u = nextPackUnit.getAndIncrement(); u < units; u = nextPackUnit.getAndIncrement()) {
            if (u < rowPanels) {
                packA(u);
            } else {
                packB(u - rowPanels);
            }
        }
    }

    /** Ap[ip][p][r] = op(A)[ip·MR + r, pc + p], zero for rows past m. */
    private void packA(int ip) {
        float[] src = a;
        float[] dst = ap;
        int base = ip * MR * kc;
        int i0 = ip * MR;
        int rows = Math.min(MR, m - i0);
        if (transA) { // A is stored k × m: op(A)[i, p] = a[p·m + i], rows of the panel are contiguous
            for (int p = 0; p < kc; p++) {
                int s = (pc + p) * m + i0;
                int d = base + p * MR;
                for (int r = 0; r < rows; r++) {
                    dst[d + r] = src[s + r];
                }
                for (int r = rows; r < MR; r++) {
                    dst[d + r] = 0f;
                }
            }
        } else { // A is m × k: read each row contiguously, write with stride MR
            for (int r = 0; r < rows; r++) {
                int s = (i0 + r) * k + pc;
                int d = base + r;
                for (int p = 0; p < kc; p++) {
                    dst[d + p * MR] = src[s + p];
                }
            }
            for (int r = rows; r < MR; r++) {
                for (int p = 0; p < kc; p++) {
                    dst[base + r + p * MR] = 0f;
                }
            }
        }
    }

    /** Bp[jp][p][c] = op(B)[pc + p, jp·NR + c], zero for columns past n. */
    private void packB(int jp) {
        float[] src = b;
        float[] dst = bp;
        int base = jp * NR * kc;
        int j0 = jp * NR;
        int cols = Math.min(NR, n - j0);
        if (!transB) { // B is k × n: each k row of the panel is NR contiguous floats
            for (int p = 0; p < kc; p++) {
                int s = (pc + p) * n + j0;
                int d = base + p * NR;
                if (cols == NR) {
                    System.arraycopy(src, s, dst, d, NR);
                } else {
                    for (int q = 0; q < cols; q++) {
                        dst[d + q] = src[s + q];
                    }
                    for (int q = cols; q < NR; q++) {
                        dst[d + q] = 0f;
                    }
                }
            }
        } else { // B is stored n × k: read each column of op(B) contiguously, write with stride NR
            for (int q = 0; q < cols; q++) {
                int s = (j0 + q) * k + pc;
                int d = base + q;
                for (int p = 0; p < kc; p++) {
                    dst[d + p * NR] = src[s + p];
                }
            }
            for (int q = cols; q < NR; q++) {
                for (int p = 0; p < kc; p++) {
                    dst[base + q + p * NR] = 0f;
                }
            }
        }
    }

    // ------------------------------------------------------------------------------- compute

    /**
     * Takes compute tasks from a shared counter until none are left. In a task, each A micro-panel
     * (L1) meets every B micro-panel of the task's column block (L2) before the next A micro-panel.
     */
    private void computePart(int part, int parts) {
        int rowPanels = ceilDiv(m, MR);
        int colPanels = ceilDiv(n, NR);
        int rowTasks = ceilDiv(rowPanels, rowBlock);
        float[] acc = accTiles[part];
        float[] epilogueBias = lastBlock ? bias : null;
        boolean epilogueRelu = lastBlock && relu;
        for (int task = nextTask.getAndIncrement(); task < tasks; task = nextTask.getAndIncrement()) {
            int ipFrom = (task % rowTasks) * rowBlock;
            int ipTo = Math.min(ipFrom + rowBlock, rowPanels);
            int jpFrom = (task / rowTasks) * colBlock;
            int jpTo = Math.min(jpFrom + colBlock, colPanels);
            for (int ip = ipFrom; ip < ipTo; ip++) {
                int i0 = ip * MR;
                int rows = Math.min(MR, m - i0);
                int aOff = ip * MR * kc;
                for (int jp = jpFrom; jp < jpTo; jp++) {
                    int j0 = jp * NR;
                    int cols = Math.min(NR, n - j0);
                    MicroKernel.tile(kc, ap, aOff, bp, jp * NR * kc, acc);
                    MicroKernel.store(acc, rows, cols, c, i0 * n + j0, n, alpha, beta, mode,
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
