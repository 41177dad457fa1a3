package nnj.backend.tck;

import java.util.Arrays;
import org.opentest4j.AssertionFailedError;

/**
 * Element-wise comparison of a backend's output with the reference, with failure messages that a
 * backend author can act on: the op, the shapes, how many elements differ, and the worst one.
 */
public final class Compare {
    private Compare() {
    }

    /** A per-element tolerance: |got − expected| ≤ abs + rel·scale[i]. */
    public interface Tolerance {
        double at(int i, float expected);
    }

    /** |got − expected| ≤ abs + rel·|expected|. */
    public static Tolerance relative(double abs, double rel) {
        return (i, e) -> abs + rel * Math.abs(e);
    }

    /**
     * Asserts that {@code actual} matches {@code expected}. NaN must meet NaN, and an infinity
     * the same infinity; finite values must be within tolerance.
     *
     * @param what   the op and its arguments, e.g. {@code "gemm(transA=true, …) A (7, 33) …"}
     * @param cols   the row length, to report the worst element as [row, col]; 0 for flat indices
     */
    public static void close(String backend, String what, float[] expected, float[] actual, int cols,
                             Tolerance tol) {
        if (expected.length != actual.length) {
            throw new AssertionFailedError("[" + backend + "] " + what + ": output has " + actual.length
                    + " elements, expected " + expected.length);
        }
        int bad = 0;
        int worst = -1;
        double worstExcess = -1;
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            double excess;
            if (Float.isNaN(e) || Float.isNaN(a) || Float.isInfinite(e) || Float.isInfinite(a)) {
                excess = (Float.compare(e, a) == 0) ? -1 : Double.POSITIVE_INFINITY;
            } else {
                double diff = Math.abs((double) a - e);
                double t = tol.at(i, e);
                excess = diff > t ? diff / t : -1;
            }
            if (excess > 0) {
                bad++;
                if (excess > worstExcess) {
                    worstExcess = excess;
                    worst = i;
                }
            }
        }
        if (bad > 0) {
            float e = expected[worst];
            float a = actual[worst];
            String where = cols > 0 ? "[" + (worst / cols) + ", " + (worst % cols) + "]" : "[" + worst + "]";
            boolean finite = Float.isFinite(a) && Float.isFinite(e);
            String how = finite
                    ? ", |diff| " + (float) Math.abs((double) a - e) + " > tolerance " + (float) tol.at(worst, e)
                    : " (a NaN or infinity must match exactly)";
            throw new AssertionFailedError("[" + backend + "] " + what + ": " + bad + " of " + expected.length
                    + " elements differ from the naive reference; worst at " + where + ": got " + a
                    + ", expected " + e + how);
        }
    }

    /** Asserts bitwise equality, for determinism checks. */
    public static void identical(String backend, String what, float[] first, float[] second) {
        for (int i = 0; i < first.length; i++) {
            if (Float.floatToRawIntBits(first[i]) != Float.floatToRawIntBits(second[i])) {
                throw new AssertionFailedError("[" + backend + "] " + what
                        + " is not deterministic: two identical runs differ at element " + i + " (" + first[i]
                        + " vs " + second[i] + ")");
            }
        }
    }

    static String shape(int... dims) {
        return Arrays.toString(dims).replace('[', '(').replace(']', ')');
    }
}
