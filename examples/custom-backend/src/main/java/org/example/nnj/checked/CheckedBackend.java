package org.example.nnj.checked;

import java.util.Objects;
import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Activation;
import nnj.api.backend.Backend;
import nnj.api.backend.BinaryOp;
import nnj.api.backend.Checks;
import nnj.api.backend.RowReduction;
import nnj.api.backend.UnaryOp;

/**
 * A backend that checks every argument of every call, then lets another backend (naive, by
 * default) do the arithmetic.
 *
 * <p>What it checks, before the delegate sees anything: that each tensor is a {@code checked}
 * tensor of <em>this</em> instance, every shape, every aliasing rule of {@link Backend}, host array
 * ranges, and null arguments. With {@code finite} on, it also refuses an input that holds NaN or an
 * infinity, naming the op, the argument and the element (see {@link FiniteGuard}). It reads only
 * what the op reads: with {@code beta == 0} gemm does not read C, so a NaN there is allowed.
 *
 * <p>How it delegates: it implements {@link Backend} directly (rather than extending
 * {@code HeapBackend}, which is the shortcut for backends with their own {@code float[]} kernels),
 * and each of its tensors wraps one of the delegate's ({@link CheckedTensor}). The fused
 * image and channel primitives of convolutional networks are checked and delegated like every
 * other primitive (their defaults would work too, by copying through the host). The fused
 * composites ({@code denseForward}, {@code softmaxCrossEntropy}) and the later-added
 * {@code addColumnVector} are not overridden, and it does not offer {@code FusedUpdates}: their
 * default implementations and the optimizers' reference updates call this backend's primitives,
 * so every step of them is checked too.
 *
 * <p>Threads and determinism are the delegate's: {@link #setThreads} is passed on, and the results
 * are bitwise those of the delegate. Like every backend, one instance serves one caller thread at
 * a time.
 */
public final class CheckedBackend implements Backend {
    private final Backend delegate;
    private final FiniteGuard guard;

