package nnj.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import nnj.api.backend.BinaryOp;
import nnj.api.backend.UnaryOp;

/**
 * Vectorised loops over {@code float[]}: a main loop of whole vectors of the preferred species and
 * a scalar tail (masks are slow on AVX2 and not needed). Arithmetic that has an exact vector twin
 * (+, −, ·, /, √, max, min, |x|, comparisons) is vectorised and gives the same bits as the scalar
 * reference in {@link UnaryOp#apply}/{@link BinaryOp#apply}. Transcendental functions (exp, log,
 * sigmoid, tanh, BCE) call the reference itself per element: they are not on the hot path of a
 * ReLU network, and this keeps them exactly equal to the reference on every JDK.
 */
final class VectorOps {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int VL = S.length();

    private VectorOps() {
    }

    // --------------------------------------------------------------------------- unary, binary

    /*
     * One small method per op, chosen by a switch: C2 compiles each loop on its own, so an op that
     * starts late never deoptimises the others, and no method grows past C2's inlining budget
     * (a vector that crosses a call that was not inlined is boxed, which allocates).
     */

    static void unary(UnaryOp op, float[] x, float[] out, int n) {
        int done;
        switch (op) {
            case NEG: done = neg(x, out, n); break;
            case ABS: done = abs(x, out, n); break;
            case SQUARE: done = square(x, out, n); break;
            case SQRT: done = sqrt(x, out, n); break;
            case RECIPROCAL: done = reciprocal(x, out, n); break;
            case RELU: done = relu(x, out, n); break;
            default: done = 0; // EXP, LOG, SIGMOID, TANH: the reference per element (see class comment)
        }
        for (int i = done; i < n; i++) {
            out[i] = op.apply(x[i]);
        }
    }

    private static int neg(float[] x, float[] out, int n) {
        int i = 0;
        for (int bound = n - VL; i <= bound; i += VL) {
            FloatVector.fromArray(S, x, i).neg().intoArray(out, i);
        }
        return i;
    }

    private static int abs(float[] x, float[] out, int n) {
        int i = 0;
        for (int bound = n - VL; i <= bound; i += VL) {
            FloatVector.fromArray(S, x, i).abs().intoArray(out, i);
        }
        return i;
    }

