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

    // ------------------------------------------------------------------ images (NCHW) and channels

    /**
     * Checks a convolution's shapes: x (N, C, H, W), w (O, C, kh, kw), bias null or O elements,
     * y (N, O, OH, OW) with {@code OH = (H + 2·padH − kh) / stride + 1} (likewise OW); y shares no
     * storage with the others. The backward ops pass their gradients in the same roles.
     */
    public static void conv2d(String op, Tensor x, Tensor w, Tensor bias, int stride, int padH, int padW, Tensor y) {
        rank4(op, "image", x);
        rank4(op, "weights", w);
        rank4(op, "output", y);
        if (stride < 1 || padH < 0 || padW < 0) {
            throw new IllegalArgumentException(op + ": stride must be ≥ 1 and padding ≥ 0, got stride " + stride
                    + ", padding " + padH + "×" + padW);
        }
        Shape xs = x.shape();
        Shape ws = w.shape();
        int kh = ws.dim(2);
        int kw = ws.dim(3);
        int oh = ConvGeometry.outputSize(xs.dim(2), kh, stride, padH);
        int ow = ConvGeometry.outputSize(xs.dim(3), kw, stride, padW);
        boolean fits = xs.dim(2) + 2 * padH >= kh && xs.dim(3) + 2 * padW >= kw;
        Shape ys = y.shape();
        if (ws.dim(1) != xs.dim(1) || !fits || ys.dim(0) != xs.dim(0) || ys.dim(1) != ws.dim(0) || ys.dim(2) != oh
                || ys.dim(3) != ow) {
            throw new IllegalArgumentException(op + ": image " + xs + " (N, C, H, W), weights " + ws
                    + " (O, C, kh, kw), stride " + stride + " and padding " + padH + "×" + padW
                    + " do not fit output " + y.shape()
                    + (ws.dim(1) != xs.dim(1) ? "; the weights' input channels must equal the image's"
                    : !fits ? "; the window is larger than the padded image"
                    : "; expected output (" + xs.dim(0) + ", " + ws.dim(0) + ", " + oh + ", " + ow + ")"));
        }
        if (bias != null) {
            size(op, "bias", bias, ws.dim(0));
            noAlias(op, y, bias, "output and bias");
        }
        noAlias(op, y, x, "output and image");
        noAlias(op, y, w, "output and weights");
        noAlias(op, x, w, "image and weights");
    }

    /**
     * Checks a pooling op's shapes: x (N, C, H, W) and y (N, C, OH, OW) with
     * {@code OH = (H − poolH) / stride + 1} (likewise OW), not sharing storage.
     */
    public static void pool2d(String op, Tensor x, int poolH, int poolW, int stride, Tensor y) {
        rank4(op, "image", x);
        rank4(op, "output", y);
        Shape xs = x.shape();
        if (poolH < 1 || poolW < 1 || stride < 1 || poolH > xs.dim(2) || poolW > xs.dim(3)) {
            throw new IllegalArgumentException(op + ": a " + poolH + "×" + poolW + " window with stride " + stride
                    + " does not fit image " + xs + "; window and stride must be ≥ 1 and the window no larger than"
                    + " the image");
        }
        int oh = ConvGeometry.outputSize(xs.dim(2), poolH, stride, 0);
        int ow = ConvGeometry.outputSize(xs.dim(3), poolW, stride, 0);
        Shape ys = y.shape();
        if (ys.dim(0) != xs.dim(0) || ys.dim(1) != xs.dim(1) || ys.dim(2) != oh || ys.dim(3) != ow) {
            throw new IllegalArgumentException(op + ": image " + xs + " pooled " + poolH + "×" + poolW
                    + " with stride " + stride + " gives (" + xs.dim(0) + ", " + xs.dim(1) + ", " + oh + ", " + ow
                    + "), but the output is " + ys);
        }
        noAlias(op, y, x, "output and image");
    }

    /** The largest image plane (H·W) whose positions a float holds exactly, for max-pooling's arg-max. */
    public static final int MAX_ARGMAX_PLANE = 1 << 24;

    /** Checks the arg-max tensor of max pooling: the output's shape, and planes a float can index. */
    public static void argmax(String op, Tensor x, Tensor y, Tensor argmax) {
        sameShape(op, y, argmax);
        noAlias(op, argmax, x, "arg-max and image");
        noAlias(op, argmax, y, "arg-max and output");
        if ((long) x.shape().dim(2) * x.shape().dim(3) > MAX_ARGMAX_PLANE) {
            throw new IllegalArgumentException(op + ": image " + x.shape() + " has planes of more than 2^24"
                    + " pixels, which a float arg-max cannot index exactly");
        }
    }

    /**
     * Checks a per-channel op: x of rank ≥ 2 viewed as (N, C, S) with C = dim 1 and S the product of
     * the remaining dimensions (1 for a (N, C) matrix); {@code channelVector} has C elements.
     */
    public static void channels(String op, String what, Tensor x, Tensor channelVector) {
        if (x.shape().rank() < 2) {
            throw new IllegalArgumentException(op + ": input must have rank ≥ 2, (N, C) or (N, C, H, W), got "
                    + x.shape());
        }
        if (channelVector.size() != x.shape().dim(1)) { // the message is built only on failure: no allocation
            size(op, what + " (one per channel, dim 1 of " + x.shape() + ")", channelVector, x.shape().dim(1));
        }
        if (channelVector.sharesStorageWith(x)) {
            noAlias(op, channelVector, x, what + " and input");
        }
    }

    private static void rank4(String op, String what, Tensor t) {
        if (t.shape().rank() != 4) {
            throw new IllegalArgumentException(op + ": " + what + " must be rank 4, (N, C, H, W), got shape "
                    + t.shape());
        }
    }
}
