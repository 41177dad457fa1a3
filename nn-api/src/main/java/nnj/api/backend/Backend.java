package nnj.api.backend;

import nnj.api.Shape;
import nnj.api.Tensor;

/**
 * A compute backend: it creates {@link Tensor}s and runs kernels on them.
 *
 * <h2>Style</h2>
 * Destination-passing and BLAS-like: the caller owns every output and passes it in, so a training
 * step that reuses its tensors allocates nothing. Shapes come from the tensors; no kernel resizes
 * its output. Row-wise kernels view a tensor as the matrix {@code rows() × cols()} (see
 * {@link Shape}).
 *
 * <h2>Primitives and composites</h2>
 * Every abstract method is a primitive that a backend must implement. The {@code default}
 * methods are fused composites built from the primitives (dense forward, softmax cross-entropy);
 * a backend may override them for speed, and must then give the same results within the
 * conformance kit's tolerance. Primitives added after the first release are {@code default}
 * methods with a portable reference body (see {@link #addColumnVector}), so backends written
 * against an older SPI keep compiling; {@link HeapBackend} gives them loop kernels.
 *
 * <h2>Optional capabilities</h2>
 * A backend may also implement {@link FusedUpdates}: one-pass optimizer updates. The optimizers
 * use them when present and run their own reference math (built from the primitives) otherwise.
 *
 * <h2>Aliasing</h2>
 * An output never aliases an input, except where a method says it may work in place. Element-wise
 * kernels ({@link #unary}, {@link #binary}, {@link #affine}, {@link #axpby}),
 * {@link #addRowVector} and {@link #addColumnVector} (out may be x), {@link #softmaxRows} and
 * {@link #copy} work in place. {@link #channelAffine} works in place too. {@link #gemm},
 * {@link #reduceRows}, {@link #sumColumns}, {@link #gatherRows} and the other image and channel
 * ops do not, and refuse an output that shares storage with an input.
 *
 * <h2>Errors</h2>
 * A shape mismatch throws {@link IllegalArgumentException} naming the op and every shape. A tensor
 * of another backend throws {@link IllegalArgumentException} naming both backends.
 *
 * <h2>Allocation</h2>
 * {@link #tensor(Shape)}, {@link #tensor(int...)} and {@link #fromArray} allocate storage; no other
 * method allocates a tensor. A backend may allocate private caches and workspaces once and reuse
 * them, so that a warm training step allocates nothing.
 *
 * <h2>Threads and determinism</h2>
 * A backend may use up to {@link #threads()} worker threads of its own inside a kernel; kernels
 * return only when their output is complete. A backend instance is not safe for concurrent use
 * from several caller threads. With the same thread count, the same calls give bitwise-identical
 * results.
 *
 * <p>How to write one, step by step, with a worked example: {@code docs/WRITING_A_BACKEND.md}.
 */
public interface Backend extends AutoCloseable {

    /** The backend's name, as its provider reports it. */
    String name();

    // ----------------------------------------------------------------------------------- tensors

    /** A new zero-filled tensor. Allocates. */
    Tensor tensor(Shape shape);

    /** A new zero-filled tensor with the given dimensions. Allocates. */
    default Tensor tensor(int... dims) {
        return tensor(Shape.of(dims));
    }

    /** A new tensor holding a copy of {@code data}, which must have exactly the shape's size. */
    default Tensor fromArray(float[] data, int... dims) {
        Tensor t = tensor(Shape.of(dims));
        t.copyFrom(data);
        return t;
    }

    // ------------------------------------------------------------------------------- threading

    /** The number of threads kernels may use; at least 1. */
    int threads();

    /**
     * Sets how many threads kernels may use. A single-threaded backend accepts any value and keeps
     * computing on the caller's thread.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    void setThreads(int threads);

    /** Releases worker threads and caches. The backend must not be used afterwards. */
    @Override
    default void close() {
    }

    // --------------------------------------------------------------------------- host transfer

    /** Copies {@code dst.size()} floats from {@code src[srcOffset…]} into {@code dst}. */
    void upload(float[] src, int srcOffset, Tensor dst);

    /** Copies all of {@code src} into {@code dst[dstOffset…]}. */
    void download(Tensor src, float[] dst, int dstOffset);

    /**
     * Batch assembly: {@code dst[i, :] = src[rowIndices[from + i], :]} for each row i of dst.
     * Both are viewed as matrices and must have the same number of columns.
     */
    void gatherRows(Tensor src, int[] rowIndices, int from, Tensor dst);

    /** Sets every element of {@code t} to {@code value}. */
    void fill(Tensor t, float value);

    /** {@code dst = src}; the shapes must have the same size. */
    void copy(Tensor src, Tensor dst);

