package nnj.api.backend;

import java.util.Arrays;
import java.util.Objects;
import nnj.api.Shape;
import nnj.api.Tensor;

/**
 * A base for backends whose tensors live in heap {@code float[]} arrays ({@link HeapTensor}).
 *
 * <p>It does everything that does not depend on how the arithmetic is done: it creates tensors,
 * moves data to and from the host, checks every argument (ownership, shapes, aliasing) and handles
 * the degenerate cases (empty tensors, {@code alpha == 0} in gemm). A subclass then writes only the
 * {@code …Kernel} methods, on plain arrays, knowing their arguments are valid and non-empty.
 *
 * <p>Kernel contracts: arrays hold at least the stated number of elements, row-major from index 0;
 * the aliasing rules of {@link Backend} apply (element-wise kernels may see {@code out == x}).
 *
 * <p>Allocation: {@link #tensor(Shape)} allocates a {@code float[]}; the checks and the dispatch to
 * the kernels allocate no tensors or arrays. Thread safety: as for every {@link Backend}, an
 * instance serves one caller thread at a time; {@link #threads()} is a plain field that the
 * subclass's kernels read to decide how many workers to use.
 */
public abstract class HeapBackend implements Backend {
    // Op names for error messages, built once: concatenating them per call would allocate on
    // every kernel call and break the zero-allocation training step.
    private static final String[] UNARY_NAMES = names("unary ", UnaryOp.values());
    private static final String[] BINARY_NAMES = names("binary ", BinaryOp.values());
    private static final String[] REDUCTION_NAMES = names("reduceRows ", RowReduction.values());

    private final String name;
    private int threads;

    /**
     * @param name           the backend's name, as its provider reports it
     * @param defaultThreads the initial thread count (at least 1)
     */
    protected HeapBackend(String name, int defaultThreads) {
        this.name = name;
        this.threads = Math.max(1, defaultThreads);
    }

    private static String[] names(String prefix, Enum<?>[] ops) {
        String[] out = new String[ops.length];
        for (Enum<?> op : ops) {
            out[op.ordinal()] = prefix + op;
        }
        return out;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public Tensor tensor(Shape shape) {
        return new HeapTensor(shape, new float[shape.size()], this);
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /** The backing array of one of this backend's tensors; refuses a foreign tensor. */
    protected final float[] data(String op, Tensor t) {
        Checks.owned(this, op, t);
        return ((HeapTensor) t).data();
    }

    @Override
    public String toString() {
        return name + " backend";
    }

    // --------------------------------------------------------------- host transfer, fill, copy

    @Override
    public void upload(float[] src, int srcOffset, Tensor dst) {
        float[] d = data("upload", dst);
        Checks.range("upload", srcOffset, dst.size(), src.length);
        System.arraycopy(src, srcOffset, d, 0, dst.size());
    }

    @Override
    public void download(Tensor src, float[] dst, int dstOffset) {
        float[] s = data("download", src);
        Checks.range("download", dstOffset, src.size(), dst.length);
        System.arraycopy(s, 0, dst, dstOffset, src.size());
    }

    @Override
    public void gatherRows(Tensor src, int[] rowIndices, int from, Tensor dst) {
        float[] s = data("gatherRows", src);
        float[] d = data("gatherRows", dst);
        int cols = dst.cols();
        if (src.cols() != cols) {
            throw new IllegalArgumentException("gatherRows: src " + src.shape() + " and dst " + dst.shape()
                    + " must have the same number of columns");
        }
        Checks.noAlias("gatherRows", dst, src, "dst and src");
        int rows = dst.rows();
        Checks.range("gatherRows", from, rows, rowIndices.length);
        int srcRows = src.rows();
        for (int i = 0; i < rows; i++) {
            int r = rowIndices[from + i];
            if (r < 0 || r >= srcRows) {
                throw new IllegalArgumentException("gatherRows: row index " + r + " at position " + (from + i)
                        + " is outside src " + src.shape() + " with " + srcRows + " rows");
            }
        }
        gatherRowsKernel(s, rowIndices, from, d, rows, cols);
    }

    /**
     * Row i of dst (cols floats) = row {@code rowIndices[from + i]} of src, for i &lt; rows; the
     * indices are already checked. This loop is the reference; a backend may override it (with
     * several threads, say: a batch of MNIST rows is a copy of 400 KB from all over the data).
     */
    protected void gatherRowsKernel(float[] src, int[] rowIndices, int from, float[] dst, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            System.arraycopy(src, rowIndices[from + i] * cols, dst, i * cols, cols);
        }
    }

    @Override
    public void fill(Tensor t, float value) {
        Arrays.fill(data("fill", t), 0, t.size(), value);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        float[] s = data("copy", src);
        float[] d = data("copy", dst);
        Checks.size("copy", "dst", dst, src.size());
        if (s != d) {
            System.arraycopy(s, 0, d, 0, src.size());
        }
    }

    // ----------------------------------------------------------------------------------- gemm

    @Override
    public final void gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        float[] ad = data("gemm", a);
        float[] bd = data("gemm", b);
        float[] cd = data("gemm", c);
        Checks.gemm(transA, transB, a, b, c);
        int m = c.shape().dim(0);
        int n = c.shape().dim(1);
        int k = transA ? a.shape().dim(0) : a.shape().dim(1);
        if (m == 0 || n == 0) {
            return;
        }
        if (alpha == 0f || k == 0) {
            scaleInPlace(cd, m * n, beta); // BLAS: A and B are not read
            return;
        }
        gemmKernel(transA, transB, m, n, k, alpha, ad, bd, beta, cd);
    }

