package nnj.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row kernels (softmax, log-sum-exp, softmax cross-entropy) and the fused optimizer updates.
 *
 * <p>Softmax and the softmax cross-entropy take their exps from {@link #exp}, a float polynomial
 * within 1 ulp and 2× faster in the loss; logs, row sums (in double) and log-sum-exp's exps are
 * evaluated as the naive reference does, with {@link Math}. The surrounding arithmetic is vectorised.
 * The optimizer updates are one pass over the parameter with each intermediate kept in registers,
 * using the same operation order as the composite they replace, so they give the same bits, except
 * that optimizer state below the smallest normal float is flushed to zero (see {@link #adam}).
 */
final class FusedOps {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int VL = S.length();

    private FusedOps() {
    }

    /** ln Σⱼ exp(x[o + j]) as m + ln Σ exp(x − m); the row max itself when it is ±∞ or NaN. */
    static float logSumExp(float[] x, int o, int cols) {
        float max = VectorOps.max(x, o, cols);
        if (Float.isInfinite(max) || Float.isNaN(max)) {
            return max;
        }
        double s = 0;
        for (int j = 0; j < cols; j++) {
            s += Math.exp(x[o + j] - max);
        }
        return (float) (max + Math.log(s));
    }

    /** log₂ e, and ln 2 split in two so that n·LN2_HI is exact for the n of a float exp. */
    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.42860677e-6f;
    /** 1.5·2²³: adding it rounds a float of magnitude below 2²² to an integer, kept in the low bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** ln 2⁻¹²⁶: below it e^x is subnormal. */
    private static final float EXP_NORMAL_MIN = -87.33654f;

    /**
     * e^x in float for the shifted logits of softmax (x ≤ 0), within 1 ulp (0.90 at worst over every
     * 1/4096 of [−87.3, 0], SimdKernelsTest); any other x (positive, below ln 2⁻¹²⁶ ≈ −87.34, −∞ or
     * NaN) goes to Math.exp itself.
     *
     * <p>Why not Math.exp everywhere: it costs 15 ns a float here, and 1,280 of them were 20 of the
     * 34 µs that the b128 MLP step spent in its loss (AVX-512 Xeon, JDK 17). This is 9 FMAs: x = n·ln 2
     * + r with |r| ≤ ln 2 / 2 (ln 2 in two parts, so r is exact), e^r by its Taylor polynomial of
     * degree 7 (truncation below 6e-9, a tenth of an ulp), times 2ⁿ built in the exponent bits. Why
     * not the Vector API's EXP: its compiled form (SVML) and its interpreted form differ in the last
     * bit, so one run gave different results before and after C2 compiled it, which the kit's
     * determinism test caught. These are IEEE operations only: the same bits in every JIT tier. The
     * 128 × 10 loss went from 20 to 9.2 µs (natively; 9.5 with AVX2).
     */
    static float exp(float x) {
        if (!(x <= 0f && x >= EXP_NORMAL_MIN)) {
            return (float) Math.exp(x);
        }
        // n = x·log₂e rounded to an integer, by adding 1.5·2²³: the sum's last mantissa bits are n.
        float shifted = Math.fma(x, LOG2E, ROUNDER);
        float n = shifted - ROUNDER;
        float r = Math.fma(n, -LN2_LO, Math.fma(n, -LN2_HI, x));
        float p = 1f / 5040;
        p = Math.fma(p, r, 1f / 720);
        p = Math.fma(p, r, 1f / 120);
        p = Math.fma(p, r, 1f / 24);
        p = Math.fma(p, r, 1f / 6);
        p = Math.fma(p, r, 0.5f);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        return p * Float.intBitsToFloat((Float.floatToRawIntBits(shifted) - ROUNDER_BITS + 127) << 23);
    }

    /** One row of softmax: out[o + j] = exp(x − max) / Σ exp(x − max). out may be x. */
    static void softmaxRow(float[] x, float[] out, int o, int cols) {
        float max = VectorOps.max(x, o, cols);
        double s = 0;
        for (int j = 0; j < cols; j++) {
            float e = exp(x[o + j] - max);
            out[o + j] = e;
            s += e;
        }
        VectorOps.scale(out, o, cols, (float) (1.0 / s));
    }

    /**
     * Softmax cross-entropy with its gradient in one pass per row: returns the mean loss, writes
     * grad = (softmax(z) − t)/n and rowWork[i] = logsumexp(z_i). grad may be the logits array.
     */
    static double softmaxCrossEntropy(float[] z, float[] t, float[] grad, float[] rowWork, int rows, int cols) {
        double lseTotal = 0;
        double targetDotLogits = 0;
        float invRows = 1f / rows;
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            float max = VectorOps.max(z, o, cols);
            targetDotLogits += VectorOps.dotFloat(t, o, z, o, cols);
            double sumExp = 0;
            for (int j = 0; j < cols; j++) {
                float e = exp(z[o + j] - max);
                grad[o + j] = e;
                sumExp += e;
            }
            float lse = Float.isInfinite(max) || Float.isNaN(max) ? max : (float) (max + Math.log(sumExp));
            rowWork[i] = lse;
            lseTotal += lse;
            float inv = (float) (1.0 / sumExp);
            int j = 0;
            for (int bound = cols - VL; j <= bound; j += VL) {
                FloatVector.fromArray(S, grad, o + j).mul(inv).sub(FloatVector.fromArray(S, t, o + j))
                        .mul(invRows).intoArray(grad, o + j);
            }
            for (; j < cols; j++) {
                grad[o + j] = (grad[o + j] * inv - t[o + j]) * invRows;
            }
        }
        return (lseTotal - targetDotLogits) / rows;
    }

    /**
     * Adam, fused: g += l2·p; p *= decay; m = (1−β₁)g + β₁m; v = (1−β₂)g² + β₂v;
     * p += −stepSize · m/(√v + ε̂). The same roundings, in the same order, as the reference
     * {@code Adam.referenceUpdate}.
     */
    static void adam(float[] p, float[] g, float[] m, float[] v, float beta1, float beta2,
                     float stepSize, float epsHat, float l2, float decay, int n) {
        adam(p, g, m, v, beta1, beta2, stepSize, epsHat, l2, decay, 0, n);
    }

    /**
     * {@link #adam} on the elements [from, to).
     *
     * <p>Flush to zero: a moment below the smallest normal float (1.2e-38) is stored as 0. A
     * parameter whose gradient stays 0 (a dead ReLU unit, a pixel that is always blank) sees its m
     * decay by β₁ each step into subnormal floats after a few hundred steps, and arithmetic on
     * subnormals takes a microcode assist (about 100 cycles on Intel; measured: a 200k-parameter
     * update went from 0.11 ms to 2.2 ms). Java cannot set the CPU's flush-to-zero mode, so the
     * update does it. The difference is below 1.2e-38 in m or v, and the step it would have made,
     * m/(√v + ε̂) with ε̂ ≥ 1e-8 or so, is below 1e-30: invisible in p.
     */
    static void adam(float[] p, float[] g, float[] m, float[] v, float beta1, float beta2,
                     float stepSize, float epsHat, float l2, float decay, int from, int to) {
        float c1 = 1f - beta1;
        float c2 = 1f - beta2;
        float negStep = -stepSize;
        boolean decays = decay != 1f;
        boolean coupled = l2 != 0f;
        int i = from;
        for (int bound = to - VL; i <= bound; i += VL) {
            FloatVector gv = FloatVector.fromArray(S, g, i);
            FloatVector pv = FloatVector.fromArray(S, p, i);
            if (coupled) {
                gv = pv.mul(l2).add(gv);
            }
            if (decays) {
                pv = pv.mul(decay);
            }
            FloatVector mv = gv.mul(c1).add(FloatVector.fromArray(S, m, i).mul(beta1));
            FloatVector vv = gv.mul(gv).mul(c2).add(FloatVector.fromArray(S, v, i).mul(beta2));
            mv = mv.blend(0, mv.abs().lt(Float.MIN_NORMAL)); // flush subnormals: see the method comment
            vv = vv.blend(0, vv.lt(Float.MIN_NORMAL));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector step = mv.div(vv.sqrt().add(epsHat));
            step.mul(negStep).add(pv).intoArray(p, i);
        }
        for (; i < to; i++) {
            float pi = decays ? p[i] * decay : p[i];
            float gi = coupled ? l2 * p[i] + g[i] : g[i];
            float mi = c1 * gi + beta1 * m[i];
            float vi = c2 * (gi * gi) + beta2 * v[i];
            mi = Math.abs(mi) < Float.MIN_NORMAL ? 0f : mi;
            vi = vi < Float.MIN_NORMAL ? 0f : vi;
            m[i] = mi;
            v[i] = vi;
            p[i] = negStep * (mi / ((float) Math.sqrt(vi) + epsHat)) + pi;
        }
    }

    /**
     * SGD, fused, as PyTorch defines it: g = grad + wd·p; with momentum μ, vel = μ·vel + g and the
     * step uses vel (or g + μ·vel with Nesterov); p += −lr · step. grad is overwritten with g, as
     * the composite does. A velocity below the smallest normal float is stored as 0 (see {@link #adam}).
     */
    static void sgd(float[] p, float[] grad, float[] vel, float lr, float mu, boolean nesterov, float wd, int n) {
        float negLr = -lr;
        int i = 0;
        for (int bound = n - VL; i <= bound; i += VL) {
            FloatVector pv = FloatVector.fromArray(S, p, i);
            FloatVector gv = FloatVector.fromArray(S, grad, i);
            if (wd != 0f) {
                gv = pv.mul(wd).add(gv);
                gv.intoArray(grad, i);
            }
            FloatVector step = gv;
            if (mu != 0f) {
                FloatVector velv = gv.add(FloatVector.fromArray(S, vel, i).mul(mu));
                velv = velv.blend(0, velv.abs().lt(Float.MIN_NORMAL)); // flush subnormals, as adam does
                velv.intoArray(vel, i);
                if (nesterov) {
                    step = velv.mul(mu).add(gv);
                    step.intoArray(grad, i);
                } else {
                    step = velv;
                }
            }
            step.mul(negLr).add(pv).intoArray(p, i);
        }
        for (; i < n; i++) {
            float gi = grad[i];
            if (wd != 0f) {
                gi = wd * p[i] + gi;
                grad[i] = gi;
            }
            float step = gi;
            if (mu != 0f) {
                float vi = gi + mu * vel[i];
                vi = Math.abs(vi) < Float.MIN_NORMAL ? 0f : vi;
                vel[i] = vi;
                if (nesterov) {
                    step = mu * vi + gi;
                    grad[i] = step;
                } else {
                    step = vi;
                }
            }
            p[i] = negLr * step + p[i];
        }
    }
}
