package org.example.nnj.checked;

import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Backend;

/**
 * Refuses NaN and infinite inputs, naming the op, the argument and the first bad element, so that a
 * training run that blows up stops at the first kernel that saw a bad value rather than epochs later.
 *
 * <p>Reading a tensor means copying it to the host, into one scratch array that grows to the
 * largest tensor seen and is then reused. That costs a pass over every input: it is a debugging aid.
 */
final class FiniteGuard {
    private final Backend delegate;
    private float[] scratch = new float[0];

    FiniteGuard(Backend delegate) {
        this.delegate = delegate;
    }

    /** Throws if the delegate's tensor {@code t} (argument {@code what} of {@code op}) holds NaN or ±Inf. */
    void check(String op, String what, Tensor t) {
        int n = t.size();
        if (scratch.length < n) {
            scratch = new float[n];
        }
        delegate.download(t, scratch, 0);
        check(op, what, t.shape(), scratch, 0, n);
    }

    /** Throws if {@code values[offset … offset + n)}, argument {@code what} of shape {@code shape}, is not finite. */
    void check(String op, String what, Shape shape, float[] values, int offset, int n) {
        for (int i = 0; i < n; i++) {
            float v = values[offset + i];
            if (!Float.isFinite(v)) {
                int cols = shape.cols();
                String where = shape.rank() == 1 || cols == 0 ? "[" + i + "]" : "[" + (i / cols) + ", " + (i % cols) + "]";
                throw new IllegalArgumentException(CheckedProvider.NAME + ": " + op + ": " + what + " " + shape
                        + " holds " + v + " at " + where + ". The checked backend refuses non-finite inputs because -D"
                        + CheckedProvider.FINITE_PROPERTY + "=true; find the op that last wrote this tensor"
                        + " (a learning rate too high, a log of 0, a division by 0).");
            }
        }
    }
}