    /** c = beta·c, where beta == 0 clears c without reading it (so NaN does not survive). */
    private static void scaleInPlace(float[] c, int n, float beta) {
        if (beta == 0f) {
            Arrays.fill(c, 0, n, 0f);
        } else if (beta != 1f) {
            for (int i = 0; i < n; i++) {
                c[i] *= beta;
            }
        }
    }

    /**
     * {@code C = alpha·op(A)·op(B) + beta·C} on row-major arrays: op(A) is m×k (A is stored k×m
     * when transA), op(B) is k×n (B is stored n×k when transB), C is m×n. Called with m, n, k ≥ 1
     * and alpha ≠ 0. When beta == 0, C must not be read.
     */
    protected abstract void gemmKernel(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                       float[] a, float[] b, float beta, float[] c);

    // --------------------------------------------------------------------------- element-wise

    @Override
    public final void unary(UnaryOp op, Tensor x, Tensor out) {
        String name = UNARY_NAMES[op.ordinal()];
        float[] xd = data(name, x);
        float[] od = data(name, out);
        Checks.sameShape(name, x, out);
        if (x.size() > 0) {
            unaryKernel(op, xd, od, x.size());
        }
    }

    /** {@code out[i] = op(x[i])} for i &lt; n. */
    protected abstract void unaryKernel(UnaryOp op, float[] x, float[] out, int n);

