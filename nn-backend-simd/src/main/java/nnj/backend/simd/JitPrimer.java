package nnj.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Runs each kind of Vector API operation the backend uses, in turn, before any kernel runs, so
 * that C2 never compiles a kernel into code that boxes its vectors.
 *
 * <h2>The problem (found with -XX:+LogCompilation -XX:+PrintIntrinsics, JDK 17)</h2>
 * In about one fresh JVM in three, 1 or 2 threads, the training step ran 20–25× slower for good
 * (the 8x2 GEMM kernel's stores were not intrinsified: "missing constant: vclass", and every
 * accumulator was boxed; ~40 KB a step). The cause is a C2 budget, not nnj's code:
 * <ul>
 *   <li>Every lanewise operation inlines {@code VectorOperators.opCode}, whose checkcast of the
 *       operator C2 speculates from the type profile. A JVM starts with a GEMM: thousands of FMAs
 *       (Ternary operators) and nothing else, so early compiled code speculates "Ternary", and each
 *       other kind that comes later (add, compare, sqrt) fails the guess: a class_check trap,
 *       recorded in opCode's profile (5 in the slow JVMs; 3 more in {@code ImplCache.find}).</li>
 *   <li>C2 adds up the traps of every method it inlines, once per inlined call, and past
 *       {@code -XX:PerMethodTrapLimit} (100) in one compilation it stops speculating on types for
 *       the rest of that method. The 8x2 kernel inlines opCode and find once per FMA: 16 × 8 = 128.
 *       Its stores come last, lost the receiver-type guess they need to be intrinsified, and
 *       became calls that box. Whether it happens depends on compile timing.</li>
 * </ul>
 *
 * <h2>The fix</h2>
 * One operator of each class (ternary, associative, binary, unary, comparison, with masks) in
 * turn, from the start, for long enough that the helpers' profiles are created while the kinds
 * alternate: C2 never speculates on a profile that has seen several classes, so the helpers never
 * trap. Each operation is also run once, so the helpers' caches hold all of them before any code
 * is compiled. Measured: with 1,000 rounds, no class_check trap in opCode and none counted in any
 * nnj compilation; with 300 rounds (under -XX:-TieredCompilation the interpreter creates a
 * profile only after ~3,300 calls), opCode still trapped 5 times and a kernel compilation counted
 * 160. Cost, once per JVM: ~6,000 vector operations, 108 ms under -XX:-TieredCompilation and 69 ms
 * with tiered compilation on an idle AVX-512 Xeon core.
 */
final class JitPrimer {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /**
     * Rounds of the operator classes in turn, 5 opCode calls a round: the interpreter starts
     * profiling a method after about 3,300 calls when C2 compiles alone (the launcher's
     * -XX:-TieredCompilation), C1 after about 200. -Dnnj.simd.primerRounds=0 turns it off (to
     * reproduce the problem).
     */
    private static final int ROUNDS = Integer.getInteger("nnj.simd.primerRounds", 1_000);

    private JitPrimer() {
    }

    /** Primes once per JVM (the holder's class initialisation runs exactly once, thread-safely). */
    static void ensurePrimed() {
        Holder.touch();
    }

    private static final class Holder {
        static final float SINK = prime();

        static void touch() {
            if (SINK == Float.MIN_VALUE) { // never true; keeps the result observable
                throw new AssertionError();
            }
        }
    }

    private static float prime() {
        float[] x = new float[S.length()];
        float[] out = new float[S.length()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1f;
        }
        FloatVector v = FloatVector.fromArray(S, x, 0);
        // Each operation the backend uses once, so the helpers' caches hold them all ...
        FloatVector w = v.mul(v).mul(0.5f).max(v).max(0f).min(v).div(v).neg().sqrt().add(1f);
        float sink = w.compare(VectorOperators.GT, 0f).trueCount() + w.reduceLanes(VectorOperators.MAX);
        // ... then one operator of each class in turn, until the helpers' profiles exist and
        // hold several classes (5 helper calls a round).
        for (int r = 0; r < ROUNDS; r++) {
            v = FloatVector.fromArray(S, x, 0);
            w = v.fma(v, v).add(v).sub(v).abs();                // ternary, associative, binary, unary
            w = w.blend(v, w.lt(v));                            // comparison, mask
            w.intoArray(out, 0);
            sink += out[r & (out.length - 1)];
        }
        return sink + VectorOps.sumLanes(w); // rearrange, add, lane: the fixed-order sum of a vector's lanes
    }
}