    /**
     * @param delegate the backend that does the arithmetic; this backend owns it and closes it
     * @param finite   whether to refuse inputs that hold NaN or an infinity
     */
    public CheckedBackend(Backend delegate, boolean finite) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.guard = finite ? new FiniteGuard(delegate) : null;
    }

    @Override
    public String name() {
        return CheckedProvider.NAME;
    }

    @Override
    public String toString() {
        return "checked backend over " + delegate.name();
    }

    // ---------------------------------------------------------------------------------- helpers

    /** The delegate's tensor inside one of ours; refuses null and tensors of any other backend. */
    private Tensor in(String op, String what, Tensor t) {
        Tensor inner = out(op, what, t);
        if (guard != null) {
            guard.check(op, what, inner);
        }
        return inner;
    }

    /** Like {@link #in}, for an output, or an input the op does not read: ownership only. */
    private Tensor out(String op, String what, Tensor t) {
        if (t == null || t.backend() != this) { // build the message only when there is an error
            Checks.owned(this, op + " (" + what + ")", t);
        }
        if (!(t instanceof CheckedTensor)) { // a Tensor that merely claims to be ours
            throw new IllegalArgumentException(op + ": " + what + " " + t + " claims backend 'checked' but is a "
                    + t.getClass().getName() + "; create tensors with backend.tensor(...)");
        }
        return ((CheckedTensor) t).inner();
    }

    private static <T> T notNull(String op, String what, T value) {
        if (value == null) {
            throw new NullPointerException(CheckedProvider.NAME + ": " + op + ": " + what + " is null");
        }
        return value;
    }

    // ---------------------------------------------------------------------------------- tensors

    @Override
    public Tensor tensor(Shape shape) {
        return new CheckedTensor(this, delegate.tensor(notNull("tensor", "shape", shape)));
    }

    @Override
    public int threads() {
        return delegate.threads();
    }

    @Override
    public void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException(CheckedProvider.NAME + ": thread count must be at least 1, got " + threads);
        }
        delegate.setThreads(threads);
    }

    @Override
    public void close() {
        delegate.close();
    }

    // ---------------------------------------------------------------------------- host transfer

    @Override
    public void upload(float[] src, int srcOffset, Tensor dst) {
        Tensor d = out("upload", "dst", dst);
        notNull("upload", "src", src);
        Checks.range("upload", srcOffset, dst.size(), src.length);
        if (guard != null) {
            guard.check("upload", "src", dst.shape(), src, srcOffset, dst.size());
        }
        delegate.upload(src, srcOffset, d);
    }

    @Override
    public void download(Tensor src, float[] dst, int dstOffset) {
        Tensor s = out("download", "src", src); // reading out a NaN is how you find it: not refused
        notNull("download", "dst", dst);
        Checks.range("download", dstOffset, src.size(), dst.length);
        delegate.download(s, dst, dstOffset);
    }

    @Override
    public void gatherRows(Tensor src, int[] rowIndices, int from, Tensor dst) {
        Tensor s = out("gatherRows", "src", src); // a dataset is large: only the gathered rows are checked, below
        Tensor d = out("gatherRows", "dst", dst);
        notNull("gatherRows", "rowIndices", rowIndices);
        if (src.cols() != dst.cols()) {
            throw new IllegalArgumentException("gatherRows: src " + src.shape() + " and dst " + dst.shape()
                    + " must have the same number of columns");
        }
        Checks.noAlias("gatherRows", dst, src, "dst and src");
        Checks.range("gatherRows", from, dst.rows(), rowIndices.length);
        int srcRows = src.rows();
        for (int i = 0; i < dst.rows(); i++) {
            int r = rowIndices[from + i];
            if (r < 0 || r >= srcRows) {
                throw new IllegalArgumentException("gatherRows: row index " + r + " at position " + (from + i)
                        + " is outside src " + src.shape() + " with " + srcRows + " rows");
            }
        }
        delegate.gatherRows(s, rowIndices, from, d);
        if (guard != null) {
            guard.check("gatherRows", "the gathered rows of src", d);
        }
    }

    @Override
    public void fill(Tensor t, float value) {
        Tensor d = out("fill", "t", t);
        if (guard != null && !Float.isFinite(value)) {
            guard.check("fill", "value", Shape.of(1), new float[] {value}, 0, 1);
        }
        delegate.fill(d, value);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        Tensor s = in("copy", "src", src);
        Tensor d = out("copy", "dst", dst);
        Checks.size("copy", "dst", dst, src.size());
        delegate.copy(s, d);
    }

    // ------------------------------------------------------------------------------------- gemm

    @Override
    public void gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        // BLAS rules decide what is read: alpha == 0 skips A and B, beta == 0 skips C.
        boolean readsAB = alpha != 0f;
        Tensor ai = readsAB ? in("gemm", "A", a) : out("gemm", "A", a);
        Tensor bi = readsAB ? in("gemm", "B", b) : out("gemm", "B", b);
        Tensor ci = beta != 0f ? in("gemm", "C", c) : out("gemm", "C", c);
        Checks.gemm(transA, transB, a, b, c); // shapes, then C aliasing A or B
        delegate.gemm(transA, transB, alpha, ai, bi, beta, ci);
    }

    // ----------------------------------------------------------------------------- element-wise

    @Override
    public void unary(UnaryOp op, Tensor x, Tensor out) {
        notNull("unary", "op", op);
        String name = "unary " + op;
        Tensor xi = in(name, "x", x);
        Tensor oi = out(name, "out", out);
        Checks.sameShape(name, x, out);
        delegate.unary(op, xi, oi);
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        notNull("binary", "op", op);
        String name = "binary " + op;
        Tensor ai = in(name, "a", a);
        Tensor bi = in(name, "b", b);
        Tensor oi = out(name, "out", out);
        Checks.sameShape(name, a, b, out);
        delegate.binary(op, ai, bi, oi);
    }

    @Override
    public void affine(Tensor x, float alpha, float beta, Tensor out) {
        Tensor xi = in("affine", "x", x);
        Tensor oi = out("affine", "out", out);
        Checks.sameShape("affine", x, out);
        delegate.affine(xi, alpha, beta, oi);
    }

    @Override
    public void axpby(float alpha, Tensor x, float beta, Tensor y) {
        Tensor xi = in("axpby", "x", x);
        Tensor yi = beta != 0f ? in("axpby", "y", y) : out("axpby", "y", y);
        Checks.sameShape("axpby", x, y);
        delegate.axpby(alpha, xi, beta, yi);
    }

    // ---------------------------------------------------------------------- broadcast, reduce

    @Override
    public void addRowVector(Tensor x, Tensor bias, Tensor out) {
        Tensor xi = in("addRowVector", "x", x);
        Tensor bi = in("addRowVector", "bias", bias);
        Tensor oi = out("addRowVector", "out", out);
        Checks.sameShape("addRowVector", x, out);
        Checks.size("addRowVector", "bias", bias, x.cols());
        Checks.noAlias("addRowVector", out, bias, "out and bias");
        delegate.addRowVector(xi, bi, oi);
    }

    @Override
    public void reduceRows(RowReduction op, Tensor x, Tensor out) {
        notNull("reduceRows", "op", op);
        String name = "reduceRows " + op;
        Tensor xi = in(name, "x", x);
        Tensor oi = out(name, "out", out);
        Checks.size(name, "out", out, x.rows());
        Checks.noAlias(name, out, x, "out and x");
        delegate.reduceRows(op, xi, oi);
    }

    @Override
    public void sumColumns(Tensor x, float beta, Tensor out) {
        Tensor xi = in("sumColumns", "x", x);
        Tensor oi = beta != 0f ? in("sumColumns", "out", out) : out("sumColumns", "out", out);
        Checks.size("sumColumns", "out", out, x.cols());
        Checks.noAlias("sumColumns", out, x, "out and x");
        delegate.sumColumns(xi, beta, oi);
    }

    @Override
    public double sum(Tensor x) {
        return delegate.sum(in("sum", "x", x));
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        Tensor ai = in("dot", "a", a);
        Tensor bi = in("dot", "b", b);
        Checks.sameShape("dot", a, b);
        return delegate.dot(ai, bi);
    }

    @Override
    public void softmaxRows(Tensor x, Tensor out) {
        Tensor xi = in("softmaxRows", "x", x);
        Tensor oi = out("softmaxRows", "out", out);
        Checks.sameShape("softmaxRows", x, out);
        delegate.softmaxRows(xi, oi);
    }

    // ---------------------------------------------------------------------- images and channels

    @Override
    public void conv2d(Tensor x, Tensor w, Tensor bias, int stride, int padH, int padW, Activation act, Tensor y) {
        Tensor xi = in("conv2d", "x", x);
        Tensor wi = in("conv2d", "w", w);
        Tensor bi = bias == null ? null : in("conv2d", "bias", bias);
        Tensor yi = out("conv2d", "y", y);
        notNull("conv2d", "activation", act);
        Checks.conv2d("conv2d", x, w, bias, stride, padH, padW, y);
        delegate.conv2d(xi, wi, bi, stride, padH, padW, act, yi);
    }

    @Override
    public void conv2dBackwardInput(Tensor dy, Tensor w, int stride, int padH, int padW, Tensor dx) {
        Tensor dyi = in("conv2dBackwardInput", "dy", dy);
        Tensor wi = in("conv2dBackwardInput", "w", w);
        Tensor dxi = out("conv2dBackwardInput", "dx", dx);
        Checks.conv2d("conv2dBackwardInput", dx, w, null, stride, padH, padW, dy);
        delegate.conv2dBackwardInput(dyi, wi, stride, padH, padW, dxi);
    }

    @Override
    public void conv2dBackwardWeights(Tensor x, Tensor dy, int stride, int padH, int padW, Tensor dw, Tensor db) {
        Tensor xi = in("conv2dBackwardWeights", "x", x);
        Tensor dyi = in("conv2dBackwardWeights", "dy", dy);
        Tensor dwi = out("conv2dBackwardWeights", "dw", dw);
        Tensor dbi = db == null ? null : out("conv2dBackwardWeights", "db", db);
        Checks.conv2d("conv2dBackwardWeights", x, dw, db, stride, padH, padW, dy);
        delegate.conv2dBackwardWeights(xi, dyi, stride, padH, padW, dwi, dbi);
    }

    @Override
    public void maxPool2d(Tensor x, int poolH, int poolW, int stride, Tensor y, Tensor argmax) {
        Tensor xi = in("maxPool2d", "x", x);
        Tensor yi = out("maxPool2d", "y", y);
        Tensor ai = out("maxPool2d", "argmax", argmax);
        Checks.pool2d("maxPool2d", x, poolH, poolW, stride, y);
        Checks.argmax("maxPool2d", x, y, argmax);
        delegate.maxPool2d(xi, poolH, poolW, stride, yi, ai);
    }

    @Override
    public void maxPool2dBackward(Tensor dy, Tensor argmax, Tensor dx) {
        // The delegate checks the shapes and the aliasing of the unwrapped tensors.
        delegate.maxPool2dBackward(in("maxPool2dBackward", "dy", dy), in("maxPool2dBackward", "argmax", argmax),
                out("maxPool2dBackward", "dx", dx));
    }

    @Override
    public void avgPool2d(Tensor x, int poolH, int poolW, int stride, Tensor y) {
        Tensor xi = in("avgPool2d", "x", x);
        Tensor yi = out("avgPool2d", "y", y);
        Checks.pool2d("avgPool2d", x, poolH, poolW, stride, y);
        delegate.avgPool2d(xi, poolH, poolW, stride, yi);
    }

    @Override
    public void avgPool2dBackward(Tensor dy, int poolH, int poolW, int stride, Tensor dx) {
        Tensor dyi = in("avgPool2dBackward", "dy", dy);
        Tensor dxi = out("avgPool2dBackward", "dx", dx);
        Checks.pool2d("avgPool2dBackward", dx, poolH, poolW, stride, dy);
        delegate.avgPool2dBackward(dyi, poolH, poolW, stride, dxi);
    }

    @Override
    public void channelSums(Tensor a, Tensor b, Tensor out) {
        Tensor ai = in("channelSums", "a", a);
        Tensor bi = b == null ? null : in("channelSums", "b", b);
        Tensor oi = out("channelSums", "out", out);
        Checks.channels("channelSums", "out", a, out);
        if (b != null) {
            Checks.sameShape("channelSums", a, b);
            Checks.noAlias("channelSums", out, b, "out and b");
        }
        delegate.channelSums(ai, bi, oi);
    }

    @Override
    public void channelAffine(Tensor x, Tensor scale, Tensor shift, Tensor out) {
        Tensor xi = in("channelAffine", "x", x);
        Tensor si = in("channelAffine", "scale", scale);
        Tensor hi = in("channelAffine", "shift", shift);
        Tensor oi = out("channelAffine", "out", out);
        Checks.channels("channelAffine", "scale", x, scale);
        Checks.channels("channelAffine", "shift", x, shift);
        Checks.sameShape("channelAffine", x, out);
        delegate.channelAffine(xi, si, hi, oi);
    }
}
