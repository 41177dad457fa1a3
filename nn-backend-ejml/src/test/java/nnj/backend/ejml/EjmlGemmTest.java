package nnj.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.backend.naive.NaiveBackend;
import org.ejml.concurrency.EjmlConcurrency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * gemm on EJML against the naive reference: every transpose combination, α and β in {0, 1, other},
 * odd shapes (1, 7, 33, 257) and the MLP's shapes, on both the single-threaded and the threaded
 * EJML path.
 *
 * <p>Tolerance: EJML accumulates in float, naive in double. Summing k products of numbers in
 * [−1, 1] in float is off by at most about k·2⁻²⁴·Σ|aᵢbᵢ| ≤ k²·6e−8, and in practice by about
 * √k·6e−8·√k; {@link #tolerance} allows 1e−6·k + 1e−6, far above that and far below the O(1)
 * error that a wrong index, a lost β or a skipped transpose gives.
 */
class EjmlGemmTest {
    private final EjmlBackend ejml = new EjmlBackend();
    private final NaiveBackend naive = new NaiveBackend();

    @AfterEach
    void close() {
        ejml.close();
        naive.close();
    }

    /** (m, n, k) triples: each odd size in each position, and the 784-256-128-10 MLP's products. */
    static List<int[]> shapes() {
        List<int[]> s = new ArrayList<>();
        int[] odd = {1, 7, 33, 257};
        for (int m : odd) {
            for (int n : odd) {
                for (int k : odd) {
                    if ((long) m * n * k <= 257L * 33 * 33) { // keeps the double-precision reference quick
                        s.add(new int[] {m, n, k});
                    }
                }
            }
        }
        s.add(new int[] {128, 256, 784}); // forward, layer 1: X·W
        s.add(new int[] {784, 256, 128}); // dW = Xᵀ·dY
        s.add(new int[] {128, 784, 256}); // dX = dY·Wᵀ
        s.add(new int[] {128, 10, 128});  // output layer
        return s;
    }

    static Stream<Arguments> cases() {
        List<Arguments> args = new ArrayList<>();
        float[][] alphaBeta = {{1f, 0f}, {1f, 1f}, {-0.75f, 0f}, {1f, 0.5f}, {2.5f, -1.25f}, {0f, 0.5f}, {0f, 0f}};
        int i = 0;
        for (int[] s : shapes()) {
            for (int t = 0; t < 4; t++) {
                // Every shape and transpose meets a few α/β pairs, and every pair meets every transpose.
                float[] ab = alphaBeta[(i++) % alphaBeta.length];
                args.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, ab[0], ab[1]));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} tA={3} tB={4} α={5} β={6}")
    @MethodSource("cases")
    void matchesNaiveSingleThreaded(int m, int n, int k, boolean tA, boolean tB, float alpha, float beta) {
        ejml.setThreads(1);
        compareWithNaive(m, n, k, tA, tB, alpha, beta);
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} tA={3} tB={4} α={5} β={6}")
    @MethodSource("cases")
    void matchesNaiveWithTwoThreads(int m, int n, int k, boolean tA, boolean tB, float alpha, float beta) {
        ejml.setThreads(2);
        compareWithNaive(m, n, k, tA, tB, alpha, beta);
    }

    private void compareWithNaive(int m, int n, int k, boolean tA, boolean tB, float alpha, float beta) {
        Random rnd = new Random(31L * m + 17L * n + k);
        float[] a = random(rnd, m * k);
        float[] b = random(rnd, k * n);
        float[] c = random(rnd, m * n);
        float[] expected = gemm(naive, m, n, k, tA, tB, alpha, a, b, beta, c);
        float[] actual = gemm(ejml, m, n, k, tA, tB, alpha, a, b, beta, c);
        assertClose(expected, actual, tolerance(k, alpha, beta), "gemm m=" + m + " n=" + n + " k=" + k);
    }

    private static float tolerance(int k, float alpha, float beta) {
        return (1e-6f * k + 1e-6f) * Math.max(1f, Math.abs(alpha)) + 1e-6f * Math.abs(beta);
    }

    @Test
    void threadedPathIsTakenForLargeProductsAndMatchesNaive() {
        int m = 160;
        int n = 160;
        int k = 160;
        assertTrue(EjmlGemm.threaded(m, n, k, 2), "this test needs a product above the threaded threshold");
        assertFalse(EjmlGemm.threaded(m, n, k, 1), "one thread must never use the threaded path");
        ejml.setThreads(2);
        assertTrue(ejml.threadedGemm(m, n, k));
        assertFalse(ejml.threadedGemm(128, 10, 128), "a small output layer stays on the caller's thread");
        for (int t = 0; t < 4; t++) {
            boolean tA = (t & 1) != 0;
            boolean tB = (t & 2) != 0;
            compareWithNaive(m, n, k, tA, tB, 1f, 0f);
            compareWithNaive(m, n, k, tA, tB, 0.5f, 1f);
            compareWithNaive(m, n, k, tA, tB, -2f, 0.25f);
        }
        assertEquals(2, EjmlConcurrency.getMaxThreads(), "EJML's pool must be bounded by threads()");
    }

    @Test
    void threadedPoolFollowsThreadCount() {
        ejml.setThreads(3);
        Random rnd = new Random(5);
        int s = 160;
        gemm(ejml, s, s, s, false, false, 1f, random(rnd, s * s), random(rnd, s * s), 0f, new float[s * s]);
        assertEquals(3, EjmlConcurrency.getMaxThreads());
        ejml.setThreads(2);
        gemm(ejml, s, s, s, false, false, 1f, random(rnd, s * s), random(rnd, s * s), 0f, new float[s * s]);
        assertEquals(2, EjmlConcurrency.getMaxThreads());
    }

    @Test
    void sameThreadCountGivesBitwiseIdenticalResults() {
        Random rnd = new Random(11);
        int s = 200;
        float[] a = random(rnd, s * s);
        float[] b = random(rnd, s * s);
        float[] c = random(rnd, s * s);
        for (int threads : new int[] {1, 2}) {
            ejml.setThreads(threads);
            for (int t = 0; t < 4; t++) {
                boolean tA = (t & 1) != 0;
                boolean tB = (t & 2) != 0;
                float[] first = gemm(ejml, s, s, s, tA, tB, 0.5f, a, b, 0.25f, c);
                float[] second = gemm(ejml, s, s, s, tA, tB, 0.5f, a, b, 0.25f, c);
                assertArrayEquals(first, second, "threads=" + threads + " tA=" + tA + " tB=" + tB);
            }
        }
    }

    @Test
    void betaZeroDoesNotReadC() {
        for (int threads : new int[] {1, 2}) {
            ejml.setThreads(threads);
            for (int s : new int[] {7, 160}) {
                for (int t = 0; t < 4; t++) {
                    float[] c = new float[s * s];
                    Arrays.fill(c, Float.NaN);
                    Random rnd = new Random(3);
                    float[] out = gemm(ejml, s, s, s, (t & 1) != 0, (t & 2) != 0, 1f,
                            random(rnd, s * s), random(rnd, s * s), 0f, c);
                    for (float v : out) {
                        assertTrue(Float.isFinite(v), "a NaN in C leaked through β = 0 (size " + s + ")");
                    }
                }
            }
        }
    }

    @Test
    void emptyDimensionsAreHandled() {
        // k = 0: C = β·C; m or n = 0: nothing to do. EJML never sees these.
        float[] c = {1f, 2f, 3f, 4f, 5f, 6f};
        Tensor a = ejml.tensor(2, 0);
        Tensor b = ejml.tensor(0, 3);
        Tensor ct = ejml.fromArray(c, 2, 3);
        ejml.gemm(false, false, 1f, a, b, 0.5f, ct);
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f, 2.5f, 3f}, ct.toArray());
        ejml.gemm(true, true, 1f, ejml.tensor(0, 2), ejml.tensor(3, 0), 0f, ct);
        assertArrayEquals(new float[6], ct.toArray());
        Tensor empty = ejml.tensor(0, 3);
        ejml.gemm(false, false, 1f, ejml.tensor(0, 4), ejml.tensor(4, 3), 0f, empty);
        assertEquals(0, empty.size());
    }

    // ---------------------------------------------------------------------------------- helpers

    /** Runs gemm on {@code backend} with A, B, C given as stored (A is k×m when tA, B is n×k when tB). */
    static float[] gemm(Backend backend, int m, int n, int k, boolean tA, boolean tB, float alpha,
                        float[] a, float[] b, float beta, float[] c) {
        Tensor at = tA ? backend.fromArray(a, k, m) : backend.fromArray(a, m, k);
        Tensor bt = tB ? backend.fromArray(b, n, k) : backend.fromArray(b, k, n);
        Tensor ct = backend.fromArray(c, m, n);
        backend.gemm(tA, tB, alpha, at, bt, beta, ct);
        return ct.toArray();
    }

    static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat() * 2f - 1f;
        }
        return x;
    }

    static void assertClose(float[] expected, float[] actual, float tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            if (Float.isNaN(e) || Float.isNaN(a)) {
                assertEquals(Float.isNaN(e), Float.isNaN(a), what + " at " + i + ": expected " + e + ", got " + a);
            } else if (Float.isInfinite(e)) {
                assertEquals(e, a, what + " at " + i);
            } else {
                float scaled = tol * Math.max(1f, Math.abs(e));
                assertTrue(Math.abs(e - a) <= scaled,
                        what + " at " + i + ": expected " + e + ", got " + a + " (tolerance " + scaled + ")");
            }
        }
    }
}