    private static int square(float[] x, float[] out, int n) {
        int i = 0;
        for (int bound = n - VL; i <= bound; i += VL) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            v.mul(v).intoArray(out, i);
        }
        return i;
    }

    /** IEEE √ is correctly rounded in float, as (float) Math.sqrt(double) is: the same bits. */
    private static int sqrt(float[] x, float[] out, int n) {
        int i = 0;
        for (int bound = n - VL; i <= bound; i += VL) {
            FloatVector.fromArray(S, x, i).sqrt().intoArray(out, i);
        }
        return i;
    }

    private static int reciprocal(float[] x, float[] out, int n) {
        int i = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int bound = n - VL; i <= bound; i += VL) {
            one.div(FloatVector.fromArray(S, x, i)).intoArray(out, i);
        }
        return i;
    }

    /** Lanewise max with Java's Math.max semantics: NaN stays NaN, −0 becomes 0. */
    private static int relu(float[] x, float[] out, int n) {
        int i = 0;
        for (int bound = n - VL; i <= bound; i += VL) {
            FloatVector.fromArray(S, x, i).max(0f).intoArray(out, i);
        }
        return i;
    }

    static void binary(BinaryOp op, float[] a, float[] b, float[] out, int n) {
        int done;
        switch (op) {
            case ADD: done = add(a, b, out, n); break;
            case SUB: done = sub(a, b, out, n); break;
            case MUL: done = mul(a, b, out, n); break;
            case DIV: done = div(a, b, out, n); break;
            case MAX: done = max(a, b, out, n); break;
            case MIN: done = min(a, b, out, n); break;
            case RELU_BACKWARD: done = reluBackward(a, b, out, n); break;
            case SIGMOID_BACKWARD: done = sigmoidBackward(a, b, out, n); break;
            case TANH_BACKWARD: done = tanhBackward(a, b, out, n); break;
            default: done = 0; // BCE_WITH_LOGITS: transcendental, the reference per element
        }
        for (int i = done; i < n; i++) {
            out[i] = op.apply(a[i], b[i]);
        }
    }

    private static int add(float[] a, float[] b, float[] out, int n) {
        int i = 0;
        for (int bound = n - VL; i <= bound; i += VL) {
            FloatVector.fromArray(S, a, i).add(FloatVector.fromArray(S, b, i)).intoArray(out, i);
        }
        return i;
    }

    private static int sub(float[] a, float[] b, float[] out, int n) {
        int i = 0;
        for (int bound = n - VL; i <= bound; i += VL) {
            FloatVector.fromArray(S, a, i).sub(FloatVector.fromArray(S, b, i)).intoArray(out, i);
        }
        return i;
    }

    private static int mul(float[] a, float[] b, float[] out, int n) {
        int i = 0;
        for (int bound = n - VL; i <= bound; i += VL) {
            FloatVector.fromArray(S, a, i).mul(FloatVector.fromArray(S, b, i)).intoArray(out, i);
        }
        return i;
    }

    private static int div(float[] a, float[] b, float[] out, int n) {
        int i = 0;
        for (int bound = n - VL; i <= bound; i += VL) {
            FloatVector.fromArray(S, a, i).div(FloatVector.fromArray(S, b, i)).intoArray(out, i);
        }
        return i;
    }

    private static int max(float[] a, float[] b, float[] out, int n) {
        int i = 0;
        for (int bound = n - VL; i <= bound; i += VL) {
            FloatVector.fromArray(S, a, i).max(FloatVector.fromArray(S, b, i)).intoArray(out, i);
        }
        return i;
    }

    private static int min(float[] a, float[] b, float[] out, int n) {
        int i = 0;
        for (int bound = n - VL; i <= bound; i += VL) {
            FloatVector.fromArray(S, a, i).min(FloatVector.fromArray(S, b, i)).intoArray(out, i);
        }
        return i;
    }

    /** x &gt; 0 ? dy : 0; a NaN x gives 0, as the comparison is false. */
    private static int reluBackward(float[] x, float[] dy, float[] out, int n) {
        int i = 0;
        FloatVector zero = FloatVector.zero(S);
        for (int bound = n - VL; i <= bound; i += VL) {
            VectorMask<Float> positive = FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, dy, i), positive).intoArray(out, i);
        }
        return i;
    }

    /** dy · y · (1 − y), in the reference's order. */
    private static int sigmoidBackward(float[] y, float[] dy, float[] out, int n) {
        int i = 0;
        for (int bound = n - VL; i <= bound; i += VL) {
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector.fromArray(S, dy, i).mul(yv).mul(yv.neg().add(1f)).intoArray(out, i);
        }
        return i;
    }

    /** dy · (1 − y²). */
    private static int tanhBackward(float[] y, float[] dy, float[] out, int n) {
        int i = 0;
        for (int bound = n - VL; i <= bound; i += VL) {
            FloatVector yv = FloatVector.fromArray(S, y, i);
            FloatVector.fromArray(S, dy, i).mul(yv.mul(yv).neg().add(1f)).intoArray(out, i);
        }
        return i;
    }

    /** out[i] = alpha·x[i] + beta. */
    static void affine(float[] x, float alpha, float beta, float[] out, int n) {
        int i = 0;
        for (int bound = n - VL; i <= bound; i += VL) {
            FloatVector.fromArray(S, x, i).mul(alpha).add(beta).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = alpha * x[i] + beta;
        }
    }

    /** y[i] = alpha·x[i] + beta·y[i] (two roundings, like the reference: no FMA). */
    static void axpby(float alpha, float[] x, float beta, float[] y, int n) {
        int i = 0;
        for (int bound = n - VL; i <= bound; i += VL) {
            FloatVector.fromArray(S, x, i).mul(alpha).add(FloatVector.fromArray(S, y, i).mul(beta)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = alpha * x[i] + beta * y[i];
        }
    }

    // --------------------------------------------------------------------------- row helpers

    /** out[o + j] = x[xo + j] + bias[bo + j] for j &lt; n. */
    static void add(float[] x, int xo, float[] bias, int bo, float[] out, int o, int n) {
        int j = 0;
        for (int bound = n - VL; j <= bound; j += VL) {
            FloatVector.fromArray(S, x, xo + j).add(FloatVector.fromArray(S, bias, bo + j)).intoArray(out, o + j);
        }
        for (; j < n; j++) {
            out[o + j] = x[xo + j] + bias[bo + j];
        }
    }

    /** c[o + j] += bias[bo + j]. */
    static void addInPlace(float[] c, int o, float[] bias, int bo, int n) {
        add(c, o, bias, bo, c, o, n);
    }

    /** c[o + j] = max(c[o + j], 0). */
    static void reluInPlace(float[] c, int o, int n) {
        int j = 0;
        for (int bound = n - VL; j <= bound; j += VL) {
            FloatVector.fromArray(S, c, o + j).max(0f).intoArray(c, o + j);
        }
        for (; j < n; j++) {
            c[o + j] = Math.max(c[o + j], 0f);
        }
    }

    /** c[o + j] *= s. */
    static void scale(float[] c, int o, int n, float s) {
        int j = 0;
        for (int bound = n - VL; j <= bound; j += VL) {
            FloatVector.fromArray(S, c, o + j).mul(s).intoArray(c, o + j);
        }
        for (; j < n; j++) {
            c[o + j] *= s;
        }
    }

    /** y[yo + j] += s · x[xo + j] (fused multiply-add). */
    static void axpy(float s, float[] x, int xo, float[] y, int yo, int n) {
        int j = 0;
        FloatVector sv = FloatVector.broadcast(S, s);
        for (int bound = n - VL; j <= bound; j += VL) {
            sv.fma(FloatVector.fromArray(S, x, xo + j), FloatVector.fromArray(S, y, yo + j)).intoArray(y, yo + j);
        }
        for (; j < n; j++) {
            y[yo + j] = Math.fma(s, x[xo + j], y[yo + j]);
        }
    }

    /** Σ x[xo + j]·y[yo + j] in float, with two vector accumulators. */
    static float dotFloat(float[] x, int xo, float[] y, int yo, int n) {
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        int j = 0;
        for (int bound = n - 2 * VL; j <= bound; j += 2 * VL) {
            acc0 = FloatVector.fromArray(S, x, xo + j).fma(FloatVector.fromArray(S, y, yo + j), acc0);
            acc1 = FloatVector.fromArray(S, x, xo + j + VL).fma(FloatVector.fromArray(S, y, yo + j + VL), acc1);
        }
        float s = sumLanes(acc0.add(acc1));
        for (; j < n; j++) {
            s = Math.fma(x[xo + j], y[yo + j], s);
        }
        return s;
    }

    // ------------------------------------------------------------------------------ reductions

    // Lane i swapped with lane i ^ d, for the steps of sumLanes (null where the vector is narrower).
    private static final VectorShuffle<Float> SWAP_8 = VL >= 16 ? VectorShuffle.fromOp(S, i -> i ^ 8) : null;
    private static final VectorShuffle<Float> SWAP_4 = VL >= 8 ? VectorShuffle.fromOp(S, i -> i ^ 4) : null;
    private static final VectorShuffle<Float> SWAP_2 = VL >= 4 ? VectorShuffle.fromOp(S, i -> i ^ 2) : null;
    private static final VectorShuffle<Float> SWAP_1 = VL >= 2 ? VectorShuffle.fromOp(S, i -> i ^ 1) : null;

    /**
     * The sum of v's lanes, added in one fixed order: pairs of lanes VL/2 apart, then VL/4, and so
     * on, each step a lane-wise add of v and v with its lanes swapped. Used in place of
     * {@code reduceLanes(ADD)}, whose order the Vector API leaves open: on JDK 25 the interpreter
     * added the lanes one after another and C2's code, in some compilations, pairwise, so the same
     * sum came out different in the last bit before and after the JIT (the conformance kit's
     * determinism check caught it; SimdKernelsTest). Lane-wise adds have one result however
     * they run. (A maximum has one result in any order, so MAX reductions stay.)
     */
    static float sumLanes(FloatVector v) {
        if (VL > 16) { // wider than any x86 vector (SVE can be): lane by lane, in order
            float s = 0f;
            for (int l = 0; l < VL; l++) {
                s += v.lane(l);
            }
            return s;
        }
        FloatVector t = v;
        if (VL >= 16) {
            t = t.add(t.rearrange(SWAP_8));
        }
        if (VL >= 8) {
            t = t.add(t.rearrange(SWAP_4));
        }
        if (VL >= 4) {
            t = t.add(t.rearrange(SWAP_2));
        }
        if (VL >= 2) {
            t = t.add(t.rearrange(SWAP_1));
        }
        return t.lane(0);
    }

    /**
     * {@link #sumLanes} of a vector stored at {@code lanes[from …]}, in the same pairwise order (for
     * up to 16 lanes), in scalar code: for a kernel whose vectors must not cross a call (see
     * DirectConv). Overwrites the stored lanes.
     */
    static float sumStoredLanes(float[] lanes, int from) {
        for (int half = VL / 2; half >= 1; half /= 2) { // lane i += lane i + half: lane 0 ends with the sum
            for (int i = 0; i < half; i++) {
                lanes[from + i] += lanes[from + i + half];
            }
        }
        return lanes[from];
    }

    /** Elements per float block before its sum is moved into the double total. */
    private static final int BLOCK = 1024;

    /**
     * Σ x[o + i]: float vector accumulators within blocks of {@value #BLOCK}, each block's sum added
     * to a double, so the error stays that of a 1024-element float sum whatever n is.
     */
    static double sum(float[] x, int o, int n) {
        double total = 0;
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK);
            FloatVector acc0 = FloatVector.zero(S);
            FloatVector acc1 = FloatVector.zero(S);
            int i = start;
            for (int bound = end - 2 * VL; i <= bound; i += 2 * VL) {
                acc0 = acc0.add(FloatVector.fromArray(S, x, o + i));
                acc1 = acc1.add(FloatVector.fromArray(S, x, o + i + VL));
            }
            float s = sumLanes(acc0.add(acc1));
            for (; i < end; i++) {
                s += x[o + i];
            }
            total += s;
        }
        return total;
    }

    /** Σ a[i]·b[i], blocked like {@link #sum}. */
    static double dot(float[] a, float[] b, int n) {
        double total = 0;
        for (int start = 0; start < n; start += BLOCK) {
            int len = Math.min(n, start + BLOCK) - start;
            total += dotFloat(a, start, b, start, len);
        }
        return total;
    }

    /** The maximum of x[o … o+n); NaN if any element is NaN. */
    static float max(float[] x, int o, int n) {
        float m = Float.NEGATIVE_INFINITY;
        int i = 0;
        if (n >= VL) {
            FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (int bound = n - VL; i <= bound; i += VL) {
                acc = acc.max(FloatVector.fromArray(S, x, o + i));
            }
            m = acc.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            m = Math.max(m, x[o + i]);
        }
        return m;
    }

    /**
     * out[j] = Σᵢ x[i·cols + j] + beta·out[j]: four column vectors at a time, summed down the rows
     * in row order (so the result does not depend on the vector width). The sums are written
     * straight from the loop (no helper taking a vector, which C2 might box).
     */
    static void sumColumns(float[] x, float beta, float[] out, int rows, int cols) {
        int j = 0;
        for (int bound = cols - 4 * VL; j <= bound; j += 4 * VL) {
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            for (int i = 0, o = j; i < rows; i++, o += cols) {
                s0 = s0.add(FloatVector.fromArray(S, x, o));
                s1 = s1.add(FloatVector.fromArray(S, x, o + VL));
                s2 = s2.add(FloatVector.fromArray(S, x, o + 2 * VL));
                s3 = s3.add(FloatVector.fromArray(S, x, o + 3 * VL));
            }
            if (beta != 0f) {
                s0 = s0.add(FloatVector.fromArray(S, out, j).mul(beta));
                s1 = s1.add(FloatVector.fromArray(S, out, j + VL).mul(beta));
                s2 = s2.add(FloatVector.fromArray(S, out, j + 2 * VL).mul(beta));
                s3 = s3.add(FloatVector.fromArray(S, out, j + 3 * VL).mul(beta));
            }
            s0.intoArray(out, j);
            s1.intoArray(out, j + VL);
            s2.intoArray(out, j + 2 * VL);
            s3.intoArray(out, j + 3 * VL);
        }
        for (; j < cols; j++) {
            float s = 0f;
            for (int i = 0, o = j; i < rows; i++, o += cols) {
                s += x[o];
            }
            out[j] = beta == 0f ? s : s + beta * out[j];
        }
    }
}