    // -------------------------------------------------------------------------------- BLAS-like

    /**
     * General matrix multiply: {@code C = alpha · op(A) · op(B) + beta · C}, where op(X) is X or
     * Xᵀ. All three are rank-2. With op(A) of shape (m, k) and op(B) of shape (k, n), C must be
     * (m, n).
     *
     * <p>As in BLAS: when {@code beta == 0}, C is not read (a NaN in C does not propagate); when
     * {@code alpha == 0} or k = 0, A and B are not read. C must not share storage with A or B.
     */
    void gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c);

    // ------------------------------------------------------------------------------ element-wise

    /** {@code out[i] = op(x[i])}. Same shape; may work in place. */
    void unary(UnaryOp op, Tensor x, Tensor out);

    /** {@code out[i] = op(a[i], b[i])}. Same shape for all three; may work in place. */
    void binary(BinaryOp op, Tensor a, Tensor b, Tensor out);

    /** {@code out[i] = alpha · x[i] + beta}. Same shape; may work in place. */
    void affine(Tensor x, float alpha, float beta, Tensor out);

    /** {@code y[i] = alpha · x[i] + beta · y[i]}. Same shape; y is the output. */
    void axpby(float alpha, Tensor x, float beta, Tensor y);

    // ----------------------------------------------------------------------- broadcast, reduce

    /** Bias broadcast: {@code out[i, j] = x[i, j] + bias[j]}; bias has x.cols() elements. out may be x. */
    void addRowVector(Tensor x, Tensor bias, Tensor out);

    /**
     * Column broadcast: {@code out[i, j] = x[i, j] + column[i]}; column has x.rows() elements.
     * out may be x. (Softmax's backward subtracts a per-row sum this way.)
     *
     * <p>The default body is a portable reference that copies through the host and allocates;
     * {@link HeapBackend} replaces it with a loop kernel, and a device backend should override it.
     */
    default void addColumnVector(Tensor x, Tensor column, Tensor out) {
        Checks.sameShape("addColumnVector", x, out);
        Checks.size("addColumnVector", "column", column, x.rows());
        int rows = x.rows();
        int cols = x.cols();
        float[] xs = new float[x.size()];
        float[] c = new float[column.size()];
        download(x, xs, 0);
        download(column, c, 0);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                xs[i * cols + j] += c[i];
            }
        }
        upload(xs, 0, out);
    }

    /** {@code out[i] = op over j of x[i, j]}; out has x.rows() elements. */
    void reduceRows(RowReduction op, Tensor x, Tensor out);

    /**
     * Column sums, as the bias gradient needs: {@code out[j] = Σᵢ x[i, j] + beta · out[j]}; out has
     * x.cols() elements. With {@code beta == 0} out is not read.
     */
    void sumColumns(Tensor x, float beta, Tensor out);

    /** Σ x[i], accumulated at least in float and returned as a double. */
    double sum(Tensor x);

    /** Σ a[i]·b[i] over two tensors of the same shape. */
    double dot(Tensor a, Tensor b);

    /**
     * Row softmax, stable for any magnitude: {@code out[i, j] = exp(x[i, j] − mᵢ) / Σₖ exp(x[i, k] − mᵢ)}
     * with mᵢ the row maximum. May work in place.
     */
    void softmaxRows(Tensor x, Tensor out);

    // ------------------------------------------------------------------ images (NCHW), channels

    // The primitives of convolutional networks. Images are rank-4 (N, C, H, W) tensors, row-major.
    // Each has a default here that copies its tensors to the host, runs the reference loop and
    // copies the result back: correct on any backend, but slow and allocating. HeapBackend replaces
    // every default with the same loop on its arrays (no copy), which its subclasses may override.

    /**
     * A convolution layer's forward pass (cross-correlation, as in every DL framework), fused with
     * its bias and activation: {@code y[n,o,i,j] = act(bias[o] + Σ_{c,u,v} x[n,c,i·s+u−padH, j·s+v−padW] · w[o,c,u,v])},
     * where positions outside the image count as zero. x is (N, C, H, W), w (O, C, kh, kw), bias
     * null or O elements, y (N, O, OH, OW) with {@code OH = (H + 2·padH − kh)/stride + 1}, likewise OW.
     * y shares storage with no input.
     */
    default void conv2d(Tensor x, Tensor w, Tensor bias, int stride, int padH, int padW, Activation act, Tensor y) {
        HostDefaults.owned(this, "conv2d", x, w, bias, y);
        Checks.conv2d("conv2d", x, w, bias, stride, padH, padW, y);
        ConvGeometry g = HostDefaults.conv(x, w, stride, padH, padW);
        float[] out = new float[y.size()];
        ReferenceImageKernels.conv2d(g, x.toArray(), w.toArray(), bias == null ? null : bias.toArray(), act, out);
        y.copyFrom(out);
    }

    /**
     * A convolution's input gradient, the transposed convolution:
     * {@code dx[n,c,r,q] = Σ_{o,u,v} dy[n,o,i,j] · w[o,c,u,v]} over the windows (i, j) whose tap (u, v)
     * lands on (r, q). Shapes as in {@link #conv2d} with dx in x's role and dy in y's; dx is overwritten.
     */
    default void conv2dBackwardInput(Tensor dy, Tensor w, int stride, int padH, int padW, Tensor dx) {
        HostDefaults.owned(this, "conv2dBackwardInput", dy, w, dx);
        Checks.conv2d("conv2dBackwardInput", dx, w, null, stride, padH, padW, dy);
        ConvGeometry g = HostDefaults.conv(dx, w, stride, padH, padW);
        float[] out = new float[dx.size()];
        ReferenceImageKernels.conv2dBackwardInput(g, dy.toArray(), w.toArray(), out);
        dx.copyFrom(out);
    }

    /**
     * A convolution's parameter gradients: {@code dw[o,c,u,v] = Σ_{n,i,j} dy[n,o,i,j] · x[n,c,i·s+u−padH, j·s+v−padW]}
     * and {@code db[o] = Σ_{n,i,j} dy[n,o,i,j]}, both overwritten; db may be null. Shapes as in
     * {@link #conv2d} with dw in w's role and dy in y's.
     */
    default void conv2dBackwardWeights(Tensor x, Tensor dy, int stride, int padH, int padW, Tensor dw, Tensor db) {
        HostDefaults.owned(this, "conv2dBackwardWeights", x, dy, dw, db);
        Checks.conv2d("conv2dBackwardWeights", x, dw, db, stride, padH, padW, dy);
        ConvGeometry g = HostDefaults.conv(x, dw, stride, padH, padW);
        float[] w = new float[dw.size()];
        float[] b = db == null ? null : new float[db.size()];
        ReferenceImageKernels.conv2dBackwardWeights(g, x.toArray(), dy.toArray(), w, b);
        dw.copyFrom(w);
        if (db != null) {
            db.copyFrom(b);
        }
    }

    /**
     * Max pooling over poolH × poolW windows moved by stride (no padding): y[n,c,i,j] is the largest
     * x[n,c,·,·] in its window, and {@code argmax[n,c,i,j]} records where, as the position
     * {@code r·W + q} in the (H, W) plane, stored exactly in a float (planes up to 2^24 pixels). Ties
     * go to the first position in row-major order; a NaN wins. x is (N, C, H, W); y and argmax are
     * (N, C, (H − poolH)/stride + 1, (W − poolW)/stride + 1).
     */
    default void maxPool2d(Tensor x, int poolH, int poolW, int stride, Tensor y, Tensor argmax) {
        HostDefaults.owned(this, "maxPool2d", x, y, argmax);
        Checks.pool2d("maxPool2d", x, poolH, poolW, stride, y);
        Checks.argmax("maxPool2d", x, y, argmax);
        ConvGeometry g = HostDefaults.pool(x, poolH, poolW, stride);
        float[] out = new float[y.size()];
        float[] arg = new float[y.size()];
        ReferenceImageKernels.maxPool2d(g, x.toArray(), out, arg);
        y.copyFrom(out);
        argmax.copyFrom(arg);
    }

    /**
     * Max pooling's backward pass: {@code dx = 0}, then each dy[n,c,i,j] is added to
     * dx[n,c] at the plane position argmax[n,c,i,j] (added, so overlapping windows sum). dy and
     * argmax are the pooled shape, dx the image shape; dx is overwritten.
     */
    default void maxPool2dBackward(Tensor dy, Tensor argmax, Tensor dx) {
        HostDefaults.owned(this, "maxPool2dBackward", dy, argmax, dx);
        HostDefaults.poolBackward("maxPool2dBackward", dy, argmax, dx);
        float[] out = new float[dx.size()];
        Shape s = dx.shape();
        ReferenceImageKernels.maxPool2dBackward(s.dim(0) * s.dim(1), s.dim(2) * s.dim(3),
                dy.shape().dim(2) * dy.shape().dim(3), dy.toArray(), argmax.toArray(), out);
        dx.copyFrom(out);
    }

    /**
     * Average pooling over poolH × poolW windows moved by stride (no padding): each output is the
     * mean of its window. Shapes as in {@link #maxPool2d}. With the window equal to the image this
     * is global average pooling.
     */
    default void avgPool2d(Tensor x, int poolH, int poolW, int stride, Tensor y) {
        HostDefaults.owned(this, "avgPool2d", x, y);
        Checks.pool2d("avgPool2d", x, poolH, poolW, stride, y);
        ConvGeometry g = HostDefaults.pool(x, poolH, poolW, stride);
        float[] out = new float[y.size()];
        ReferenceImageKernels.avgPool2d(g, x.toArray(), out);
        y.copyFrom(out);
    }

    /**
     * Average pooling's backward pass: every input pixel receives {@code dy/(poolH·poolW)} from each
     * window that holds it. dx is overwritten.
     */
    default void avgPool2dBackward(Tensor dy, int poolH, int poolW, int stride, Tensor dx) {
        HostDefaults.owned(this, "avgPool2dBackward", dy, dx);
        Checks.pool2d("avgPool2dBackward", dx, poolH, poolW, stride, dy);
        ConvGeometry g = HostDefaults.pool(dx, poolH, poolW, stride);
        float[] out = new float[dx.size()];
        ReferenceImageKernels.avgPool2dBackward(g, dy.toArray(), out);
        dx.copyFrom(out);
    }

    /**
     * Per-channel sums, as batch normalisation needs: with a and b viewed as (N, C, S) (C = dim 1,
     * S the product of the dimensions after it, 1 for a (N, C) matrix),
     * {@code out[c] = Σ_{n,s} a[n,c,s] · b[n,c,s]}, or {@code Σ a[n,c,s]} when b is null. out has C
     * elements, is overwritten and shares storage with neither input.
     */
    default void channelSums(Tensor a, Tensor b, Tensor out) {
        HostDefaults.owned(this, "channelSums", a, b, out);
        Checks.channels("channelSums", "out", a, out);
        if (b != null) {
            Checks.sameShape("channelSums", a, b);
            Checks.noAlias("channelSums", out, b, "out and b");
        }
        Shape s = a.shape();
        float[] sums = new float[out.size()];
        ReferenceImageKernels.channelSums(a.toArray(), b == null ? null : b.toArray(), sums, s.dim(0), s.dim(1),
                HostDefaults.inner(s));
        out.copyFrom(sums);
    }

    /**
     * Per-channel affine map, as batch normalisation needs: with x viewed as (N, C, S) as in
     * {@link #channelSums}, {@code out[n,c,s] = x[n,c,s] · scale[c] + shift[c]}. scale and shift have
     * C elements; out has x's shape and may be x.
     */
    default void channelAffine(Tensor x, Tensor scale, Tensor shift, Tensor out) {
        HostDefaults.owned(this, "channelAffine", x, scale, shift, out);
        Checks.channels("channelAffine", "scale", x, scale);
        Checks.channels("channelAffine", "shift", x, shift);
        Checks.sameShape("channelAffine", x, out);
        Checks.noAlias("channelAffine", out, scale, "out and scale");
        Checks.noAlias("channelAffine", out, shift, "out and shift");
        Shape s = x.shape();
        float[] result = new float[x.size()];
        ReferenceImageKernels.channelAffine(x.toArray(), scale.toArray(), shift.toArray(), result, s.dim(0), s.dim(1),
                HostDefaults.inner(s));
        out.copyFrom(result);
    }

    // ------------------------------------------------------------------------ fused composites

    /**
     * A dense layer's forward pass: {@code y = act(x · w + bias)}, with x (n, in), w (in, out),
     * bias (out) or {@code null}, and y (n, out).
     */
    default void denseForward(Tensor x, Tensor w, Tensor bias, Activation act, Tensor y) {
        gemm(false, false, 1f, x, w, 0f, y);
        if (bias != null) {
            addRowVector(y, bias, y);
        }
        if (act.forward() != null) {
            unary(act.forward(), y, y);
        }
    }

    /**
     * Softmax cross-entropy over a batch, fused: returns the mean loss
     * {@code (1/n) Σᵢ (logsumexpⱼ zᵢⱼ − Σⱼ tᵢⱼ zᵢⱼ)} and writes its gradient
     * {@code grad = (softmax(z) − t) / n}. The targets t are rows of probabilities (one-hot for
     * class labels); logits, target and grad are (n, classes) and rowWork has n elements.
     * The loss uses log-sum-exp, so it is finite for any finite logits.
     */
    default double softmaxCrossEntropy(Tensor logits, Tensor target, Tensor grad, Tensor rowWork) {
        int n = logits.rows();
        reduceRows(RowReduction.LOG_SUM_EXP, logits, rowWork);
        double loss = (sum(rowWork) - dot(target, logits)) / n;
        softmaxRows(logits, grad);
        binary(BinaryOp.SUB, grad, target, grad);
        affine(grad, 1f / n, 0f, grad);
        return loss;
    }
}
