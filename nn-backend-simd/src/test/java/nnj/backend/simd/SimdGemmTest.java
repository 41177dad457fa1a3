package nnj.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import nnj.api.Tensor;
import nnj.api.backend.Activation;
import nnj.api.backend.Backend;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SGEMM against the naive reference (which sums in double), on every transpose combination, every
 * size from 1 to 70 in each dimension (so every packing edge: rows past MR, columns past NR, k past
 * a block), the MLP shapes, alpha and beta, with 1 and 2 threads.
 *
 * <p>Tolerance: the classical worst-case bound of a float dot product of length k,
 * |error| ≤ (k + 2)·u·(|α|·Σₚ|aᵢₚ||bₚⱼ| + |β||cᵢⱼ|) with u = 2⁻²⁴, computed per element. A wrong index
 * gives an O(1) error, far above it.
 */
class SimdGemmTest {
    private static final double U = Math.scalb(1.0, -24);
    private static SimdBackend one;
    private static SimdBackend two;
    private static final NaiveBackend naive = new NaiveBackend();

    @BeforeAll
    static void start() {
        one = new SimdBackend(1);
        two = new SimdBackend(2);
    }

    @AfterAll
    static void stop() {
        one.close();
        two.close();
    }

    @Test
    void everySizeUpTo70InEachDimensionAndEveryTranspose() {
        Random r = new Random(1);
        int[] sizes = {1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65, 70};
        for (int m : sizes) {
            for (int n : sizes) {
                int k = sizes[r.nextInt(sizes.length)];
                for (int t = 0; t < 4; t++) {
                    check(one, t >= 2, (t & 1) == 1, m, n, k, 1f, 0f, r);
                }
            }
        }
        for (int k = 1; k <= 70; k++) {
            check(one, k % 2 == 0, k % 3 == 0, 9 + k % 5, 33 + k % 4, k, 1f, 0f, r);
        }
    }

    @Test
    void alphaAndBetaOnEveryTransposeAcrossKBlocks() {
        Random r = new Random(2);
        for (int t = 0; t < 4; t++) {
            check(one, t >= 2, (t & 1) == 1, 37, 70, 600, 0.5f, -1.5f, r); // three k blocks, beta ≠ 0
            check(two, t >= 2, (t & 1) == 1, 37, 70, 600, -2f, 1f, r);
            check(one, t >= 2, (t & 1) == 1, 3, 70, 300, 0.5f, 2f, r);     // small-M path
            check(two, t >= 2, (t & 1) == 1, 4, 5, 1, 1f, 0.25f, r);
        }
    }

    @Test
    void mlpShapesOnOneAndTwoThreads() {
        Random r = new Random(3);
        for (SimdBackend b : new SimdBackend[] {one, two}) {
            check(b, false, false, 128, 256, 784, 1f, 0f, r);
            check(b, false, false, 128, 128, 256, 1f, 0f, r);
            check(b, false, false, 32, 10, 128, 1f, 0f, r);
            check(b, true, false, 784, 256, 128, 1f, 0f, r);   // dW = Xᵀ·dY
            check(b, false, true, 128, 128, 256, 1f, 0f, r);   // dX = dY·Wᵀ
            check(b, false, true, 512, 784, 256, 1f, 1f, r);
        }
    }

    @Test
    void betaZeroDoesNotReadC() {
        Random r = new Random(4);
        for (int t = 0; t < 4; t++) {
            for (int m : new int[] {2, 19}) {
                boolean ta = t >= 2;
                boolean tb = (t & 1) == 1;
                int n = 21;
                int k = 13;
                Tensor a = random(one, ta ? k : m, ta ? m : k, r);
                Tensor b = random(one, tb ? n : k, tb ? k : n, r);
                Tensor c = one.tensor(m, n);
                one.fill(c, Float.NaN);
                one.gemm(ta, tb, 1f, a, b, 0f, c);
                for (float v : c.toArray()) {
                    assertTrue(Float.isFinite(v), "NaN in C leaked through beta = 0");
                }
            }
        }
    }

