package nnj.backend.ejml;

import static nnj.backend.ejml.EjmlGemmTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.backend.BinaryOp;
import nnj.api.backend.RowReduction;
import nnj.api.backend.UnaryOp;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every non-gemm kernel on EJML against the naive reference, out of place and in place, with
 * special values (±0, ±∞, NaN, huge and tiny) mixed into random data.
 *
 * <p>Tolerance: 1e−6 relative (floor 1e−6 absolute) for element-wise results, which are computed in
 * float by both backends and may differ by a rounding or two (for example when EJML computes
 * α·x and naive α·x + 0); 1e−5 for sums of up to a few hundred floats, which EJML adds in float
 * and naive in double. A wrong formula gives an O(1) error.
 */
class EjmlElementwiseTest {
    private static final float ELEMENT_TOL = 1e-6f;
    private static final float SUM_TOL = 1e-5f;
    private static final int[][] SHAPES = {{1}, {7}, {33, 7}, {257, 33}, {2, 3, 5, 7}};

    private final EjmlBackend ejml = new EjmlBackend();
    private final NaiveBackend naive = new NaiveBackend();

    /** Random values in [−3, 3] with special values sprinkled in. */
    private static float[] data(Random rnd, int n, boolean specials) {
        float[] x = new float[n];
        float[] special = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e30f, -1e-30f, 100f};
        for (int i = 0; i < n; i++) {
            x[i] = specials && rnd.nextInt(8) == 0 ? special[rnd.nextInt(special.length)] : rnd.nextFloat() * 6f - 3f;
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryMatchesNaive(UnaryOp op) {
        Random rnd = new Random(op.ordinal());
        for (int[] dims : SHAPES) {
            float[] x = data(rnd, size(dims), true);
            float[] expected = run(naive, b -> {
                Tensor t = b.fromArray(x, dims);
                Tensor out = b.tensor(dims);
                b.unary(op, t, out);
                return out.toArray();
            });
            float[] actual = run(ejml, b -> {
                Tensor t = b.fromArray(x, dims);
                Tensor out = b.tensor(dims);
                b.unary(op, t, out);
                return out.toArray();
            });
            assertClose(expected, actual, ELEMENT_TOL, "unary " + op);
            float[] inPlace = run(ejml, b -> {
                Tensor t = b.fromArray(x, dims);
                b.unary(op, t, t);
                return t.toArray();
            });
            assertClose(expected, inPlace, ELEMENT_TOL, "unary " + op + " in place");
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryMatchesNaive(BinaryOp op) {
        Random rnd = new Random(100 + op.ordinal());
        for (int[] dims : SHAPES) {
            float[] a = data(rnd, size(dims), true);
            float[] bb = data(rnd, size(dims), true);
            float[] expected = run(naive, b -> binary(b, op, a, bb, dims, 0));
            assertClose(expected, run(ejml, b -> binary(b, op, a, bb, dims, 0)), ELEMENT_TOL, "binary " + op);
            assertClose(expected, run(ejml, b -> binary(b, op, a, bb, dims, 1)), ELEMENT_TOL, "binary " + op + " out=a");
            assertClose(expected, run(ejml, b -> binary(b, op, a, bb, dims, 2)), ELEMENT_TOL, "binary " + op + " out=b");
            float[] squared = run(naive, b -> binary(b, op, a, a, dims, 0));
            assertClose(squared, run(ejml, b -> {
                Tensor t = b.fromArray(a, dims);
                b.binary(op, t, t, t);
                return t.toArray();
            }), ELEMENT_TOL, "binary " + op + " with a = b = out");
        }
    }

    /** where: 0 for a fresh output, 1 to write into a, 2 to write into b. */
    private static float[] binary(Backend b, BinaryOp op, float[] a, float[] bb, int[] dims, int where) {
        Tensor at = b.fromArray(a, dims);
        Tensor bt = b.fromArray(bb, dims);
        Tensor out = where == 1 ? at : where == 2 ? bt : b.tensor(dims);
        b.binary(op, at, bt, out);
        return out.toArray();
    }

    @Test
    void affineAndAxpbyMatchNaive() {
        Random rnd = new Random(7);
        float[][] pairs = {{2f, 0f}, {1f, 3f}, {-1.5f, 0.25f}, {0f, 1f}, {1f, 0f}};
        for (int[] dims : SHAPES) {
            float[] x = data(rnd, size(dims), false);
            float[] y = data(rnd, size(dims), false);
            for (float[] p : pairs) {
                float alpha = p[0];
                float beta = p[1];
                float[] expected = run(naive, b -> {
                    Tensor out = b.tensor(dims);
                    b.affine(b.fromArray(x, dims), alpha, beta, out);
                    return out.toArray();
                });
                assertClose(expected, run(ejml, b -> {
                    Tensor t = b.fromArray(x, dims);
                    b.affine(t, alpha, beta, t);
                    return t.toArray();
                }), ELEMENT_TOL, "affine in place α=" + alpha + " β=" + beta);
                float[] expectedY = run(naive, b -> {
                    Tensor yt = b.fromArray(y, dims);
                    b.axpby(alpha, b.fromArray(x, dims), beta, yt);
                    return yt.toArray();
                });
                assertClose(expectedY, run(ejml, b -> {
                    Tensor yt = b.fromArray(y, dims);
                    b.axpby(alpha, b.fromArray(x, dims), beta, yt);
                    return yt.toArray();
                }), ELEMENT_TOL, "axpby α=" + alpha + " β=" + beta);
                // x and y the same tensor: y = (α + β)·y
                assertClose(run(naive, b -> {
                    Tensor yt = b.fromArray(y, dims);
                    b.axpby(alpha, yt, beta, yt);
                    return yt.toArray();
                }), run(ejml, b -> {
                    Tensor yt = b.fromArray(y, dims);
                    b.axpby(alpha, yt, beta, yt);
                    return yt.toArray();
                }), ELEMENT_TOL, "axpby with x = y");
            }
        }
    }

    @Test
    void addRowVectorMatchesNaiveInAndOutOfPlace() {
        Random rnd = new Random(8);
        for (int[] dims : SHAPES) {
            float[] x = data(rnd, size(dims), false);
            float[] bias = data(rnd, dims[dims.length - 1], false);
            float[] expected = run(naive, b -> {
                Tensor out = b.tensor(dims);
                b.addRowVector(b.fromArray(x, dims), b.fromArray(bias, bias.length), out);
                return out.toArray();
            });
            assertClose(expected, run(ejml, b -> {
                Tensor t = b.fromArray(x, dims);
                b.addRowVector(t, b.fromArray(bias, bias.length), t);
                return t.toArray();
            }), ELEMENT_TOL, "addRowVector in place");
        }
    }

    @ParameterizedTest
    @EnumSource(RowReduction.class)
    void reduceRowsMatchesNaive(RowReduction op) {
        Random rnd = new Random(9 + op.ordinal());
        for (int[] dims : SHAPES) {
            float[] x = data(rnd, size(dims), false);
            int rows = size(dims) / dims[dims.length - 1];
            float[] expected = run(naive, b -> {
                Tensor out = b.tensor(rows);
                b.reduceRows(op, b.fromArray(x, dims), out);
                return out.toArray();
            });
            assertClose(expected, run(ejml, b -> {
                Tensor out = b.tensor(rows);
                b.reduceRows(op, b.fromArray(x, dims), out);
                return out.toArray();
            }), SUM_TOL, "reduceRows " + op);
        }
        // Rows with special values: a NaN row, a row of −∞, a row with +∞, large logits.
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        float[] special = {1f, nan, 2f, -inf, -inf, -inf, 1f, inf, 0f, 1000f, 999f, -1000f};
        float[] expected = run(naive, b -> {
            Tensor out = b.tensor(4);
            b.reduceRows(op, b.fromArray(special, 4, 3), out);
            return out.toArray();
        });
        assertClose(expected, run(ejml, b -> {
            Tensor out = b.tensor(4);
            b.reduceRows(op, b.fromArray(special, 4, 3), out);
            return out.toArray();
        }), SUM_TOL, "reduceRows " + op + " on special rows");
    }

    @Test
    void sumColumnsMatchesNaiveForEveryBeta() {
        Random rnd = new Random(10);
        for (int[] dims : SHAPES) {
            float[] x = data(rnd, size(dims), false);
            int cols = dims[dims.length - 1];
            float[] start = data(rnd, cols, false);
            for (float beta : new float[] {0f, 1f, 0.5f}) {
                float[] expected = run(naive, b -> {
                    Tensor out = b.fromArray(start, cols);
                    b.sumColumns(b.fromArray(x, dims), beta, out);
                    return out.toArray();
                });
                assertClose(expected, run(ejml, b -> {
                    Tensor out = b.fromArray(start, cols);
                    b.sumColumns(b.fromArray(x, dims), beta, out);
                    return out.toArray();
                }), SUM_TOL, "sumColumns β=" + beta);
            }
        }
        float[] nanOut = {Float.NaN, Float.NaN};
        Tensor out = ejml.fromArray(nanOut, 2);
        ejml.sumColumns(ejml.fromArray(new float[] {1f, 2f, 3f, 4f}, 2, 2), 0f, out);
        assertArrayEquals(new float[] {4f, 6f}, out.toArray(), "β = 0 must not read out");
    }

    @Test
    void sumDotAndSoftmaxMatchNaive() {
        Random rnd = new Random(12);
        for (int[] dims : SHAPES) {
            float[] x = data(rnd, size(dims), false);
            float[] y = data(rnd, size(dims), false);
            assertEquals(naive.sum(naive.fromArray(x, dims)), ejml.sum(ejml.fromArray(x, dims)), 1e-9 * x.length);
            assertEquals(naive.dot(naive.fromArray(x, dims), naive.fromArray(y, dims)),
                    ejml.dot(ejml.fromArray(x, dims), ejml.fromArray(y, dims)), 1e-9 * x.length);
            float[] expected = run(naive, b -> {
                Tensor out = b.tensor(dims);
                b.softmaxRows(b.fromArray(x, dims), out);
                return out.toArray();
            });
            assertClose(expected, run(ejml, b -> {
                Tensor t = b.fromArray(x, dims);
                b.softmaxRows(t, t);
                return t.toArray();
            }), ELEMENT_TOL, "softmaxRows in place");
        }
        Tensor big = ejml.fromArray(new float[] {1000f, 1001f, -1000f}, 1, 3);
        ejml.softmaxRows(big, big);
        for (float v : big.toArray()) {
            assertTrue(Float.isFinite(v), "softmax must not overflow on large logits: " + Arrays.toString(big.toArray()));
        }
    }

    @Test
    void emptyTensorsAreHarmless() {
        Tensor e = ejml.tensor(0, 5);
        ejml.unary(UnaryOp.EXP, e, e);
        ejml.binary(BinaryOp.ADD, e, e, e);
        ejml.affine(e, 2f, 1f, e);
        ejml.axpby(2f, e, 1f, e);
        ejml.softmaxRows(e, e);
        Tensor bias = ejml.fromArray(new float[] {1, 2, 3, 4, 5}, 5);
        ejml.addRowVector(e, bias, e);
        Tensor cols = ejml.fromArray(new float[] {1, 2, 3, 4, 5}, 5);
        ejml.sumColumns(e, 0.5f, cols);
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f, 2.5f}, cols.toArray());
        assertEquals(0.0, ejml.sum(e));
        assertEquals(0.0, ejml.dot(e, e));
        Tensor rows = ejml.tensor(3);
        ejml.reduceRows(RowReduction.MAX, ejml.tensor(3, 0), rows);
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY},
                rows.toArray());
    }

    @Test
    void badCallsGetClearMessagesNotEjmlErrors() {
        Tensor a = ejml.tensor(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ejml.gemm(false, false, 1f, a, ejml.tensor(2, 3), 0f, ejml.tensor(2, 3)));
        assertTrue(e.getMessage().startsWith("gemm:"), e.getMessage());
        Tensor sq = ejml.tensor(3, 3);
        e = assertThrows(IllegalArgumentException.class, () -> ejml.gemm(false, false, 1f, sq, sq, 0f, sq));
        assertTrue(e.getMessage().contains("share storage"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ejml.binary(BinaryOp.ADD, a, ejml.tensor(3, 2), a));
        assertTrue(e.getMessage().contains("shapes must be equal"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ejml.unary(UnaryOp.EXP, naive.tensor(2, 3), a));
        assertTrue(e.getMessage().contains("naive") && e.getMessage().contains("ejml"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------- helpers

    private interface Op {
        float[] apply(Backend b);
    }

    private static float[] run(Backend b, Op op) {
        return op.apply(b);
    }

    private static int size(int[] dims) {
        int s = 1;
        for (int d : dims) {
            s *= d;
        }
        return s;
    }
}