    @Override
    public final void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        String name = BINARY_NAMES[op.ordinal()];
        float[] ad = data(name, a);
        float[] bd = data(name, b);
        float[] od = data(name, out);
        Checks.sameShape(name, a, b, out);
        if (a.size() > 0) {
            binaryKernel(op, ad, bd, od, a.size());
        }
    }

    /** {@code out[i] = op(a[i], b[i])} for i &lt; n. */
    protected abstract void binaryKernel(BinaryOp op, float[] a, float[] b, float[] out, int n);

    @Override
    public final void affine(Tensor x, float alpha, float beta, Tensor out) {
        float[] xd = data("affine", x);
        float[] od = data("affine", out);
        Checks.sameShape("affine", x, out);
        if (x.size() > 0) {
            affineKernel(xd, alpha, beta, od, x.size());
        }
    }

    /** {@code out[i] = alpha·x[i] + beta} for i &lt; n. */
    protected abstract void affineKernel(float[] x, float alpha, float beta, float[] out, int n);

    @Override
    public final void axpby(float alpha, Tensor x, float beta, Tensor y) {
        float[] xd = data("axpby", x);
        float[] yd = data("axpby", y);
        Checks.sameShape("axpby", x, y);
        if (x.size() > 0) {
            axpbyKernel(alpha, xd, beta, yd, x.size());
        }
    }

    /** {@code y[i] = alpha·x[i] + beta·y[i]} for i &lt; n. */
    protected abstract void axpbyKernel(float alpha, float[] x, float beta, float[] y, int n);

    // -------------------------------------------------------------------- broadcast and reduce

    @Override
    public final void addRowVector(Tensor x, Tensor bias, Tensor out) {
        if (broadcastArgumentsOk("addRowVector", "bias", "out and bias", x, bias, out, x.cols())) {
            addRowVectorKernel(data("addRowVector", x), data("addRowVector", bias), data("addRowVector", out),
                    x.rows(), x.cols());
        }
    }

    /** The checks of a vector broadcast (string constants only: no allocation); false when there is nothing to compute. */
    private boolean broadcastArgumentsOk(String op, String what, String outAndWhat, Tensor x, Tensor vector, Tensor out,
                                         int length) {
        data(op, x);
        data(op, vector);
        data(op, out);
        Checks.sameShape(op, x, out);
        Checks.size(op, what, vector, length);
        Checks.noAlias(op, out, vector, outAndWhat);
        return x.size() > 0;
    }

    /** {@code out[i·cols + j] = x[i·cols + j] + bias[j]}. */
    protected abstract void addRowVectorKernel(float[] x, float[] bias, float[] out, int rows, int cols);

    @Override
    public final void addColumnVector(Tensor x, Tensor column, Tensor out) {
        if (broadcastArgumentsOk("addColumnVector", "column", "out and column", x, column, out, x.rows())) {
            addColumnVectorKernel(data("addColumnVector", x), data("addColumnVector", column),
                    data("addColumnVector", out), x.rows(), x.cols());
        }
    }

    /**
     * {@code out[i·cols + j] = x[i·cols + j] + column[i]}. This loop is the reference; a backend
     * may override it with a faster kernel.
     */
    protected void addColumnVectorKernel(float[] x, float[] column, float[] out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            float c = column[i];
            int o = i * cols;
            for (int j = 0; j < cols; j++) {
                out[o + j] = x[o + j] + c;
            }
        }
    }

    @Override
    public final void reduceRows(RowReduction op, Tensor x, Tensor out) {
        String name = REDUCTION_NAMES[op.ordinal()];
        float[] xd = data(name, x);
        float[] od = data(name, out);
        Checks.size(name, "out", out, x.rows());
        Checks.noAlias(name, out, x, "out and x");
        if (x.rows() == 0) {
            return;
        }
        if (x.cols() == 0) { // the empty sum is 0, the empty max and log-sum-exp are −∞
            Arrays.fill(od, 0, x.rows(), op == RowReduction.SUM ? 0f : Float.NEGATIVE_INFINITY);
            return;
        }
        reduceRowsKernel(op, xd, od, x.rows(), x.cols());
    }

    /** {@code out[i] = op over j of x[i·cols + j]}, with rows, cols ≥ 1. */
    protected abstract void reduceRowsKernel(RowReduction op, float[] x, float[] out, int rows, int cols);

    @Override
    public final void sumColumns(Tensor x, float beta, Tensor out) {
        float[] xd = data("sumColumns", x);
        float[] od = data("sumColumns", out);
        Checks.size("sumColumns", "out", out, x.cols());
        Checks.noAlias("sumColumns", out, x, "out and x");
        if (x.cols() == 0) {
            return;
        }
        if (x.rows() == 0) {
            scaleInPlace(od, x.cols(), beta);
            return;
        }
        sumColumnsKernel(xd, beta, od, x.rows(), x.cols());
    }

    /** {@code out[j] = Σᵢ x[i·cols + j] + beta·out[j]}, with rows, cols ≥ 1; out unread if beta == 0. */
    protected abstract void sumColumnsKernel(float[] x, float beta, float[] out, int rows, int cols);

    @Override
    public final double sum(Tensor x) {
        float[] xd = data("sum", x);
        return x.size() == 0 ? 0.0 : sumKernel(xd, x.size());
    }

    /** Σ x[i] for i &lt; n, n ≥ 1. */
    protected abstract double sumKernel(float[] x, int n);

    @Override
    public final double dot(Tensor a, Tensor b) {
        float[] ad = data("dot", a);
        float[] bd = data("dot", b);
        Checks.sameShape("dot", a, b);
        return a.size() == 0 ? 0.0 : dotKernel(ad, bd, a.size());
    }

    /** Σ a[i]·b[i] for i &lt; n, n ≥ 1. */
    protected abstract double dotKernel(float[] a, float[] b, int n);

    @Override
    public final void softmaxRows(Tensor x, Tensor out) {
        float[] xd = data("softmaxRows", x);
        float[] od = data("softmaxRows", out);
        Checks.sameShape("softmaxRows", x, out);
        if (x.size() > 0) {
            softmaxRowsKernel(xd, od, x.rows(), x.cols());
        }
    }

    /** Row softmax with the row maximum subtracted first; rows, cols ≥ 1; out may be x. */
    protected abstract void softmaxRowsKernel(float[] x, float[] out, int rows, int cols);

    // ------------------------------------------------------------------ images (NCHW), channels

    /** Geometries of recent calls, most recent first, so that a warm step builds none. */
    private final ConvGeometry[] geometries = new ConvGeometry[32]; // (layers × batch sizes of an epoch and its validation)

    /** The geometry with these sizes, from the cache or new. */
    private ConvGeometry geometry(int n, int inC, int inH, int inW, int outC, int kh, int kw, int stride, int padH,
                                  int padW) {
        for (int i = 0; i < geometries.length; i++) {
            ConvGeometry g = geometries[i];
            if (g != null && g.matches(n, inC, inH, inW, outC, kh, kw, stride, padH, padW)) {
                return g;
            }
        }
        ConvGeometry g = new ConvGeometry(n, inC, inH, inW, outC, kh, kw, stride, padH, padW);
        System.arraycopy(geometries, 0, geometries, 1, geometries.length - 1);
        geometries[0] = g;
        return g;
    }

    private ConvGeometry convGeometry(Tensor x, Tensor w, int stride, int padH, int padW) {
        Shape s = x.shape();
        Shape k = w.shape();
        return geometry(s.dim(0), s.dim(1), s.dim(2), s.dim(3), k.dim(0), k.dim(2), k.dim(3), stride, padH, padW);
    }

    private ConvGeometry poolGeometry(Tensor x, int poolH, int poolW, int stride) {
        Shape s = x.shape();
        return geometry(s.dim(0), s.dim(1), s.dim(2), s.dim(3), s.dim(1), poolH, poolW, stride, 0, 0);
    }

    @Override
    public final void conv2d(Tensor x, Tensor w, Tensor bias, int stride, int padH, int padW, Activation act,
                             Tensor y) {
        float[] xd = data("conv2d", x);
        float[] wd = data("conv2d", w);
        float[] yd = data("conv2d", y);
        float[] bd = bias == null ? null : data("conv2d", bias);
        Objects.requireNonNull(act, "conv2d: the activation is null; use Activation.IDENTITY for none");
        Checks.conv2d("conv2d", x, w, bias, stride, padH, padW, y);
        if (y.size() > 0) {
            conv2dKernel(convGeometry(x, w, stride, padH, padW), xd, wd, bd, act, yd);
        }
    }

    /**
     * {@link Backend#conv2d} on arrays, with the sizes in {@code g} (batch ≥ 1); bias may be null.
     * The reference is a direct loop; override it for speed.
     */
    protected void conv2dKernel(ConvGeometry g, float[] x, float[] w, float[] bias, Activation act, float[] y) {
        ReferenceImageKernels.conv2d(g, x, w, bias, act, y);
    }

    @Override
    public final void conv2dBackwardInput(Tensor dy, Tensor w, int stride, int padH, int padW, Tensor dx) {
        float[] dyd = data("conv2dBackwardInput", dy);
        float[] wd = data("conv2dBackwardInput", w);
        float[] dxd = data("conv2dBackwardInput", dx);
        Checks.conv2d("conv2dBackwardInput", dx, w, null, stride, padH, padW, dy);
        Checks.noAlias("conv2dBackwardInput", dx, dy, "dx and dy");
        if (dx.size() > 0) {
            conv2dBackwardInputKernel(convGeometry(dx, w, stride, padH, padW), dyd, wd, dxd);
        }
    }

    /** {@link Backend#conv2dBackwardInput} on arrays (batch ≥ 1); dx is overwritten. */
    protected void conv2dBackwardInputKernel(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        ReferenceImageKernels.conv2dBackwardInput(g, dy, w, dx);
    }

    @Override
    public final void conv2dBackwardWeights(Tensor x, Tensor dy, int stride, int padH, int padW, Tensor dw,
                                            Tensor db) {
        float[] xd = data("conv2dBackwardWeights", x);
        float[] dyd = data("conv2dBackwardWeights", dy);
        float[] dwd = data("conv2dBackwardWeights", dw);
        float[] dbd = db == null ? null : data("conv2dBackwardWeights", db);
        Checks.conv2d("conv2dBackwardWeights", x, dw, db, stride, padH, padW, dy);
        Checks.noAlias("conv2dBackwardWeights", dw, dy, "dw and dy");
        if (db != null) {
            Checks.noAlias("conv2dBackwardWeights", db, dy, "db and dy");
            Checks.noAlias("conv2dBackwardWeights", db, x, "db and x");
        }
        if (x.shape().dim(0) == 0) {
            Arrays.fill(dwd, 0, dw.size(), 0f);
            if (dbd != null) {
                Arrays.fill(dbd, 0, db.size(), 0f);
            }
            return;
        }
        conv2dBackwardWeightsKernel(convGeometry(x, dw, stride, padH, padW), xd, dyd, dwd, dbd);
    }

    /** {@link Backend#conv2dBackwardWeights} on arrays (batch ≥ 1); dw and db (may be null) are overwritten. */
    protected void conv2dBackwardWeightsKernel(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db) {
        ReferenceImageKernels.conv2dBackwardWeights(g, x, dy, dw, db);
    }

    @Override
    public final void maxPool2d(Tensor x, int poolH, int poolW, int stride, Tensor y, Tensor argmax) {
        float[] xd = data("maxPool2d", x);
        float[] yd = data("maxPool2d", y);
        float[] ad = data("maxPool2d", argmax);
        Checks.pool2d("maxPool2d", x, poolH, poolW, stride, y);
        Checks.argmax("maxPool2d", x, y, argmax);
        if (y.size() > 0) {
            maxPool2dKernel(poolGeometry(x, poolH, poolW, stride), xd, yd, ad);
        }
    }

    /** {@link Backend#maxPool2d} on arrays (batch ≥ 1). */
    protected void maxPool2dKernel(ConvGeometry g, float[] x, float[] y, float[] argmax) {
        ReferenceImageKernels.maxPool2d(g, x, y, argmax);
    }

    @Override
    public final void maxPool2dBackward(Tensor dy, Tensor argmax, Tensor dx) {
        float[] dyd = data("maxPool2dBackward", dy);
        float[] ad = data("maxPool2dBackward", argmax);
        float[] dxd = data("maxPool2dBackward", dx);
        HostDefaults.poolBackward("maxPool2dBackward", dy, argmax, dx);
        Shape s = dx.shape();
        if (dx.size() > 0) {
            maxPool2dBackwardKernel(s.dim(0) * s.dim(1), s.dim(2) * s.dim(3), dy.shape().dim(2) * dy.shape().dim(3),
                    dyd, ad, dxd);
        }
    }

    /**
     * {@link Backend#maxPool2dBackward} on arrays: {@code planes} = N·C planes of {@code inPlane}
     * input and {@code outPlane} output pixels; dx is overwritten.
     */
    protected void maxPool2dBackwardKernel(int planes, int inPlane, int outPlane, float[] dy, float[] argmax,
                                           float[] dx) {
        ReferenceImageKernels.maxPool2dBackward(planes, inPlane, outPlane, dy, argmax, dx);
    }

    @Override
    public final void avgPool2d(Tensor x, int poolH, int poolW, int stride, Tensor y) {
        float[] xd = data("avgPool2d", x);
        float[] yd = data("avgPool2d", y);
        Checks.pool2d("avgPool2d", x, poolH, poolW, stride, y);
        if (y.size() > 0) {
            avgPool2dKernel(poolGeometry(x, poolH, poolW, stride), xd, yd);
        }
    }

    /** {@link Backend#avgPool2d} on arrays (batch ≥ 1). */
    protected void avgPool2dKernel(ConvGeometry g, float[] x, float[] y) {
        ReferenceImageKernels.avgPool2d(g, x, y);
    }

    @Override
    public final void avgPool2dBackward(Tensor dy, int poolH, int poolW, int stride, Tensor dx) {
        float[] dyd = data("avgPool2dBackward", dy);
        float[] dxd = data("avgPool2dBackward", dx);
        Checks.pool2d("avgPool2dBackward", dx, poolH, poolW, stride, dy);
        if (dx.size() > 0) {
            avgPool2dBackwardKernel(poolGeometry(dx, poolH, poolW, stride), dyd, dxd);
        }
    }

    /** {@link Backend#avgPool2dBackward} on arrays (batch ≥ 1); dx is overwritten. */
    protected void avgPool2dBackwardKernel(ConvGeometry g, float[] dy, float[] dx) {
        ReferenceImageKernels.avgPool2dBackward(g, dy, dx);
    }

    @Override
    public final void channelSums(Tensor a, Tensor b, Tensor out) {
        float[] ad = data("channelSums", a);
        float[] bd = b == null ? null : data("channelSums", b);
        float[] od = data("channelSums", out);
        Checks.channels("channelSums", "out", a, out);
        if (b != null) {
            Checks.sameShape("channelSums", a, b);
            Checks.noAlias("channelSums", out, b, "out and b");
        }
        Shape s = a.shape();
        int inner = HostDefaults.inner(s);
        if (s.dim(0) == 0 || inner == 0) {
            Arrays.fill(od, 0, out.size(), 0f);
        } else if (s.dim(1) > 0) {
            channelSumsKernel(ad, bd, od, s.dim(0), s.dim(1), inner);
        }
    }

    /** {@link Backend#channelSums} on (n, channels, inner) arrays, all ≥ 1; b may be null. */
    protected void channelSumsKernel(float[] a, float[] b, float[] out, int n, int channels, int inner) {
        ReferenceImageKernels.channelSums(a, b, out, n, channels, inner);
    }

    @Override
    public final void channelAffine(Tensor x, Tensor scale, Tensor shift, Tensor out) {
        float[] xd = data("channelAffine", x);
        float[] sd = data("channelAffine", scale);
        float[] hd = data("channelAffine", shift);
        float[] od = data("channelAffine", out);
        Checks.channels("channelAffine", "scale", x, scale);
        Checks.channels("channelAffine", "shift", x, shift);
        Checks.sameShape("channelAffine", x, out);
        Checks.noAlias("channelAffine", out, scale, "out and scale");
        Checks.noAlias("channelAffine", out, shift, "out and shift");
        if (x.size() > 0) {
            Shape s = x.shape();
            channelAffineKernel(xd, sd, hd, od, s.dim(0), s.dim(1), HostDefaults.inner(s));
        }
    }

    /** {@link Backend#channelAffine} on (n, channels, inner) arrays, all ≥ 1; out may be x. */
    protected void channelAffineKernel(float[] x, float[] scale, float[] shift, float[] out, int n, int channels,
                                       int inner) {
        ReferenceImageKernels.channelAffine(x, scale, shift, out, n, channels, inner);
    }
}