    @Test
    void resultsAreBitwiseIdenticalAcrossRunsAndThreadCounts() {
        Random r = new Random(5);
        for (int t = 0; t < 4; t++) {
            boolean ta = t >= 2;
            boolean tb = (t & 1) == 1;
            int m = 200;
            int n = 150;
            int k = 700;
            float[] a = randomArray(m * k, r);
            float[] b = randomArray(k * n, r);
            float[] c1 = multiply(one, ta, tb, m, n, k, a, b);
            float[] c2 = multiply(two, ta, tb, m, n, k, a, b);
            float[] c2again = multiply(two, ta, tb, m, n, k, a, b);
            assertArrayEquals(c2, c2again, "two runs on 2 threads differ");
            assertArrayEquals(c1, c2, "1 and 2 threads differ");
        }
    }

    @Test
    void everyBlockingGivesTheSameBitsOn1And3ThreadsAndIsWithinTheBound() {
        Random r = new Random(8);
        for (Blocking blocking : Blocking.values()) {
            for (CacheSizes caches : new CacheSizes[] {CacheSizes.detect(), SimdConformanceTest.TINY_CACHES}) {
                GemmConfig config = SimdConformanceTest.forced(blocking, caches);
                try (SimdBackend single = new SimdBackend(1, config); SimdBackend three = new SimdBackend(3, config)) {
                    for (int t = 0; t < 4; t++) {
                        boolean ta = t >= 2;
                        boolean tb = (t & 1) == 1;
                        int m = 2 * blocking.rows * 7 + 1; // full panels and an edge
                        int n = 3 * config.nr() + 5;
                        int k = 3 * config.kc() / 2 + 1;  // two k blocks, the second uneven
                        if (caches == SimdConformanceTest.TINY_CACHES) { // small kc: a quick reference check
                            check(single, ta, tb, m, n, k, 1f, 0f, r);
                        }
                        float[] a = randomArray(m * k, r);
                        float[] b = randomArray(k * n, r);
                        assertArrayEquals(multiply(single, ta, tb, m, n, k, a, b), multiply(three, ta, tb, m, n, k, a, b),
                                "blocking " + blocking.label() + ", " + caches.source() + ": 1 and 3 threads differ");
                    }
                }
            }
        }
    }

