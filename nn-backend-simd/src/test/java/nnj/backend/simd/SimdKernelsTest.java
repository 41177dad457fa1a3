package nnj.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import nnj.api.Tensor;
import nnj.api.backend.Activation;
import nnj.api.backend.BinaryOp;
import nnj.api.backend.RowReduction;
import nnj.api.backend.UnaryOp;
import nnj.api.optim.Adam;
import nnj.api.optim.Sgd;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The non-GEMM kernels and the fused composites against the naive reference, on lengths that hit
 * the vector loop and the scalar tail (1, 7, 16, 33, 257, 1000), with NaN and ±∞ mixed in.
 *
 * <p>Tolerances: ops with an exact vector twin must agree bit for bit (the same IEEE operations in
 * the same order); reductions and fused results within a relative 1e-5, the size of a float sum's
 * rounding over these lengths.
 */
class SimdKernelsTest {
    private static final int[] LENGTHS = {1, 7, 16, 33, 257, 1000};
    private static final SimdBackend simd = new SimdBackend(2);
    private static final NaiveBackend naive = new NaiveBackend();

    @AfterAll
    static void stop() {
        simd.close();
    }

    private static float[] values(int n, Random r, boolean specials) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * 3);
        }
        if (specials && n >= 7) {
            x[1] = Float.NaN;
            x[3] = Float.POSITIVE_INFINITY;
            x[5] = Float.NEGATIVE_INFINITY;
            x[6] = -0f;
            x[n - 1] = 0f;
        }
        return x;
    }

    private static void assertSameBits(float[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToIntBits(want[i]) != Float.floatToIntBits(got[i])) {
                assertEquals(want[i], got[i], 0f, what + " at " + i);
            }
        }
    }

    private static void assertClose(float[] want, float[] got, double rel, String what) {
        for (int i = 0; i < want.length; i++) {
            if (Float.isNaN(want[i]) || Float.isInfinite(want[i])) {
                assertEquals(want[i], got[i], 0f, what + " at " + i);
            } else {
                assertEquals(want[i], got[i], rel * Math.max(1, Math.abs(want[i])), what + " at " + i);
            }
        }
    }

    /**
     * A sum gives the same bits on every call, whatever the JIT has compiled by then: on JDK 25,
     * {@code reduceLanes(ADD)} summed a vector's lanes in one order when interpreted and in another
     * once C2 had compiled the caller (a sum of these 33,410 floats, as the conformance kit takes
     * it, came out 2 to 4 different ways in one JVM), so identical runs differed in the last bit.
     * Calls enough to be compiled several times over; every result must have the same bits.
     */
    @Test
    void sumsAndDotsGiveTheSameBitsInterpretedAndCompiled() {
        Random r = new Random(21);
        float[] x = values(33_410, r, false);
        float[] y = values(33_410, r, false);
        long sumBits = Double.doubleToLongBits(VectorOps.sum(x, 0, x.length));
        long dotBits = Double.doubleToLongBits(VectorOps.dot(x, y, x.length));
        int rowBits = Float.floatToIntBits(VectorOps.dotFloat(x, 5, y, 9, 200));
        for (int call = 0; call < 20_000; call++) {
            assertEquals(sumBits, Double.doubleToLongBits(VectorOps.sum(x, 0, x.length)), "sum, call " + call);
            assertEquals(dotBits, Double.doubleToLongBits(VectorOps.dot(x, y, x.length)), "dot, call " + call);
            assertEquals(rowBits, Float.floatToIntBits(VectorOps.dotFloat(x, 5, y, 9, 200)), "dotFloat, call " + call);
        }
        float[] stored = new float[VectorOps.VL];
        for (int o = 0; o + VectorOps.VL <= 4_000; o += VectorOps.VL) { // the scalar twin, bit for bit
            FloatVector v = FloatVector.fromArray(VectorOps.S, x, o);
            v.intoArray(stored, 0);
            assertEquals(Float.floatToIntBits(VectorOps.sumLanes(v)), Float.floatToIntBits(VectorOps.sumStoredLanes(stored, 0)),
                    "sumStoredLanes against sumLanes at " + o);
        }
        double exact = 0;
        for (float v : x) {
            exact += v;
        }
        assertEquals(exact, VectorOps.sum(x, 0, x.length), 1e-5 * x.length, "the sum itself");
    }

    /**
     * The same for the direct 3×3 convolution's weight and bias gradients (one input channel, as
     * the CNN preset's first layer), whose sums over the batch end in a sum of a vector's lanes.
     */
    @Test
    void convolutionGradientsGiveTheSameBitsInterpretedAndCompiled() {
        Random r = new Random(22);
        try (SimdBackend one = new SimdBackend(1)) {
            Tensor x = one.fromArray(values(4 * 28 * 28, r, false), 4, 1, 28, 28);
            Tensor dy = one.fromArray(values(4 * 8 * 28 * 28, r, false), 4, 8, 28, 28);
            Tensor dw = one.tensor(8, 1, 3, 3);
            Tensor db = one.tensor(8);
            one.conv2dBackwardWeights(x, dy, 1, 1, 1, dw, db);
            float[] dwFirst = dw.toArray();
            float[] dbFirst = db.toArray();
            for (int call = 0; call < 3_000; call++) {
                one.conv2dBackwardWeights(x, dy, 1, 1, 1, dw, db);
                assertSameBits(dwFirst, dw.toArray(), "dw, call " + call);
                assertSameBits(dbFirst, db.toArray(), "db, call " + call);
            }
        }
    }

    /**
     * FusedOps.exp, the float polynomial softmax uses, against Math.exp rounded to float: every
     * 1/4096 from −87.3 to 0 within 2 ulp (truncation 0.1 ulp plus the roundings of 9 FMAs and a
     * product), and exactly Math.exp's float outside that range (positive, subnormal results, ±∞,
     * NaN), where it hands over.
     */
    @Test
    void floatExpIsWithinTwoUlpOfMathExpAndHandsOverOutsideItsRange() {
        double worst = 0;
        for (float x = -87.3f; x <= 0f; x += 1f / 4096) {
            float expected = (float) Math.exp(x);
            double ulps = Math.abs(FusedOps.exp(x) - Math.exp(x)) / Math.ulp(expected);
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulp");
        for (float x : new float[] {0f, -0f, 1e-30f, 0.5f, 88f, 100f, -87.4f, -100f, -104f,
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN}) {
            if (x > 0f || x < -87.34f || Float.isNaN(x)) {
                assertEquals((float) Math.exp(x), FusedOps.exp(x), "exp(" + x + ")");
            } else {
                assertEquals((float) Math.exp(x), FusedOps.exp(x), Math.ulp((float) Math.exp(x)), "exp(" + x + ")");
            }
        }
    }

    @Test
    void unaryOpsMatchTheReferenceIncludingNaNAndInfinity() {
        Random r = new Random(1);
        for (int n : LENGTHS) {
            float[] x = values(n, r, true);
            for (UnaryOp op : UnaryOp.values()) {
                Tensor out = simd.tensor(n);
                simd.unary(op, simd.fromArray(x, n), out);
                assertSameBits(naive(op, x), out.toArray(), op + " n=" + n);
                Tensor inPlace = simd.fromArray(x, n);
                simd.unary(op, inPlace, inPlace);
                assertSameBits(naive(op, x), inPlace.toArray(), op + " in place n=" + n);
            }
        }
    }

    private static float[] naive(UnaryOp op, float[] x) {
        Tensor out = naive.tensor(x.length);
        naive.unary(op, naive.fromArray(x, x.length), out);
        return out.toArray();
    }

    @Test
    void binaryOpsMatchTheReferenceIncludingNaNAndInfinity() {
        Random r = new Random(2);
        for (int n : LENGTHS) {
            float[] a = values(n, r, true);
            float[] b = values(n, r, n > 7);
            for (BinaryOp op : BinaryOp.values()) {
                Tensor want = naive.tensor(n);
                naive.binary(op, naive.fromArray(a, n), naive.fromArray(b, n), want);
                Tensor got = simd.tensor(n);
                simd.binary(op, simd.fromArray(a, n), simd.fromArray(b, n), got);
                assertSameBits(want.toArray(), got.toArray(), op + " n=" + n);
            }
        }
    }

    @Test
    void affineAxpbyAndBiasMatchBitForBit() {
        Random r = new Random(3);
        for (int n : LENGTHS) {
            float[] x = values(n, r, false);
            float[] y = values(n, r, false);
            Tensor wn = naive.fromArray(y, n);
            naive.axpby(0.3f, naive.fromArray(x, n), -1.7f, wn);
            Tensor ws = simd.fromArray(y, n);
            simd.axpby(0.3f, simd.fromArray(x, n), -1.7f, ws);
            assertSameBits(wn.toArray(), ws.toArray(), "axpby");
            Tensor an = naive.tensor(n);
            naive.affine(naive.fromArray(x, n), 2.5f, -0.5f, an);
            Tensor as = simd.tensor(n);
            simd.affine(simd.fromArray(x, n), 2.5f, -0.5f, as);
            assertSameBits(an.toArray(), as.toArray(), "affine");
            int rows = 3;
            float[] m = values(rows * n, r, false);
            Tensor bn = naive.tensor(rows, n);
            naive.addRowVector(naive.fromArray(m, rows, n), naive.fromArray(x, n), bn);
            Tensor bs = simd.tensor(rows, n);
            simd.addRowVector(simd.fromArray(m, rows, n), simd.fromArray(x, n), bs);
            assertSameBits(bn.toArray(), bs.toArray(), "addRowVector");
        }
    }

    @Test
    void reductionsSoftmaxAndColumnSums() {
        Random r = new Random(4);
        for (int cols : LENGTHS) {
            int rows = 5;
            float[] x = values(rows * cols, r, false);
            if (cols >= 7) {
                x[cols + 2] = Float.NaN;                 // row 1 holds a NaN
                x[2 * cols + 1] = Float.POSITIVE_INFINITY; // row 2 holds +∞
            }
            for (RowReduction op : RowReduction.values()) {
                Tensor want = naive.tensor(rows);
                naive.reduceRows(op, naive.fromArray(x, rows, cols), want);
                Tensor got = simd.tensor(rows);
                simd.reduceRows(op, simd.fromArray(x, rows, cols), got);
                assertClose(want.toArray(), got.toArray(), 1e-5, op + " cols=" + cols);
            }
            Tensor sn = naive.tensor(rows, cols);
            naive.softmaxRows(naive.fromArray(x, rows, cols), sn);
            Tensor ss = simd.fromArray(x, rows, cols);
            simd.softmaxRows(ss, ss);
            assertClose(sn.toArray(), ss.toArray(), 1e-6, "softmax cols=" + cols);

            float[] finite = values(rows * cols, r, false);
            float[] old = values(cols, r, false);
            Tensor cn = naive.fromArray(old, cols);
            naive.sumColumns(naive.fromArray(finite, rows, cols), 0.5f, cn);
            Tensor cs = simd.fromArray(old, cols);
            simd.sumColumns(simd.fromArray(finite, rows, cols), 0.5f, cs);
            assertClose(cn.toArray(), cs.toArray(), 1e-5, "sumColumns cols=" + cols);
            Tensor nanOut = simd.tensor(cols);
            simd.fill(nanOut, Float.NaN);
            simd.sumColumns(simd.fromArray(finite, rows, cols), 0f, nanOut);
            for (float v : nanOut.toArray()) {
                assertTrue(Float.isFinite(v), "sumColumns with beta 0 read out");
            }

            double want = naive.sum(naive.fromArray(finite, rows * cols));
            assertEquals(want, simd.sum(simd.fromArray(finite, rows * cols)), 1e-5 * (1 + Math.abs(want)) * cols);
            double dw = naive.dot(naive.fromArray(finite, rows * cols), naive.fromArray(x, rows * cols));
            double ds = simd.dot(simd.fromArray(finite, rows * cols), simd.fromArray(x, rows * cols));
            if (Double.isNaN(dw)) {
                assertTrue(Double.isNaN(ds));
            } else {
                assertEquals(dw, ds, 1e-5 * (1 + Math.abs(dw)) * cols);
            }
        }
    }

    @Test
    void denseForwardFusesBiasAndEveryActivation() {
        Random r = new Random(5);
        int[][] shapes = {{1, 3, 5}, {3, 70, 33}, {32, 784, 256}, {128, 128, 10}, {9, 17, 1}};
        for (int[] s : shapes) {
            int n = s[0];
            int in = s[1];
            int out = s[2];
            float[] x = values(n * in, r, false);
            float[] w = values(in * out, r, false);
            float[] b = values(out, r, false);
            for (Activation act : Activation.values()) {
                for (boolean withBias : new boolean[] {true, false}) {
                    Tensor yn = naive.tensor(n, out);
                    naive.denseForward(naive.fromArray(x, n, in), naive.fromArray(w, in, out),
                            withBias ? naive.fromArray(b, out) : null, act, yn);
                    Tensor ys = simd.tensor(n, out);
                    simd.fill(ys, Float.NaN);
                    simd.denseForward(simd.fromArray(x, n, in), simd.fromArray(w, in, out),
                            withBias ? simd.fromArray(b, out) : null, act, ys);
                    // gemm error bound for k = in terms of magnitude ~ 9·√in: relative 1e-4·√k is generous
                    float[] want = yn.toArray();
                    float[] got = ys.toArray();
                    double tol = 1e-5 * Math.sqrt(in) * 9 * Math.sqrt(in);
                    for (int i = 0; i < want.length; i++) {
                        assertEquals(want[i], got[i], tol, act + " bias=" + withBias + " " + n + "x" + in + "x" + out);
                    }
                }
            }
        }
    }

    @Test
    void softmaxCrossEntropyMatchesTheComposite() {
        Random r = new Random(6);
        for (int[] s : new int[][] {{1, 10}, {32, 10}, {7, 33}, {128, 10}}) {
            int n = s[0];
            int c = s[1];
            float[] z = values(n * c, r, false);
            float[] t = new float[n * c];
            for (int i = 0; i < n; i++) {
                t[i * c + r.nextInt(c)] = 1f;
            }
            Tensor gn = naive.tensor(n, c);
            double ln = naive.softmaxCrossEntropy(naive.fromArray(z, n, c), naive.fromArray(t, n, c), gn, naive.tensor(n));
            Tensor gs = simd.tensor(n, c);
            double ls = simd.softmaxCrossEntropy(simd.fromArray(z, n, c), simd.fromArray(t, n, c), gs, simd.tensor(n));
            assertEquals(ln, ls, 1e-6 * Math.max(1, Math.abs(ln)), "loss " + n + "x" + c);
            assertClose(gn.toArray(), gs.toArray(), 1e-6, "grad " + n + "x" + c);
        }
    }

    @Test
    void adamOnALargeParameterIsSplitAcrossThreadsWithTheSameBits() {
        Random r = new Random(8);
        int n = 784 * 256 + 3; // above the parallel threshold, with a scalar tail
        float[] p = values(n, r, false);
        float[] g = values(n, r, false);
        float[] m = values(n, r, false);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.abs(g[(i * 7) % n]);
        }
        Tensor[] tn = {naive.fromArray(p, n), naive.fromArray(g, n), naive.fromArray(m, n), naive.fromArray(v, n)};
        Adam.referenceUpdate(naive, tn[0], tn[1], tn[2], tn[3], 0.9f, 0.999f, 1e-3f, 1e-8f, 0f, 0.99f, naive.tensor(n));
        Tensor[] ts = {simd.fromArray(p, n), simd.fromArray(g, n), simd.fromArray(m, n), simd.fromArray(v, n)};
        simd.adamUpdate(ts[0], ts[1], ts[2], ts[3], 0.9f, 0.999f, 1e-3f, 1e-8f, 0f, 0.99f, simd.tensor(n));
        for (int i = 0; i < 4; i++) {
            assertSameBits(tn[i].toArray(), ts[i].toArray(), "parallel adam tensor " + i);
        }
    }

    @Test
    void adamAndSgdMatchTheCompositesBitForBit() {
        Random r = new Random(7);
        for (int n : LENGTHS) {
            float[] p = values(n, r, false);
            float[] g = values(n, r, false);
            float[] m = values(n, r, false);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = Math.abs(values(1, r, false)[0]);
            }
            for (float decay : new float[] {1f, 0.999f}) {
                Tensor[] tn = {naive.fromArray(p, n), naive.fromArray(g, n), naive.fromArray(m, n), naive.fromArray(v, n)};
                Adam.referenceUpdate(naive, tn[0], tn[1], tn[2], tn[3], 0.9f, 0.999f, 1e-3f, 1e-8f, 0f, decay, naive.tensor(n));
                Tensor[] ts = {simd.fromArray(p, n), simd.fromArray(g, n), simd.fromArray(m, n), simd.fromArray(v, n)};
                simd.adamUpdate(ts[0], ts[1], ts[2], ts[3], 0.9f, 0.999f, 1e-3f, 1e-8f, 0f, decay, simd.tensor(n));
                for (int i = 0; i < 4; i++) {
                    assertSameBits(tn[i].toArray(), ts[i].toArray(), "adam tensor " + i + " n=" + n);
                }
            }
            for (float mu : new float[] {0f, 0.9f}) {
                for (boolean nesterov : new boolean[] {false, true}) {
                    for (float wd : new float[] {0f, 1e-2f}) {
                        Tensor[] tn = {naive.fromArray(p, n), naive.fromArray(g, n), naive.fromArray(m, n)};
                        Sgd.referenceUpdate(naive, tn[0], tn[1], mu == 0f ? null : tn[2], 0.1f, mu, nesterov, wd);
                        Tensor[] ts = {simd.fromArray(p, n), simd.fromArray(g, n), simd.fromArray(m, n)};
                        simd.sgdUpdate(ts[0], ts[1], mu == 0f ? null : ts[2], 0.1f, mu, nesterov, wd);
                        for (int i = 0; i < 3; i++) {
                            assertSameBits(tn[i].toArray(), ts[i].toArray(),
                                    "sgd mu=" + mu + " nesterov=" + nesterov + " wd=" + wd + " tensor " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void adamAndSgdFlushSubnormalStateToZero() {
        // A parameter with a zero gradient: m decays by β₁ each step; once below the smallest normal
        // float it is stored as 0 (subnormal arithmetic is ~20x slower on Intel), while a normal
        // neighbour still gets exactly the composite's result.
        int n = 2 * MicroKernel.VL + 3; // vector body and scalar tail
        float tiny = Float.MIN_NORMAL * 1.05f; // × 0.9 is subnormal
        float tinyV = Float.MIN_NORMAL * 1.0005f; // × 0.999 is subnormal
        float[] p = new float[n];
        float[] g = new float[n];
        float[] m = new float[n];
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = 1f;
            m[i] = i % 2 == 0 ? tiny : 0.5f;
            v[i] = i % 2 == 0 ? tinyV : 0.25f;
        }
        Tensor[] ts = {simd.fromArray(p, n), simd.fromArray(g, n), simd.fromArray(m, n), simd.fromArray(v, n)};
        simd.adamUpdate(ts[0], ts[1], ts[2], ts[3], 0.9f, 0.999f, 1e-3f, 1e-8f, 0f, 1f, simd.tensor(n));
        Tensor[] tn = {naive.fromArray(p, n), naive.fromArray(g, n), naive.fromArray(m, n), naive.fromArray(v, n)};
        Adam.referenceUpdate(naive, tn[0], tn[1], tn[2], tn[3], 0.9f, 0.999f, 1e-3f, 1e-8f, 0f, 1f, naive.tensor(n));
        float[] ms = ts[2].toArray();
        float[] vs = ts[3].toArray();
        float[] mn = tn[2].toArray();
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                assertTrue(mn[i] != 0f && mn[i] < Float.MIN_NORMAL, "the reference keeps a subnormal m");
                assertEquals(0f, ms[i], "m[" + i + "] flushed");
                assertEquals(0f, vs[i], "v[" + i + "] flushed");
                assertEquals(1f, ts[0].toArray()[i], "p unchanged: the step would be below 1e-30");
            } else {
                assertEquals(mn[i], ms[i], "normal m untouched");
            }
        }
        float[] vel = new float[n];
        for (int i = 0; i < n; i++) {
            vel[i] = i % 2 == 0 ? tiny : 0.5f;
        }
        Tensor velocity = simd.fromArray(vel, n);
        simd.sgdUpdate(simd.fromArray(p, n), simd.fromArray(g, n), velocity, 0.1f, 0.9f, false, 0f);
        float[] after = velocity.toArray();
        for (int i = 0; i < n; i++) {
            assertEquals(i % 2 == 0 ? 0f : 0.45f, after[i], "velocity[" + i + "]");
        }
    }

    /**
     * The vectorised 2×2 max pool (MaxPool2x2: an even height, at least a vector of outputs per
     * plane; odd width allowed) against naive, with NaN, ±∞, ±0 and ties mixed in: the values must
     * be equal (a tie of −0 and +0 may give either zero) and the arg-max exact (the first maximum,
     * or the first NaN).
     */
    @Test
    void twoByTwoMaxPoolMatchesTheReferenceWithSpecialValues() {
        int[][] shapes = {{3, 5, 8, 10}, {2, 3, 8, 9}, {4, 32, 28, 28}, {3, 64, 14, 14}};
        Random r = new Random(12);
        for (int[] xs : shapes) {
            int[] ys = {xs[0], xs[1], xs[2] / 2, xs[3] / 2};
            float[] x = values(xs[0] * xs[1] * xs[2] * xs[3], r, true);
            for (int i = 0; i < x.length; i += 11) {
                x[i] = Math.round(x[i]); // ties
            }
            x[9] = Float.NaN;
            x[40] = -0f;
            x[41] = 0f;
            Tensor yr = naive.tensor(ys);
            Tensor ar = naive.tensor(ys);
            naive.maxPool2d(naive.fromArray(x, xs), 2, 2, 2, yr, ar);
            Tensor yt = simd.tensor(ys);
            Tensor at = simd.tensor(ys);
            simd.maxPool2d(simd.fromArray(x, xs), 2, 2, 2, yt, at);
            float[] want = yr.toArray();
            float[] got = yt.toArray();
            String what = "maxPool2d 2x2 on " + java.util.Arrays.toString(xs);
            for (int i = 0; i < want.length; i++) {
                assertTrue(want[i] == got[i] || Float.isNaN(want[i]) && Float.isNaN(got[i]),
                        what + " at " + i + ": " + got[i] + " instead of " + want[i]);
            }
            assertSameBits(ar.toArray(), at.toArray(), what + " arg-max");
        }
    }

    /** ReLU backward on a conv-sized tensor (split over the worker pool) is the reference, bit for bit. */
    @Test
    void largeReluBackwardMatchesTheReference() {
        int n = ParallelBinary.MIN * 2 + 13;
        Random r = new Random(13);
        float[] y = values(n, r, true);
        float[] dy = values(n, r, true);
        Tensor want = naive.tensor(n);
        naive.binary(BinaryOp.RELU_BACKWARD, naive.fromArray(y, n), naive.fromArray(dy, n), want);
        Tensor got = simd.tensor(n);
        simd.binary(BinaryOp.RELU_BACKWARD, simd.fromArray(y, n), simd.fromArray(dy, n), got);
        assertSameBits(want.toArray(), got.toArray(), "RELU_BACKWARD over " + n);
    }

    /**
     * A batch big enough to be gathered on several threads (784-wide rows, more than
     * ParallelGather.MIN floats, a row count that does not split evenly) is the reference's, on 2 and
     * 3 threads; a bad index is still refused before anything is copied.
     */
    @Test
    void largeGatherRowsMatchesTheReferenceOnSeveralThreads() {
        int cols = 784;
        int rows = SimdBackend.ParallelGather.MIN / cols + 7;
        int srcRows = 3 * rows;
        Random r = new Random(14);
        float[] data = values(srcRows * cols, r, true);
        int[] order = new int[srcRows + 5];
        for (int i = 0; i < order.length; i++) {
            order[i] = r.nextInt(srcRows);
        }
        Tensor want = naive.tensor(rows, cols);
        naive.gatherRows(naive.fromArray(data, srcRows, cols), order, 5, want);
        try (SimdBackend three = new SimdBackend(3)) {
            for (SimdBackend b : new SimdBackend[] {simd, three}) {
                Tensor got = b.tensor(rows, cols);
                Tensor src = b.fromArray(data, srcRows, cols);
                b.gatherRows(src, order, 5, got);
                assertSameBits(want.toArray(), got.toArray(),
                        "gatherRows of " + rows + " rows on " + b.threads() + " threads");
                int last = order[5 + rows - 1];
                order[5 + rows - 1] = srcRows; // past the end: refused, dst untouched
                b.fill(got, 0f);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> b.gatherRows(src, order, 5, got));
                assertTrue(e.getMessage().contains("row index " + srcRows), e.getMessage());
                assertEquals(0.0, b.sum(got), "a refused gather copied rows");
                order[5 + rows - 1] = last;
            }
        }
    }
}
