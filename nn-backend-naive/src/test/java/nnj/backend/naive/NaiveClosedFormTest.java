package nnj.backend.naive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.backend.BinaryOp;
import nnj.api.backend.RowReduction;
import nnj.api.backend.UnaryOp;
import nnj.api.optim.Adam;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;

/**
 * The reference checked against values worked out by hand, since it cannot be checked against
 * itself. Tolerances are a few float32 ulps where a transcendental function is involved, and exact
 * where the arithmetic is exact in float32.
 */
class NaiveClosedFormTest {
    private final Backend b = new NaiveBackend();

    @Test
    void gemmOfSmallMatricesInEveryTransposeCombination() {
        // A = [[1, 2, 3], [4, 5, 6]], B = [[7, 8], [9, 10], [11, 12]]; A·B = [[58, 64], [139, 154]].
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] aT = {1, 4, 2, 5, 3, 6};
        float[] bm = {7, 8, 9, 10, 11, 12};
        float[] bT = {7, 9, 11, 8, 10, 12};
        float[] expected = {58, 64, 139, 154};
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Tensor c = b.tensor(2, 2);
                b.gemm(ta, tb, 1f, ta ? b.fromArray(aT, 3, 2) : b.fromArray(a, 2, 3),
                        tb ? b.fromArray(bT, 2, 3) : b.fromArray(bm, 3, 2), 0f, c);
                assertArrayEquals(expected, c.toArray(), "transA=" + ta + " transB=" + tb);
            }
        }
        // alpha = 2, beta = 0.5 on C = [[2, 4], [6, 8]]: 2·AB + 0.5·C.
        Tensor c = b.fromArray(new float[] {2, 4, 6, 8}, 2, 2);
        b.gemm(false, false, 2f, b.fromArray(a, 2, 3), b.fromArray(bm, 3, 2), 0.5f, c);
        assertArrayEquals(new float[] {117, 130, 281, 312}, c.toArray());
    }

    @Test
    void softmaxAndLogSumExpOfKnownRows() {
        // softmax(0, ln 3) = (1/4, 3/4); logsumexp(0, ln 3) = ln 4.
        float ln3 = (float) Math.log(3);
        Tensor x = b.fromArray(new float[] {0f, ln3, 1000f, 1000f}, 2, 2);
        Tensor s = b.tensor(2, 2);
        b.softmaxRows(x, s);
        assertArrayEquals(new float[] {0.25f, 0.75f, 0.5f, 0.5f}, s.toArray(), 1e-6f);
        Tensor l = b.tensor(2);
        b.reduceRows(RowReduction.LOG_SUM_EXP, x, l);
        assertArrayEquals(new float[] {(float) Math.log(4), 1000f + (float) Math.log(2)}, l.toArray(), 1e-4f);
        b.reduceRows(RowReduction.MAX, x, l);
        assertArrayEquals(new float[] {ln3, 1000f}, l.toArray());
    }

    @Test
    void softmaxCrossEntropyOfAKnownBatch() {
        // Row 1: logits (0, ln 3), target class 1: p = 3/4, loss −ln(3/4), grad (1/4, −1/4)/2.
        // Row 2: logits (2, 2), target class 0: p = 1/2, loss ln 2, grad (−1/2, 1/2)/2.
        float ln3 = (float) Math.log(3);
        Tensor z = b.fromArray(new float[] {0f, ln3, 2f, 2f}, 2, 2);
        Tensor t = b.fromArray(new float[] {0f, 1f, 1f, 0f}, 2, 2);
        Tensor g = b.tensor(2, 2);
        double loss = b.softmaxCrossEntropy(z, t, g, b.tensor(2));
        assertEquals((-Math.log(0.75) + Math.log(2)) / 2, loss, 1e-6);
        assertArrayEquals(new float[] {0.125f, -0.125f, -0.25f, 0.25f}, g.toArray(), 1e-6f);
    }

    @Test
    void elementWiseDefinitions() {
        Tensor x = b.fromArray(new float[] {-2f, 0f, 3f}, 3);
        Tensor y = b.tensor(3);
        b.unary(UnaryOp.RELU, x, y);
        assertArrayEquals(new float[] {0f, 0f, 3f}, y.toArray());
        b.unary(UnaryOp.SIGMOID, x, y);
        assertArrayEquals(new float[] {(float) (1 / (1 + Math.exp(2))), 0.5f, (float) (1 / (1 + Math.exp(-3)))},
                y.toArray(), 1e-7f);
        Tensor dy = b.fromArray(new float[] {5f, 6f, 7f}, 3);
        b.binary(BinaryOp.RELU_BACKWARD, x, dy, y);
        assertArrayEquals(new float[] {0f, 0f, 7f}, y.toArray());
        // BCE with logits at z = 0 is ln 2 whatever the target.
        b.binary(BinaryOp.BCE_WITH_LOGITS, b.fromArray(new float[] {0f, 0f, 0f}, 3),
                b.fromArray(new float[] {0f, 0.5f, 1f}, 3), y);
        assertArrayEquals(new float[] {(float) Math.log(2), (float) Math.log(2), (float) Math.log(2)}, y.toArray(), 1e-7f);
    }

    @Test
    void reductionsAndBroadcast() {
        Tensor x = b.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor cols = b.fromArray(new float[] {10, 10, 10}, 3);
        b.sumColumns(x, 1f, cols);
        assertArrayEquals(new float[] {15, 17, 19}, cols.toArray());
        Tensor rows = b.tensor(2);
        b.reduceRows(RowReduction.SUM, x, rows);
        assertArrayEquals(new float[] {6, 15}, rows.toArray());
        Tensor out = b.tensor(2, 3);
        b.addRowVector(x, b.fromArray(new float[] {1, 0, -1}, 3), out);
        assertArrayEquals(new float[] {2, 2, 2, 5, 5, 5}, out.toArray());
        assertEquals(21.0, b.sum(x));
        assertEquals(91.0, b.dot(x, x));
    }

    @Test
    void adamFirstStepMovesEachWeightByTheLearningRate() {
        // On step 1 with bias correction, m̂ = g and v̂ = g², so the step is lr·g/(|g| + ε) ≈ lr·sign(g).
        float lr = 0.01f;
        float b1 = 0.9f;
        float b2 = 0.999f;
        float stepSize = (float) (lr * Math.sqrt(1 - b2) / (1 - b1));
        float epsHat = (float) (1e-8 * Math.sqrt(1 - b2));
        Tensor p = b.fromArray(new float[] {1f, 1f}, 2);
        Adam.referenceUpdate(b, p, b.fromArray(new float[] {0.5f, -3f}, 2), b.tensor(2), b.tensor(2), b1, b2, stepSize,
                epsHat, 0f, 1f, b.tensor(2));
        assertArrayEquals(new float[] {1f - lr, 1f + lr}, p.toArray(), 1e-6f);
    }
}
