package nnj.api.backend;

import nnj.api.Shape;
import nnj.api.Tensor;

/**
 * Argument checks shared by backends, so that every backend refuses bad calls with the same clear
 * message: the op, the shapes, and what was expected. {@link HeapBackend} calls them for you; a
 * backend that implements {@link Backend} directly calls them before its kernels.
 *
 * <p>Each method returns normally when the argument is valid and throws
 * {@link IllegalArgumentException} (or {@link NullPointerException} for a null tensor) when it is
 * not. Stateless and thread-safe; a passing check allocates nothing (only the {@code op} string the
 * caller builds does).
 */
public final class Checks {
    private Checks() {
    }

    /** Refuses a tensor that another backend created, naming both backends. */
    public static void owned(Backend backend, String op, Tensor t) {
        if (t == null) {
            throw new NullPointerException(op + ": a tensor argument is null");
        }
        if (t.backend() != backend) {
            String other = t.backend().name();
            String why = other.equals(backend.name()) ? " (another instance of that backend)" : "";
            throw new IllegalArgumentException(op + ": tensor " + t.shape() + " belongs to backend '" + other
                    + "'" + why + ", but the op ran on backend '" + backend.name()
                    + "'. Move the data with model.to(backend) or copy it through a float[].");
        }
    }

    /** Refuses tensors whose shapes differ, naming them all. */
    public static void sameShape(String op, Tensor... ts) {
        Shape first = ts[0].shape();
        for (Tensor t : ts) {
            if (!t.shape().equals(first)) {
                StringBuilder sb = new StringBuilder(op).append(": shapes must be equal, got");
                for (Tensor u : ts) {
                    sb.append(' ').append(u.shape());
                }
                throw new IllegalArgumentException(sb.toString());
            }
        }
    }

    /**
     * {@link #sameShape(String, Tensor...)} for two tensors, without the varargs array: kernels
     * call this on every step, and a training step must not allocate.
     */
    public static void sameShape(String op, Tensor a, Tensor b) {
        if (!a.shape().equals(b.shape())) {
            sameShape(op, new Tensor[] {a, b});
        }
    }

    /** {@link #sameShape(String, Tensor...)} for three tensors, without the varargs array. */
    public static void sameShape(String op, Tensor a, Tensor b, Tensor c) {
        if (!a.shape().equals(b.shape()) || !a.shape().equals(c.shape())) {
            sameShape(op, new Tensor[] {a, b, c});
        }
    }

    /** Refuses a tensor whose size is not {@code expected}. */
    public static void size(String op, String what, Tensor t, int expected) {
        if (t.size() != expected) {
            throw new IllegalArgumentException(op + ": " + what + " must have " + expected
                    + " elements, but has shape " + t.shape());
        }
    }

    /** Refuses an output that shares storage with an input of an op that cannot work in place. */
    public static void noAlias(String op, Tensor out, Tensor in, String names) {
        if (out.sharesStorageWith(in)) {
            throw new IllegalArgumentException(op + ": " + names
                    + " share storage, but this op cannot work in place; pass a separate output tensor");
        }
    }

    /** Refuses a tensor that is not rank 2. */
    public static void matrix(String op, String what, Tensor t) {
        if (t.shape().rank() != 2) {
            throw new IllegalArgumentException(op + ": " + what + " must be a rank-2 matrix, got shape " + t.shape());
        }
    }

    /** Checks the shapes of {@code C = op(A)·op(B)}. */
    public static void gemm(boolean transA, boolean transB, Tensor a, Tensor b, Tensor c) {
        matrix("gemm", "A", a);
        matrix("gemm", "B", b);
        matrix("gemm", "C", c);
        int m = transA ? a.shape().dim(1) : a.shape().dim(0);
        int ka = transA ? a.shape().dim(0) : a.shape().dim(1);
        int kb = transB ? b.shape().dim(1) : b.shape().dim(0);
        int n = transB ? b.shape().dim(0) : b.shape().dim(1);
        if (ka != kb || c.shape().dim(0) != m || c.shape().dim(1) != n) {
            throw new IllegalArgumentException("gemm: cannot multiply op(A) = " + (transA ? "Aᵀ " : "A ")
                    + "with A " + a.shape() + " by op(B) = " + (transB ? "Bᵀ " : "B ") + "with B " + b.shape()
                    + " into C " + c.shape() + ": op(A) is (" + m + ", " + ka + "), op(B) is (" + kb + ", " + n
                    + "), so C must be (" + m + ", " + n + ")" + (ka != kb ? " and the inner sizes must agree" : ""));
        }
        noAlias("gemm", c, a, "C and A");
        noAlias("gemm", c, b, "C and B");
    }

    /** Refuses a range {@code [offset, offset + length)} outside an array of {@code arrayLength}. */
    public static void range(String op, int offset, int length, int arrayLength) {
        if (offset < 0 || length < 0 || offset > arrayLength - length) {
            throw new IllegalArgumentException(op + ": range [" + offset + ", " + ((long) offset + length)
                    + ") is outside the host array of length " + arrayLength);
        }
    }
}