    /**
     * A stored A packed in row-major panels (MR rows copied as they are) or interleaved (MR floats a
     * k step) meets the same kernel arithmetic: the same FMAs in the same order, so the same bits,
     * with one and two k blocks (the add kernels), an edge panel, the bias/ReLU epilogue (the
     * buffered path), kc as the machine's caches give it and kc = 512 (AVX2's, rows end to end), on
     * 1 and 3 threads, which also agree with each other.
     */
    @Test
    void rowMajorAndInterleavedPanelsGiveTheSameBits() {
        Random r = new Random(12);
        for (Blocking blocking : Blocking.values()) {
            if (!MicroKernel.hasRowKernel(blocking)) {
                continue;
            }
            for (int kcOverride : new int[] {0, MicroKernel.ROW_STRIDE}) {
                for (CacheSizes caches : new CacheSizes[] {CacheSizes.detect(), SimdConformanceTest.TINY_CACHES}) {
                    GemmConfig rows = GemmConfig.choose(blocking.label(), MicroKernel.VL, caches, kcOverride, 0, "true");
                    GemmConfig interleaved = GemmConfig.choose(blocking.label(), MicroKernel.VL, caches, kcOverride, 0, "false");
                    assertTrue(rows.rowMajorA() && !interleaved.rowMajorA(), rows.reason());
                    int m = 3 * blocking.rows * 5 + 2;
                    int n = 2 * rows.nr() + 3;
                    for (int k : new int[] {37, 3 * rows.kc() / 2 + 1}) {
                        float[] a = randomArray(m * k, r);
                        float[] b = randomArray(k * n, r);
                        float[] bias = randomArray(n, r);
                        float[] product = null;
                        float[] dense = null;
                        for (int threads : new int[] {1, 3}) {
                            try (SimdBackend withRows = new SimdBackend(threads, rows);
                                 SimdBackend withInterleaved = new SimdBackend(threads, interleaved)) {
                                String what = blocking.label() + ", kc " + rows.kc() + ", " + caches.source() + ", "
                                        + threads + " threads, k " + k;
                                float[] p = multiply(withRows, false, false, m, n, k, a, b);
                                float[] d = denseRelu(withRows, m, n, k, a, b, bias);
                                assertArrayEquals(multiply(withInterleaved, false, false, m, n, k, a, b), p, what);
                                assertArrayEquals(denseRelu(withInterleaved, m, n, k, a, b, bias), d, what + ", bias and ReLU");
                                if (product != null) {
                                    assertArrayEquals(product, p, what + ": 1 and 3 threads differ");
                                    assertArrayEquals(dense, d, what + ", bias and ReLU: 1 and 3 threads differ");
                                }
                                product = p;
                                dense = d;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The two-phase tasks run column panel by column panel when a task's A for all of k fits where
     * one A block would (n ≥ kc here, with two k blocks), else k block by k block. Both give every
     * tile its k blocks in the same order, so a wide product (by column) must equal, bit for bit,
     * the products of its one-panel slices of B (by k block), for every blocking, with row-major
     * and interleaved A panels. kc 64 and 7 row panels per A block make both orders run on one
     * thread at a small size (20 row panels: several tasks).
     */
    @Test
    void columnPanelOrderGivesTheSameBitsAsKBlockOrder() {
        Random r = new Random(14);
        for (Blocking blocking : Blocking.values()) {
            for (boolean rowMajor : new boolean[] {false, true}) {
                if (rowMajor && !MicroKernel.hasRowKernel(blocking)) {
                    continue;
                }
                GemmConfig config = new GemmConfig(blocking, MicroKernel.VL, 64, 7, rowMajor, "test: kc 64, 7 row panels");
                int nr = config.nr();
                int m = 20 * blocking.rows + 1;
                int k = 2 * 64 - 5;                  // two k blocks
                int n = Math.max(4, ceilDiv(64, nr)) * nr + 3; // ≥ kc: by column panel
                float[] a = randomArray(m * k, r);
                float[] b = randomArray(k * n, r);
                try (SimdBackend be = new SimdBackend(1, config)) {
                    float[] wide = multiply(be, false, false, m, n, k, a, b);
                    for (int j0 = 0; j0 + nr <= n; j0 += nr) { // one panel, n < kc: by k block
                        float[] slice = new float[k * nr];
                        for (int p = 0; p < k; p++) {
                            System.arraycopy(b, p * n + j0, slice, p * nr, nr);
                        }
                        float[] narrow = multiply(be, false, false, m, nr, k, a, slice);
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < nr; j++) {
                                assertEquals(Float.floatToIntBits(narrow[i * nr + j]), Float.floatToIntBits(wide[i * n + j0 + j]),
                                        blocking.label() + (rowMajor ? ", row-major A" : ", interleaved A") + ": C[" + i + ", "
                                                + (j0 + j) + "]");
                            }
                        }
                    }
                }
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    /**
     * Products narrower than a micro-tile (a 10-class output layer, a 1-wide regression head), which
     * Sgemm.narrow computes as Cᵀ = op(B)ᵀ·op(A)ᵀ and transposes back with alpha and beta when that
     * saves FMAs (natively: n = 1 and 3 with m = 37 and 128, and n = 10 with m = 128; the other
     * shapes stay direct): every transpose, 1 and 2 threads, within the bound.
     */
    @Test
    void narrowProductsOnEveryTransposeAreWithinTheBound() {
        Random r = new Random(11);
        int nr = one.gemmConfig().nr();
        for (int n : new int[] {1, 3, 10, nr - 1}) {
            for (int m : new int[] {5, 37, 128}) {
                int k = 1 + r.nextInt(300);
                for (int t = 0; t < 4; t++) {
                    check(t % 2 == 0 ? one : two, t >= 2, (t & 1) == 1, m, n, k, 0.5f, t == 1 ? 0f : 0.75f, r);
                }
            }
        }
    }

    /**
     * Edge row panels of every height from 1 to MR − 1 rows, on every blocking, with odd and even
     * k: with two vectors per row they are computed two rows at a time
     * ({@code MicroKernel.bufferedTile}, even and odd k steps summed apart), and must stay within the
     * bound like a full tile. Alpha and beta exercise the store that follows.
     */
    @Test
    void edgeRowPanelsOfEveryHeightWithOddAndEvenKAreWithinTheBound() {
        Random r = new Random(10);
        for (Blocking blocking : Blocking.values()) {
            GemmConfig config = SimdConformanceTest.forced(blocking, CacheSizes.detect());
            try (SimdBackend single = new SimdBackend(1, config)) {
                for (int edge = 1; edge < blocking.rows; edge++) {
                    for (int k : new int[] {1, 2, 37, 64}) {
                        boolean ta = (edge + k) % 2 == 0;
                        check(single, ta, false, 2 * blocking.rows + edge, 2 * config.nr() + 3, k, 0.5f,
                                edge % 2 == 0 ? 0f : 0.75f, r);
                    }
                }
            }
        }
    }

    /**
     * Products whose rows fit one A block are split into one part of C per thread (by rows when A is
     * stored as is with at least 128 rows or when m &gt; n, else by columns: 130 rows with Aᵀ, and
     * 37 rows), each packed and computed on its own: the same bits as one thread,
     * and within the bound, with edges in both dimensions, two uneven k blocks, alpha and beta.
     */
    @Test
    void splitProductsOnTwoAndThreeThreadsMatchOneThread() {
        Random r = new Random(9);
        int kc = one.gemmConfig().kc();
        int[][] shapes = {{130, 301, kc + kc / 2 + 3}, {301, 97, kc + 7}, {37, 1000, 50}};
        try (SimdBackend three = new SimdBackend(3)) {
            for (int[] s : shapes) {
                for (int t = 0; t < 4; t++) {
                    boolean ta = t >= 2;
                    boolean tb = (t & 1) == 1;
                    float[] a = randomArray(s[0] * s[2], r);
                    float[] b = randomArray(s[2] * s[1], r);
                    float[] c1 = multiply(one, ta, tb, s[0], s[1], s[2], a, b);
                    assertArrayEquals(c1, multiply(two, ta, tb, s[0], s[1], s[2], a, b), "1 and 2 threads differ");
                    assertArrayEquals(c1, multiply(three, ta, tb, s[0], s[1], s[2], a, b), "1 and 3 threads differ");
                    check(two, ta, tb, s[0], s[1], s[2], 0.5f, 0.75f, r);
                    check(three, ta, tb, s[0], s[1], s[2], 1f, 0f, r);
                }
            }
        }
    }

    /**
     * A configuration with a tall blocking (as AVX-512 gets: 8x2, and 12x2 from 256 rows) computes a
     * product below the threshold exactly as its short blocking alone and one from the threshold
     * exactly as the tall blocking alone (the same bits: the routing), on every transpose, with the
     * fused bias and ReLU, on 1 and 2 threads, which agree, and within the bound. A narrow product
     * counts the rows of the transpose it is computed as. (The two blockings
     * do not always give the same bits as each other: an edge panel's rows that {@code rowPair}
     * computes sum even and odd k steps apart, and which rows fall in an edge panel depends on MR.)
     * Built at this machine's width, so it runs under AVX2 too, where 12x2 spills but computes the same.
     */
    @Test
    void aTallBlockingTakesTheProductsFromItsThresholdOn() {
        Random r = new Random(13);
        CacheSizes caches = CacheSizes.detect();
        GemmConfig shortOnly = GemmConfig.choose("8x2", MicroKernel.VL, caches, 0, 0, null);
        GemmConfig tallOnly = GemmConfig.choose("12x2", MicroKernel.VL, caches, 0, 0, null);
        GemmConfig both = new GemmConfig(shortOnly.blocking(), MicroKernel.VL, shortOnly.kc(), shortOnly.mcPanels(),
                false, tallOnly, "test: 8x2 with 12x2 for tall products");
        int t0 = GemmConfig.TALL_MIN_ROWS;
        int kc = shortOnly.kc();
        int[][] shapes = {{t0 - 1, 70, kc + 5}, {t0, 70, kc + 5}, {t0 + 13, 3 * shortOnly.nr() + 1, 2 * kc + 1}, {784, 8, 64}};
        float[][] oneThread = new float[shapes.length * 5][];
        for (int threads : new int[] {1, 2}) {
            try (SimdBackend plain = new SimdBackend(threads, shortOnly); SimdBackend tall = new SimdBackend(threads, tallOnly);
                 SimdBackend withTall = new SimdBackend(threads, both)) {
                Random data = new Random(14); // the same operands on both thread counts
                for (int i = 0; i < shapes.length; i++) {
                    int[] s = shapes[i];
                    // 784 x 8 is narrow at either width: computed as its transpose, whose 8 rows take the short blocking
                    SimdBackend expected = s[0] >= t0 && s[1] > 8 ? tall : plain;
                    for (int t = 0; t < 5; t++) {
                        boolean ta = t == 2 || t == 3;
                        boolean tb = t == 1 || t == 3;
                        float[] a = randomArray(s[0] * s[2], data);
                        float[] b = randomArray(s[2] * s[1], data);
                        float[] bias = randomArray(s[1], data);
                        String what = s[0] + "x" + s[2] + "x" + s[1] + (t == 4 ? " dense ReLU" : " ta=" + ta + " tb=" + tb)
                                + ", " + threads + " thread(s)";
                        float[] got = t == 4 ? denseRelu(withTall, s[0], s[1], s[2], a, b, bias)
                                : multiply(withTall, ta, tb, s[0], s[1], s[2], a, b);
                        float[] want = t == 4 ? denseRelu(expected, s[0], s[1], s[2], a, b, bias)
                                : multiply(expected, ta, tb, s[0], s[1], s[2], a, b);
                        assertArrayEquals(want, got, what);
                        if (threads == 1) {
                            oneThread[i * 5 + t] = got;
                        } else {
                            assertArrayEquals(oneThread[i * 5 + t], got, what + ": 1 and 2 threads differ");
                        }
                    }
                }
                check(withTall, false, false, t0 + 13, 70, kc + 5, 0.5f, 0.75f, r);
                check(withTall, true, true, t0, 33, 2 * kc + 1, 1f, 0f, r);
            }
        }
    }

    @Test
    void largeSquareOnTwoThreads() {
        check(two, false, false, 300, 300, 300, 1f, 0f, new Random(6));
        check(two, true, true, 257, 263, 519, 1f, 0.5f, new Random(7));
    }

    private static float[] multiply(SimdBackend be, boolean ta, boolean tb, int m, int n, int k, float[] a, float[] b) {
        Tensor at = be.fromArray(a, ta ? k : m, ta ? m : k);
        Tensor bt = be.fromArray(b, tb ? n : k, tb ? k : n);
        Tensor c = be.tensor(m, n);
        be.gemm(ta, tb, 1f, at, bt, 0f, c);
        return c.toArray();
    }

    /** The fused dense forward pass, ReLU(A·B + bias): the epilogue on the last k block. */
    private static float[] denseRelu(SimdBackend be, int m, int n, int k, float[] a, float[] b, float[] bias) {
        Tensor y = be.tensor(m, n);
        be.denseForward(be.fromArray(a, m, k), be.fromArray(b, k, n), be.fromArray(bias, n), Activation.RELU, y);
        return y.toArray();
    }

    static void check(Backend be, boolean ta, boolean tb, int m, int n, int k, float alpha, float beta, Random r) {
        float[] a = randomArray(m * k, r);
        float[] b = randomArray(k * n, r);
        float[] c0 = randomArray(m * n, r);
        Tensor at = be.fromArray(a, ta ? k : m, ta ? m : k);
        Tensor bt = be.fromArray(b, tb ? n : k, tb ? k : n);
        Tensor ct = be.fromArray(c0, m, n);
        be.gemm(ta, tb, alpha, at, bt, beta, ct);
        float[] got = ct.toArray();

        Tensor an = naive.fromArray(a, ta ? k : m, ta ? m : k);
        Tensor bn = naive.fromArray(b, tb ? n : k, tb ? k : n);
        Tensor cn = naive.fromArray(c0, m, n);
        naive.gemm(ta, tb, alpha, an, bn, beta, cn);
        float[] want = cn.toArray();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double mag = 0;
                for (int p = 0; p < k; p++) {
                    float aip = ta ? a[p * m + i] : a[i * k + p];
                    float bpj = tb ? b[j * k + p] : b[p * n + j];
                    mag += Math.abs((double) aip * bpj);
                }
                double bound = (k + 2) * U * (Math.abs(alpha) * mag + Math.abs(beta * c0[i * n + j])) + 1e-30;
                double err = Math.abs(got[i * n + j] - want[i * n + j]);
                if (!(err <= bound)) {
                    assertEquals(want[i * n + j], got[i * n + j], bound, String.format(
                            "C[%d,%d] of %dx%dx%d transA=%b transB=%b alpha=%s beta=%s threads=%d",
                            i, j, m, k, n, ta, tb, alpha, beta, be.threads()));
                }
            }
        }
    }

    static Tensor random(Backend be, int rows, int cols, Random r) {
        return be.fromArray(randomArray(rows * cols, r), rows, cols);
    }

    static float[] randomArray(int n, Random r) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
