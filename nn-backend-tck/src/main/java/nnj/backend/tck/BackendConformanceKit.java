package nnj.backend.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Activation;
import nnj.api.backend.Backend;
import nnj.api.backend.BinaryOp;
import nnj.api.backend.FusedUpdates;
import nnj.api.backend.RowReduction;
import nnj.api.backend.UnaryOp;
import nnj.api.optim.Adam;
import nnj.api.optim.Sgd;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The conformance kit: every kernel of the backend under test, checked against the naive reference
 * on odd shapes and on the MLP's shapes, plus NaN/Inf behaviour, aliasing rules, determinism and
 * argument errors.
 *
 * <p>Use it by extending it in your backend's test sources:
 * <pre>{@code
 * class MyBackendConformanceTest extends BackendConformanceKit {
 *     protected Backend createBackend() { return new MyBackend(); }
 * }
 * }</pre>
 *
 * <p>Tolerances, and why: gemm allows 1e-6·(k + 8) of Σₚ|aᵢₚ·bₚⱼ| (float32 summation in any order
 * is off by at most about k·6e-8 of that sum; a wrong index is off by O(1)). Element-wise kernels
 * allow 2e-6 absolute plus 1e-5 relative (a few ulps, room for vectorised exp/tanh). Reductions
 * scale their tolerance with the row length. NaN must meet NaN and an infinity the same infinity.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceKit extends ImageConformance {

    /** Sizes chosen to miss every vector width and block size: 1, 7, 33, 257. */
    protected static final int[] ODD = {1, 7, 33, 257};

    /** A new instance of the backend under test. Called once per test class. */
    protected abstract Backend createBackend();

    /** The backend under test. */
    protected Backend backend;
    /** The naive reference. */
    protected Backend reference;

    @BeforeAll
    void openBackends() {
        backend = createBackend();
        reference = new NaiveBackend();
    }

    @AfterAll
    void closeBackends() {
        backend.close();
        reference.close();
    }

    // ------------------------------------------------------------------------------ helpers

    /** A tensor on the backend under test holding {@code data}. */
    protected Tensor on(float[] data, int... dims) {
        return backend.fromArray(data, dims);
    }

    /** A tensor on the reference holding {@code data}. */
    protected Tensor ref(float[] data, int... dims) {
        return reference.fromArray(data, dims);
    }

    /** How failures name the backend: its name and its thread count, e.g. {@code simd, 2 threads}. */
    protected String name() {
        int t = backend.threads();
        return backend.name() + ", " + t + (t == 1 ? " thread" : " threads");
    }

    private static Tensor same(Backend b, Tensor like) {
        return b.tensor(like.shape());
    }

    // --------------------------------------------------------------------------------- gemm

    static Stream<Arguments> gemmShapes() {
        List<Arguments> out = new ArrayList<>();
        int[] small = {1, 7, 33};
        for (int m : small) {
            for (int n : small) {
                for (int k : small) {
                    out.add(Arguments.of(m, n, k));
                }
            }
        }
        int[][] big = {
            {257, 257, 257}, {257, 1, 33}, {1, 257, 257}, {33, 257, 7}, {7, 33, 257},
            // The MLP 784-256-128-10 at batch 32 and 128: forward (n, out, in), dW (in, out, n), dX (n, in, out).
            {32, 256, 784}, {128, 256, 784}, {128, 128, 256}, {128, 10, 128}, {32, 10, 128},
            {784, 256, 128}, {256, 128, 128}, {128, 10, 32}, {128, 256, 128}, {32, 128, 10},
            // The same with an odd batch (a last, short epoch batch): a kernel that splits the rows
            // between threads and drops the last row of an odd split fails these.
            {127, 256, 784}, {127, 10, 128}, {784, 256, 127}, {127, 128, 256},
        };
        for (int[] s : big) {
            out.add(Arguments.of(s[0], s[1], s[2]));
        }
        List<Arguments> withTransposes = new ArrayList<>();
        for (Arguments a : out) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    Object[] mnk = a.get();
                    withTransposes.add(Arguments.of(mnk[0], mnk[1], mnk[2], ta, tb));
                }
            }
        }
        return withTransposes.stream();
    }

    /** One test per shape and transpose case, so that one failing case does not hide the others. */
    @ParameterizedTest(name = "gemm m={0} n={1} k={2} transA={3} transB={4}")
    @MethodSource("gemmShapes")
    void gemmMatchesReference(int m, int n, int k, boolean ta, boolean tb) {
        checkGemm(ta, tb, m, n, k, 1f, 0f, 11);
    }

    static Stream<Arguments> alphaBeta() {
        List<Arguments> out = new ArrayList<>();
        for (float alpha : new float[] {1f, 0f, -1.5f}) {
            for (float beta : new float[] {0f, 1f, 0.25f}) {
                out.add(Arguments.of(alpha, beta));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "gemm alpha={0} beta={1}")
    @MethodSource("alphaBeta")
    void gemmHonoursAlphaAndBeta(float alpha, float beta) {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                checkGemm(ta, tb, 33, 7, 65, alpha, beta, 23);
                checkGemm(ta, tb, 130, 70, 300, alpha, beta, 29);
            }
        }
    }

    /** Runs one gemm on both backends from the same seeded inputs and compares C. */
    protected void checkGemm(boolean ta, boolean tb, int m, int n, int k, float alpha, float beta, long seed) {
        int[] aDims = ta ? new int[] {k, m} : new int[] {m, k};
        int[] bDims = tb ? new int[] {n, k} : new int[] {k, n};
        float[] a = TestData.uniform(seed, m * k, -1f, 1f);
        float[] b = TestData.uniform(seed + 1, k * n, -1f, 1f);
        float[] c = TestData.uniform(seed + 2, m * n, -1f, 1f);
        Tensor cr = ref(c, m, n);
        reference.gemm(ta, tb, alpha, ref(a, aDims), ref(b, bDims), beta, cr);
        Tensor ct = on(c, m, n);
        backend.gemm(ta, tb, alpha, on(a, aDims), on(b, bDims), beta, ct);
        // |error| ≤ 1e-6·(k + 8)·Σₚ|a||b|; with |a|, |b| ≤ 1 the sum is at most k, plus β|c|.
        double bound = 1e-6 * (k + 8) * (Math.abs(alpha) * k + Math.abs(beta) + 1);
        String what = "gemm(transA=" + ta + ", transB=" + tb + ", alpha=" + alpha + ", beta=" + beta + ") A "
                + Compare.shape(aDims) + " B " + Compare.shape(bDims) + " C " + Compare.shape(m, n);
        Compare.close(name(), what, cr.toArray(), ct.toArray(), n, (i, e) -> bound);
    }

    @Test
    void gemmWithBetaZeroDoesNotReadC() {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                float[] nan = new float[7 * 9];
                java.util.Arrays.fill(nan, Float.NaN);
                Tensor c = on(nan, 7, 9);
                Tensor a = on(TestData.uniform(1, 7 * 5, -1, 1), ta ? new int[] {5, 7} : new int[] {7, 5});
                Tensor b = on(TestData.uniform(2, 5 * 9, -1, 1), tb ? new int[] {9, 5} : new int[] {5, 9});
                backend.gemm(ta, tb, 1f, a, b, 0f, c);
                for (float v : c.toArray()) {
                    assertTrue(Float.isFinite(v), "[" + name() + "] gemm(transA=" + ta + ", transB=" + tb
                            + ", beta=0) let a NaN from C through: with beta = 0, C must be overwritten, not read");
                }
            }
        }
    }

    @Test
    void gemmWithAlphaZeroDoesNotReadAOrB() {
        float[] nan = new float[6 * 4];
        java.util.Arrays.fill(nan, Float.NaN);
        Tensor c = on(TestData.uniform(3, 6 * 5, -1, 1), 6, 5);
        float[] expected = c.toArray();
        for (int i = 0; i < expected.length; i++) {
            expected[i] *= 0.5f;
        }
        backend.gemm(false, false, 0f, on(nan, 6, 4), on(new float[4 * 5], 4, 5), 0.5f, c);
        Compare.close(name(), "gemm(alpha=0, beta=0.5) with NaN in A", expected, c.toArray(), 5,
                Compare.relative(0, 0));
    }

    @Test
    void gemmPropagatesNaNAndInfinityLikeTheReference() {
        float[] a = TestData.uniform(5, 9 * 11, -1, 1);
        float[] b = TestData.uniform(6, 11 * 13, -1, 1);
        a[2 * 11 + 3] = Float.NaN;
        a[5 * 11 + 1] = Float.POSITIVE_INFINITY;
        b[4 * 13 + 7] = Float.NEGATIVE_INFINITY;
        Tensor cr = reference.tensor(9, 13);
        reference.gemm(false, false, 1f, ref(a, 9, 11), ref(b, 11, 13), 0f, cr);
        Tensor ct = backend.tensor(9, 13);
        backend.gemm(false, false, 1f, on(a, 9, 11), on(b, 11, 13), 0f, ct);
        Compare.close(name(), "gemm with NaN and ±Inf in A and B", cr.toArray(), ct.toArray(), 13,
                (i, e) -> 1e-4);
    }

    @Test
    void gemmHandlesEmptyDimensions() {
        Tensor c = on(new float[] {1, 2, 3, 4}, 2, 2);
        backend.gemm(false, false, 1f, backend.tensor(2, 0), backend.tensor(0, 2), 0.5f, c);
        Compare.close(name(), "gemm with k = 0 (C = beta·C)", new float[] {0.5f, 1, 1.5f, 2}, c.toArray(), 2,
                Compare.relative(0, 0));
        backend.gemm(false, false, 1f, backend.tensor(0, 3), backend.tensor(3, 2), 0f, backend.tensor(0, 2));
    }

    @Test
    void gemmRefusesMismatchedShapesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backend.gemm(false, false, 1f,
                backend.tensor(3, 4), backend.tensor(5, 6), 0f, backend.tensor(3, 6)));
        assertTrue(e.getMessage().contains("(3, 4)") && e.getMessage().contains("(5, 6)"),
                "[" + name() + "] gemm's shape error should name both shapes: " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> backend.gemm(false, false, 1f,
                backend.tensor(3, 4), backend.tensor(4, 6), 0f, backend.tensor(3, 5)));
    }

    @Test
    void gemmRefusesAnOutputThatAliasesAnInput() {
        Tensor a = backend.tensor(4, 4);
        Tensor b = backend.tensor(4, 4);
        assertThrows(IllegalArgumentException.class, () -> backend.gemm(false, false, 1f, a, b, 0f, a),
                "[" + name() + "] gemm must refuse C == A");
        assertThrows(IllegalArgumentException.class, () -> backend.gemm(false, true, 1f, a, b, 0f, b),
                "[" + name() + "] gemm must refuse C == B");
    }

    @ParameterizedTest(name = "gemm with {0} threads")
    @ValueSource(ints = {1, 2, 3})
    void gemmIsCorrectForEveryThreadCount(int threads) {
        int before = backend.threads();
        backend.setThreads(threads);
        try {
            checkGemm(false, false, 257, 130, 300, 1f, 0f, 41);
            checkGemm(true, true, 128, 256, 784, 1f, 1f, 43);
        } finally {
            backend.setThreads(before);
        }
    }

    @Test
    void resultsAreBitwiseIdenticalForAFixedThreadCount() {
        int before = backend.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                backend.setThreads(threads);
                float[] first = runEveryKernelOnce();
                float[] second = runEveryKernelOnce();
                Compare.identical(name(), "a sequence of kernels with " + threads + " threads", first, second);
            }
        } finally {
            backend.setThreads(before);
        }
    }

    /**
     * The reductions give the same bits from the first call on, while the JIT compiles them: a
     * thousand calls on one thread, each compared with the first. A sum whose order depends on
     * whether its code is interpreted or compiled (the Vector API's {@code reduceLanes(ADD)} on JDK
     * 25) fails here on every run; the pair of runs above catches it only now and then.
     */
    @Test
    void reductionsGiveTheSameBitsBeforeAndAfterTheJit() {
        int before = backend.threads();
        try {
            backend.setThreads(1);
            Tensor x = on(TestData.uniform(31, 131 * 255, -1, 1), 131, 255);
            Tensor y = on(TestData.uniform(32, 131 * 255, -1, 1), 131, 255);
            Tensor col = backend.tensor(255);
            Tensor row = backend.tensor(131);
            float[] first = new float[col.size() + row.size() + 2];
            reductionsInto(x, y, col, row, first);
            float[] again = new float[first.length];
            for (int call = 1; call <= 1_000; call++) {
                reductionsInto(x, y, col, row, again);
                Compare.identical(name(), "sum, dot, sumColumns and reduceRows(SUM), call " + call + " against the first,",
                        first, again);
            }
        } finally {
            backend.setThreads(before);
        }
    }

    private void reductionsInto(Tensor x, Tensor y, Tensor col, Tensor row, float[] out) {
        backend.sumColumns(x, 0f, col);
        backend.reduceRows(RowReduction.SUM, x, row);
        backend.download(col, out, 0);
        backend.download(row, out, col.size());
        out[col.size() + row.size()] = (float) backend.sum(x);
        out[col.size() + row.size() + 1] = (float) backend.dot(x, y);
    }

    /** A sample of kernels whose outputs are concatenated, for the determinism check. */
    private float[] runEveryKernelOnce() {
        Tensor a = on(TestData.uniform(7, 257 * 300, -1, 1), 257, 300);
        Tensor b = on(TestData.uniform(8, 300 * 130, -1, 1), 300, 130);
        Tensor c = backend.tensor(257, 130);
        backend.gemm(false, false, 1f, a, b, 0f, c);
        Tensor col = backend.tensor(130);
        backend.sumColumns(c, 0f, col);
        Tensor row = backend.tensor(257);
        backend.reduceRows(RowReduction.LOG_SUM_EXP, c, row);
        Tensor sm = backend.tensor(257, 130);
        backend.softmaxRows(c, sm);
        float[] out = new float[c.size() + col.size() + row.size() + sm.size() + 2];
        c.copyTo(new float[c.size()]);
        int p = 0;
        for (Tensor t : new Tensor[] {c, col, row, sm}) {
            backend.download(t, out, p);
            p += t.size();
        }
        out[p++] = (float) backend.sum(c);
        out[p] = (float) backend.dot(c, c);
        return out;
    }

    @Test
    void setThreadsRefusesZero() {
        assertThrows(IllegalArgumentException.class, () -> backend.setThreads(0));
    }

    // ----------------------------------------------------------------------- element-wise

    /** Lengths that exercise vector bodies and scalar tails, plus the MLP's activation sizes. */
    static int[] lengths() {
        return new int[] {1, 7, 33, 257, 32 * 256, 128 * 128 + 3};
    }

    @ParameterizedTest(name = "unary {0}")
    @EnumSource(UnaryOp.class)
    void unaryMatchesReference(UnaryOp op) {
        for (int n : lengths()) {
            float[] x = TestData.uniform(n, n, -4f, 4f);
            if (op == UnaryOp.SQRT || op == UnaryOp.LOG) {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.abs(x[i]) + 1e-3f;
                }
            }
            checkUnary(op, x, n);
        }
        checkUnary(op, TestData.specials(), TestData.specials().length);
    }

    private void checkUnary(UnaryOp op, float[] x, int n) {
        Tensor r = reference.tensor(n);
        reference.unary(op, ref(x, n), r);
        Tensor t = backend.tensor(n);
        backend.unary(op, on(x, n), t);
        Compare.close(name(), "unary " + op + " on " + n + " elements", r.toArray(), t.toArray(), 0,
                Compare.relative(2e-6, 1e-5));
        Tensor inPlace = on(x, n);
        backend.unary(op, inPlace, inPlace);
        Compare.close(name(), "unary " + op + " in place on " + n + " elements", r.toArray(), inPlace.toArray(),
                0, Compare.relative(2e-6, 1e-5));
    }

    @ParameterizedTest(name = "binary {0}")
    @EnumSource(BinaryOp.class)
    void binaryMatchesReference(BinaryOp op) {
        for (int n : lengths()) {
            float[] a = TestData.uniform(n + 100, n, -3f, 3f);
            float[] b = TestData.uniform(n + 200, n, -3f, 3f);
            if (op == BinaryOp.DIV) {
                for (int i = 0; i < n; i++) {
                    b[i] = b[i] < 0 ? b[i] - 0.1f : b[i] + 0.1f;
                }
            }
            checkBinary(op, a, b, n);
        }
        float[] s = TestData.specials();
        float[] rotated = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            rotated[i] = s[(i + 5) % s.length];
        }
        checkBinary(op, s, rotated, s.length);
        checkBinary(op, rotated, s, s.length);
    }

    private void checkBinary(BinaryOp op, float[] a, float[] b, int n) {
        Tensor r = reference.tensor(n);
        reference.binary(op, ref(a, n), ref(b, n), r);
        float[] expected = r.toArray();
        Tensor t = backend.tensor(n);
        backend.binary(op, on(a, n), on(b, n), t);
        Compare.close(name(), "binary " + op + " on " + n + " elements", expected, t.toArray(), 0,
                Compare.relative(2e-6, 1e-5));
        Tensor ta = on(a, n);
        backend.binary(op, ta, on(b, n), ta);
        Compare.close(name(), "binary " + op + " in place (out = a) on " + n + " elements", expected, ta.toArray(),
                0, Compare.relative(2e-6, 1e-5));
        Tensor tb = on(b, n);
        backend.binary(op, on(a, n), tb, tb);
        Compare.close(name(), "binary " + op + " in place (out = b) on " + n + " elements", expected, tb.toArray(),
                0, Compare.relative(2e-6, 1e-5));
    }

    @Test
    void affineAndAxpbyMatchReference() {
        float[][] scalars = {{1f, 0f}, {0f, 1f}, {-1.5f, 0.25f}, {2f, -3f}};
        for (int n : lengths()) {
            float[] x = TestData.uniform(n + 1, n, -2, 2);
            float[] y = TestData.uniform(n + 2, n, -2, 2);
            for (float[] s : scalars) {
                Tensor r = reference.tensor(n);
                reference.affine(ref(x, n), s[0], s[1], r);
                Tensor t = on(x, n);
                backend.affine(t, s[0], s[1], t);
                Compare.close(name(), "affine(alpha=" + s[0] + ", beta=" + s[1] + ") in place on " + n + " elements",
                        r.toArray(), t.toArray(), 0, Compare.relative(2e-6, 1e-5));

                Tensor yr = ref(y, n);
                reference.axpby(s[0], ref(x, n), s[1], yr);
                Tensor yt = on(y, n);
                backend.axpby(s[0], on(x, n), s[1], yt);
                Compare.close(name(), "axpby(alpha=" + s[0] + ", beta=" + s[1] + ") on " + n + " elements",
                        yr.toArray(), yt.toArray(), 0, Compare.relative(2e-6, 1e-5));
            }
        }
    }

    @Test
    void elementWiseOpsRefuseMismatchedShapes() {
        Tensor a = backend.tensor(3, 4);
        Tensor b = backend.tensor(4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.binary(BinaryOp.ADD, a, b, a));
        assertTrue(e.getMessage().contains("(3, 4)") && e.getMessage().contains("(4, 3)"),
                "[" + name() + "] the shape error should name both shapes: " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> backend.unary(UnaryOp.RELU, a, b));
        assertThrows(IllegalArgumentException.class, () -> backend.affine(a, 1f, 0f, b));
        assertThrows(IllegalArgumentException.class, () -> backend.axpby(1f, a, 1f, b));
        assertThrows(IllegalArgumentException.class, () -> backend.dot(a, b));
        assertThrows(IllegalArgumentException.class, () -> backend.softmaxRows(a, b));
    }

    @Test
    void tensorsOfAnotherBackendAreRefusedNamingBoth() {
        Tensor mine = backend.tensor(2, 2);
        Tensor foreign = reference.tensor(2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.binary(BinaryOp.ADD, mine, foreign, mine));
        assertTrue(e.getMessage().contains(reference.name()) && e.getMessage().contains(backend.name()),
                "[" + name() + "] the error should name both backends: " + e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> backend.gemm(false, false, 1f, mine, foreign, 0f, backend.tensor(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> backend.copy(foreign, mine));
    }

    // -------------------------------------------------------------- broadcast and reductions

    static Stream<Arguments> matrixShapes() {
        List<Arguments> out = new ArrayList<>();
        for (int r : ODD) {
            for (int c : ODD) {
                out.add(Arguments.of(r, c));
            }
        }
        for (int[] s : new int[][] {{32, 784}, {128, 784}, {128, 256}, {128, 128}, {128, 10}, {32, 10}}) {
            out.add(Arguments.of(s[0], s[1]));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "row ops {0}×{1}")
    @MethodSource("matrixShapes")
    void rowAndColumnKernelsMatchReference(int rows, int cols) {
        float[] x = TestData.uniform(rows * 31L + cols, rows * cols, -5f, 5f);
        float[] bias = TestData.uniform(cols, cols, -1f, 1f);
        String shape = " on " + Compare.shape(rows, cols);

        Tensor r = reference.tensor(rows, cols);
        reference.addRowVector(ref(x, rows, cols), ref(bias, cols), r);
        Tensor t = on(x, rows, cols);
        backend.addRowVector(t, on(bias, cols), t);
        Compare.close(name(), "addRowVector (in place)" + shape, r.toArray(), t.toArray(), cols,
                Compare.relative(2e-6, 1e-6));

        float[] column = TestData.uniform(8, rows, -1, 1);
        Tensor cr0 = reference.tensor(rows, cols);
        reference.addColumnVector(ref(x, rows, cols), ref(column, rows), cr0);
        Tensor ct0 = on(x, rows, cols);
        backend.addColumnVector(ct0, on(column, rows), ct0);
        // one rounded addition per element: the reference's own result, to float rounding
        Compare.close(name(), "addColumnVector (in place)" + shape, cr0.toArray(), ct0.toArray(), cols,
                Compare.relative(2e-6, 1e-6));

        double rowTol = 1e-6 * (cols + 8);
        for (RowReduction op : RowReduction.values()) {
            Tensor rr = reference.tensor(rows);
            reference.reduceRows(op, ref(x, rows, cols), rr);
            Tensor rt = backend.tensor(rows);
            backend.reduceRows(op, on(x, rows, cols), rt);
            Compare.close(name(), "reduceRows " + op + shape, rr.toArray(), rt.toArray(), 0,
                    (i, e) -> rowTol * 5 * (1 + Math.abs(e)));
        }

        for (float beta : new float[] {0f, 1f, 0.5f}) {
            float[] prior = TestData.uniform(7, cols, -1, 1);
            Tensor cr = ref(prior, cols);
            reference.sumColumns(ref(x, rows, cols), beta, cr);
            Tensor ct = on(prior, cols);
            backend.sumColumns(on(x, rows, cols), beta, ct);
            double colTol = 1e-6 * (rows + 8) * 5 * rows;
            Compare.close(name(), "sumColumns(beta=" + beta + ")" + shape, cr.toArray(), ct.toArray(), 0,
                    (i, e) -> colTol + 1e-5);
        }

        Tensor sr = reference.tensor(rows, cols);
        reference.softmaxRows(ref(x, rows, cols), sr);
        Tensor st = on(x, rows, cols);
        backend.softmaxRows(st, st);
        Compare.close(name(), "softmaxRows (in place)" + shape, sr.toArray(), st.toArray(), cols,
                Compare.relative(1e-7, 1e-5));

        double sumTol = 1e-6 * (rows * cols + 8) * 5;
        double s = backend.sum(on(x, rows, cols));
        double sRef = reference.sum(ref(x, rows, cols));
        assertTrue(Math.abs(s - sRef) <= sumTol, "[" + name() + "] sum" + shape + ": got " + s + ", expected " + sRef);
        double d = backend.dot(on(x, rows, cols), on(x, rows, cols));
        double dRef = reference.dot(ref(x, rows, cols), ref(x, rows, cols));
        assertTrue(Math.abs(d - dRef) <= sumTol * 5 * (1 + Math.abs(dRef) / (rows * cols)),
                "[" + name() + "] dot" + shape + ": got " + d + ", expected " + dRef);
    }

    @Test
    void softmaxAndLogSumExpAreStableForHugeLogits() {
        float[] x = {1000f, 1001f, 1002f, -1000f, -1000f, -1001f, 0f, 0f, 0f};
        Tensor sr = reference.tensor(3, 3);
        reference.softmaxRows(ref(x, 3, 3), sr);
        Tensor st = backend.tensor(3, 3);
        backend.softmaxRows(on(x, 3, 3), st);
        Compare.close(name(), "softmaxRows on logits near ±1000", sr.toArray(), st.toArray(), 3,
                Compare.relative(1e-7, 1e-5));
        Tensor lr = reference.tensor(3);
        reference.reduceRows(RowReduction.LOG_SUM_EXP, ref(x, 3, 3), lr);
        Tensor lt = backend.tensor(3);
        backend.reduceRows(RowReduction.LOG_SUM_EXP, on(x, 3, 3), lt);
        Compare.close(name(), "reduceRows LOG_SUM_EXP on logits near ±1000", lr.toArray(), lt.toArray(), 0,
                Compare.relative(1e-5, 1e-6));
    }

    @Test
    void rowKernelsPropagateNaNLikeTheReference() {
        float[] x = TestData.uniform(3, 4 * 9, -1, 1);
        x[9 + 4] = Float.NaN;
        x[18 + 2] = Float.POSITIVE_INFINITY;
        x[27 + 5] = Float.NEGATIVE_INFINITY;
        for (RowReduction op : RowReduction.values()) {
            Tensor rr = reference.tensor(4);
            reference.reduceRows(op, ref(x, 4, 9), rr);
            Tensor rt = backend.tensor(4);
            backend.reduceRows(op, on(x, 4, 9), rt);
            Compare.close(name(), "reduceRows " + op + " with NaN/±Inf rows", rr.toArray(), rt.toArray(), 0,
                    Compare.relative(1e-5, 1e-5));
        }
        Tensor sr = reference.tensor(4, 9);
        reference.softmaxRows(ref(x, 4, 9), sr);
        Tensor st = backend.tensor(4, 9);
        backend.softmaxRows(on(x, 4, 9), st);
        Compare.close(name(), "softmaxRows with NaN/±Inf rows", sr.toArray(), st.toArray(), 9,
                Compare.relative(1e-7, 1e-5));
    }

    @Test
    void reductionsRefuseBadShapesAndAliasing() {
        Tensor x = backend.tensor(4, 3);
        assertThrows(IllegalArgumentException.class, () -> backend.reduceRows(RowReduction.SUM, x, backend.tensor(3)));
        assertThrows(IllegalArgumentException.class, () -> backend.sumColumns(x, 0f, backend.tensor(4)));
        assertThrows(IllegalArgumentException.class, () -> backend.addRowVector(x, backend.tensor(4), x));
        Tensor one = backend.tensor(1, 1);
        assertThrows(IllegalArgumentException.class,
                () -> backend.reduceRows(RowReduction.SUM, one, one.reshape(Shape.of(1))),
                "[" + name() + "] reduceRows must refuse an output that shares storage with its input");
        assertThrows(IllegalArgumentException.class, () -> backend.sumColumns(one, 0f, one.reshape(Shape.of(1))),
                "[" + name() + "] sumColumns must refuse an output that shares storage with its input");
    }

    // ------------------------------------------------------------ host transfer, fill, copy

    @Test
    void hostTransferFillCopyAndGather() {
        float[] src = TestData.uniform(9, 10 * 6, -1, 1);
        Tensor t = on(src, 10, 6);
        Compare.close(name(), "upload then download", src, t.toArray(), 6, Compare.relative(0, 0));

        float[] padded = new float[70];
        backend.download(t, padded, 5);
        Compare.close(name(), "download at an offset", src,
                java.util.Arrays.copyOfRange(padded, 5, 65), 6, Compare.relative(0, 0));
        Tensor u = backend.tensor(10, 6);
        backend.upload(padded, 5, u);
        Compare.close(name(), "upload from an offset", src, u.toArray(), 6, Compare.relative(0, 0));
        assertThrows(IllegalArgumentException.class, () -> backend.upload(new float[10], 0, u));
        assertThrows(IllegalArgumentException.class, () -> backend.download(u, new float[59], 0));

        backend.fill(u, 2.5f);
        for (float v : u.toArray()) {
            assertEquals(2.5f, v, "[" + name() + "] fill");
        }
        backend.copy(t, u);
        Compare.close(name(), "copy", src, u.toArray(), 6, Compare.relative(0, 0));

        int[] idx = {9, 0, 3, 3, 7, 2, 8};
        Tensor g = backend.tensor(3, 6);
        backend.gatherRows(t, idx, 2, g);
        Tensor gr = reference.tensor(3, 6);
        reference.gatherRows(ref(src, 10, 6), idx, 2, gr);
        Compare.close(name(), "gatherRows", gr.toArray(), g.toArray(), 6, Compare.relative(0, 0));
        assertThrows(IllegalArgumentException.class, () -> backend.gatherRows(t, new int[] {0, 10, 1}, 0, g),
                "[" + name() + "] gatherRows must refuse a row index outside the source");
        assertThrows(IllegalArgumentException.class, () -> backend.gatherRows(t, idx, 5, g),
                "[" + name() + "] gatherRows must refuse too few indices");
    }

    @Test
    void reshapeSharesStorage() {
        Tensor t = on(TestData.uniform(4, 24, -1, 1), 2, 3, 4);
        Tensor flat = t.reshape(Shape.of(2, 12));
        assertTrue(flat.sharesStorageWith(t));
        backend.fill(flat, 1f);
        for (float v : t.toArray()) {
            assertEquals(1f, v, "[" + name() + "] a write through a reshaped view must be seen by the original");
        }
        assertThrows(IllegalArgumentException.class, () -> t.reshape(Shape.of(5, 5)));
    }

    // ------------------------------------------------------------------------ composites

    @ParameterizedTest(name = "denseForward {0}")
    @EnumSource(Activation.class)
    void denseForwardMatchesReference(Activation act) {
        int[][] shapes = {{7, 33, 5}, {32, 784, 256}, {128, 256, 128}, {128, 128, 10}, {1, 7, 1}};
        for (int[] s : shapes) {
            int n = s[0];
            int in = s[1];
            int out = s[2];
            float[] x = TestData.uniform(n, n * in, -1, 1);
            float[] w = TestData.uniform(in, in * out, -0.1f, 0.1f);
            float[] b = TestData.uniform(out, out, -0.5f, 0.5f);
            for (boolean withBias : new boolean[] {true, false}) {
                Tensor yr = reference.tensor(n, out);
                reference.denseForward(ref(x, n, in), ref(w, in, out), withBias ? ref(b, out) : null, act, yr);
                Tensor yt = backend.tensor(n, out);
                backend.denseForward(on(x, n, in), on(w, in, out), withBias ? on(b, out) : null, act, yt);
                double tol = 1e-6 * (in + 8) * (0.1 * in + 1);
                Compare.close(name(), "denseForward(" + act + ", bias=" + withBias + ") x " + Compare.shape(n, in)
                        + " w " + Compare.shape(in, out), yr.toArray(), yt.toArray(), out, (i, e) -> tol);
            }
        }
    }

    @Test
    void softmaxCrossEntropyMatchesReference() {
        int[][] shapes = {{1, 2}, {7, 3}, {32, 10}, {128, 10}, {33, 257}};
        for (int[] s : shapes) {
            int n = s[0];
            int c = s[1];
            float[] z = TestData.uniform(n * 7L + c, n * c, -6, 6);
            float[] t = TestData.oneHot(n, n, c);
            Tensor gr = reference.tensor(n, c);
            double lr = reference.softmaxCrossEntropy(ref(z, n, c), ref(t, n, c), gr, reference.tensor(n));
            Tensor gt = backend.tensor(n, c);
            double lt = backend.softmaxCrossEntropy(on(z, n, c), on(t, n, c), gt, backend.tensor(n));
            String what = "softmaxCrossEntropy logits " + Compare.shape(n, c);
            assertTrue(Math.abs(lr - lt) <= 1e-5 * (1 + Math.abs(lr)),
                    "[" + name() + "] " + what + ": loss " + lt + ", expected " + lr);
            Compare.close(name(), what + " gradient", gr.toArray(), gt.toArray(), c, Compare.relative(1e-7, 1e-4));
        }
    }

    @Test
    void sgdUpdateMatchesReference() {
        int n = 257;
        float[] p = TestData.uniform(1, n, -1, 1);
        float[] g = TestData.uniform(2, n, -1, 1);
        float[] v = TestData.uniform(3, n, -1, 1);
        float[][] settings = {{0.1f, 0f, 0f, 0f}, {0.1f, 0.9f, 0f, 0f}, {0.05f, 0.9f, 1f, 1e-2f}, {0.01f, 0.5f, 0f, 1e-3f}};
        for (float[] s : settings) {
            boolean nesterov = s[2] != 0f;
            Tensor pr = ref(p, n);
            Tensor vr = ref(v, n);
            Sgd.referenceUpdate(reference, pr, ref(g, n), vr, s[0], s[1], nesterov, s[3]);
            Tensor pt = on(p, n);
            Tensor vt = on(v, n);
            // what Sgd runs on the backend under test: its fused kernel if it has one, else the reference math
            if (backend instanceof FusedUpdates) {
                ((FusedUpdates) backend).sgdUpdate(pt, on(g, n), vt, s[0], s[1], nesterov, s[3]);
            } else {
                Sgd.referenceUpdate(backend, pt, on(g, n), vt, s[0], s[1], nesterov, s[3]);
            }
            String what = "sgdUpdate(lr=" + s[0] + ", momentum=" + s[1] + ", nesterov=" + nesterov + ", decay=" + s[3] + ")";
            Compare.close(name(), what + " param", pr.toArray(), pt.toArray(), 0, Compare.relative(1e-6, 1e-5));
            if (s[1] != 0f) {
                Compare.close(name(), what + " velocity", vr.toArray(), vt.toArray(), 0, Compare.relative(1e-6, 1e-5));
            }
        }
    }

    @Test
    void adamUpdateMatchesReference() {
        for (int n : new int[] {1, 7, 257, 784 * 256 / 16}) {
            float[] p = TestData.uniform(1, n, -1, 1);
            float[] g = TestData.uniform(2, n, -1, 1);
            float[] m = TestData.uniform(3, n, -0.1f, 0.1f);
            float[] v = TestData.uniform(4, n, 0f, 0.01f);
            for (float[] decays : new float[][] {{0f, 1f}, {0f, 0.999f}, {1e-2f, 1f}}) {
                float l2 = decays[0];
                float decay = decays[1];
                Tensor pr = ref(p, n);
                Tensor mr = ref(m, n);
                Tensor vr = ref(v, n);
                Adam.referenceUpdate(reference, pr, ref(g, n), mr, vr, 0.9f, 0.999f, 1e-3f, 1e-8f, l2, decay,
                        reference.tensor(n));
                Tensor pt = on(p, n);
                Tensor mt = on(m, n);
                Tensor vt = on(v, n);
                if (backend instanceof FusedUpdates) {
                    ((FusedUpdates) backend).adamUpdate(pt, on(g, n), mt, vt, 0.9f, 0.999f, 1e-3f, 1e-8f, l2, decay,
                            backend.tensor(n));
                } else {
                    Adam.referenceUpdate(backend, pt, on(g, n), mt, vt, 0.9f, 0.999f, 1e-3f, 1e-8f, l2, decay,
                            backend.tensor(n));
                }
                String what = "adamUpdate(l2=" + l2 + ", decayFactor=" + decay + ") on " + n + " elements";
                Compare.close(name(), what + " m", mr.toArray(), mt.toArray(), 0, Compare.relative(1e-7, 1e-5));
                Compare.close(name(), what + " v", vr.toArray(), vt.toArray(), 0, Compare.relative(1e-9, 1e-5));
                Compare.close(name(), what + " param", pr.toArray(), pt.toArray(), 0, Compare.relative(1e-6, 1e-5));
            }
        }
    }
}
