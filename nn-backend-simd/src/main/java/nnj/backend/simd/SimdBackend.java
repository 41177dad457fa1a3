package nnj.backend.simd;

import java.util.Objects;
import nnj.api.Tensor;
import nnj.api.backend.Activation;
import nnj.api.backend.BinaryOp;
import nnj.api.backend.Checks;
import nnj.api.backend.ConvGeometry;
import nnj.api.backend.FusedUpdates;
import nnj.api.backend.HeapBackend;
import nnj.api.backend.RowReduction;
import nnj.api.backend.UnaryOp;

/**
 * nnj's speed path: every kernel written with the JDK Vector API ({@code jdk.incubator.vector}) on
 * heap {@code float[]} tensors, a BLIS-style SGEMM ({@link Sgemm}) on the backend's own worker
 * threads ({@link WorkerPool}), and fused composites (dense forward with its bias and ReLU in the
 * GEMM epilogue, softmax cross-entropy in one pass per row, one-pass Adam and SGD).
 *
 * <p>The GEMM's register blocking and cache blocks are chosen per machine ({@link GemmConfig}:
 * the vector width C2 compiles to, the cache sizes the OS reports); {@code ./nnj backends} prints
 * the choice, and {@code -Dnnj.simd.blocking=6x2} forces a blocking.
 *
 * <p>Needs {@code --add-modules jdk.incubator.vector}; {@link SimdProvider} checks that before
 * anything here is loaded. The thread count defaults to the available processors. Results are
 * bitwise identical for a fixed thread count (in fact for any thread count: the GEMM split never
 * changes the order of a sum). Once warm, the kernels of a training step allocate nothing.
 */
public final class SimdBackend extends HeapBackend implements FusedUpdates {
    private final Sgemm sgemm;
    private final ParallelAdam parallelAdam = new ParallelAdam();
    private final ConvKernels conv;
    private final ImageOps images = new ImageOps();
    private final ParallelBinary parallelBinary = new ParallelBinary();
    private final ParallelGather parallelGather = new ParallelGather();
    private WorkerPool pool;

    /**
     * Below this many parameters an Adam update stays on the caller's thread. At 32,768 (the MLP's
     * 256×128 weight, two chunks) 2 threads took 9.0–9.9 µs against 13.6–13.8 on one (AVX-512 Xeon).
     */
    static final int PARALLEL_ADAM_MIN = 1 << 15;

    /** A backend using all available processors. */
    public SimdBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** A backend using {@code threads} threads (the caller plus {@code threads − 1} workers). */
    public SimdBackend(int threads) {
        this(threads, GemmConfig.detect());
    }

    /** A backend with the given GEMM configuration (tests force each register blocking this way). */
    SimdBackend(int threads, GemmConfig config) {
        super(SimdProvider.NAME, threads);
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        JitPrimer.ensurePrimed(); // before any kernel runs: see JitPrimer (kernels that box their vectors)
        this.sgemm = new Sgemm(config);
        this.conv = new ConvKernels(sgemm);
    }

    /** The GEMM configuration in use: register blocking and cache blocks, with the reason. */
    GemmConfig gemmConfig() {
        return sgemm.config();
    }

    @Override
    public synchronized void setThreads(int threads) {
        super.setThreads(threads);
        if (pool != null && pool.maxParts() != threads) {
            pool.close();
            pool = null;
        }
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    /** The worker pool, started on first use; null when single-threaded. */
    private WorkerPool pool() {
        int t = threads();
        if (t == 1) {
            return null;
        }
        if (pool == null) {
            pool = new WorkerPool(t, "nnj-simd");
        }
        return pool;
    }

    /** The worker threads currently running (for allocation tests); empty when single-threaded. */
    Thread[] workerThreads() {
        WorkerPool p = pool;
        return p == null ? new Thread[0] : p.threads();
    }

    // ------------------------------------------------------------------------------- batches

    @Override
    protected void gatherRowsKernel(float[] src, int[] rowIndices, int from, float[] dst, int rows, int cols) {
        WorkerPool workers = (long) rows * cols >= ParallelGather.MIN ? pool() : null;
        if (workers == null) {
            super.gatherRowsKernel(src, rowIndices, from, dst, rows, cols);
        } else {
            parallelGather.run(src, rowIndices, from, dst, rows, cols, workers, threads());
        }
    }

    /**
     * A training batch assembled from rows scattered over the data set ({@code gatherRows}), split
     * into one run of rows per thread. The copy is memory-bound: its rows come from all over a data
     * set far larger than the caches, and on one core it was the step's largest serial pass (batch 512
     * of MNIST: 1.6 MB). Part u copies rows [u·rows/parts, (u+1)·rows/parts), taken from a counter, so
     * a worker that has not started leaves its rows to the caller. The job object is reused: no
     * allocation. Not thread-safe: one caller at a time, like the backend.
     */
    static final class ParallelGather implements WorkerPool.Job {
        /** Below this many floats one thread copies them all: hand-off would cost more than it saves. */
        static final int MIN = 1 << 16;

        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        private float[] src;
        private int[] rowIndices;
        private int from;
        private float[] dst;
        private int rows;
        private int cols;

        /** Row i of dst = row {@code rowIndices[from + i]} of src (indices checked), on up to {@code threads} threads. */
        void run(float[] src, int[] rowIndices, int from, float[] dst, int rows, int cols, WorkerPool pool, int threads) {
            this.src = src;
            this.rowIndices = rowIndices;
            this.from = from;
            this.dst = dst;
            this.rows = rows;
            this.cols = cols;
            next.set(0);
            try {
                pool.run(this, Math.min(threads, pool.maxParts()));
            } finally {
                this.src = null;
                this.rowIndices = null;
                this.dst = null;
            }
        }

        @Override
        public void run(int part, int parts) {
            for (int u = next.getAndIncrement(); u < parts; u = next.getAndIncrement()) {
                for (int i = u * rows / parts, end = (u + 1) * rows / parts; i < end; i++) {
                    System.arraycopy(src, rowIndices[from + i] * cols, dst, i * cols, cols);
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------- gemm

    @Override
    protected void gemmKernel(boolean transA, boolean transB, int m, int n, int k, float alpha,
                              float[] a, float[] b, float beta, float[] c) {
        sgemm.multiply(transA, transB, m, n, k, alpha, a, b, beta, c, null, false, pool(), threads());
    }

    /** y = act(x·w + bias), with the bias and ReLU applied as the GEMM stores its last k block. */
    @Override
    public void denseForward(Tensor x, Tensor w, Tensor bias, Activation act, Tensor y) {
        Objects.requireNonNull(act, "denseForward: the activation is null; use Activation.IDENTITY for none");
        float[] xd = data("denseForward", x);
        float[] wd = data("denseForward", w);
        float[] yd = data("denseForward", y);
        float[] bd = bias == null ? null : data("denseForward", bias);
        Checks.gemm(false, false, x, w, y);
        if (bias != null) {
            Checks.size("denseForward", "bias", bias, y.shape().dim(1));
            Checks.noAlias("denseForward", y, bias, "y and bias");
        }
        int rows = y.shape().dim(0);
        int out = y.shape().dim(1);
        int in = x.shape().dim(1);
        if (rows == 0 || out == 0) {
            return;
        }
        if (in == 0) { // an empty product is zero; then bias and activation as usual
            fill(y, 0f);
            if (bias != null) {
                addRowVector(y, bias, y);
            }
            if (act.forward() != null) {
                unary(act.forward(), y, y);
            }
            return;
        }
        sgemm.multiply(false, false, rows, out, in, 1f, xd, wd, 0f, yd, bd, act == Activation.RELU, pool(), threads());
        if (act != Activation.RELU && act.forward() != null) {
            VectorOps.unary(act.forward(), yd, yd, rows * out);
        }
    }

    // --------------------------------------------------------------------------- element-wise

    @Override
    protected void unaryKernel(UnaryOp op, float[] x, float[] out, int n) {
        VectorOps.unary(op, x, out, n);
    }

    @Override
    protected void binaryKernel(BinaryOp op, float[] a, float[] b, float[] out, int n) {
        if (ParallelBinary.applies(op, n) && threads() > 1) { // a conv layer's ReLU backward: millions of floats
            parallelBinary.run(a, b, out, n, pool(), threads());
            return;
        }
        VectorOps.binary(op, a, b, out, n);
    }

    @Override
    protected void affineKernel(float[] x, float alpha, float beta, float[] out, int n) {
        VectorOps.affine(x, alpha, beta, out, n);
    }

    @Override
    protected void axpbyKernel(float alpha, float[] x, float beta, float[] y, int n) {
        VectorOps.axpby(alpha, x, beta, y, n);
    }

    // -------------------------------------------------------------------- broadcast and reduce

    @Override
    protected void addRowVectorKernel(float[] x, float[] bias, float[] out, int rows, int cols) {
        for (int i = 0, o = 0; i < rows; i++, o += cols) {
            VectorOps.add(x, o, bias, 0, out, o, cols);
        }
    }

    @Override
    protected void reduceRowsKernel(RowReduction op, float[] x, float[] out, int rows, int cols) {
        for (int i = 0, o = 0; i < rows; i++, o += cols) {
            switch (op) {
                case SUM:
                    out[i] = (float) VectorOps.sum(x, o, cols);
                    break;
                case MAX:
                    out[i] = VectorOps.max(x, o, cols);
                    break;
                case LOG_SUM_EXP:
                    out[i] = FusedOps.logSumExp(x, o, cols);
                    break;
                default:
                    throw new IllegalArgumentException("reduceRows: unknown reduction " + op);
            }
        }
    }

    @Override
    protected void sumColumnsKernel(float[] x, float beta, float[] out, int rows, int cols) {
        VectorOps.sumColumns(x, beta, out, rows, cols);
    }

    @Override
    protected double sumKernel(float[] x, int n) {
        return VectorOps.sum(x, 0, n);
    }

    @Override
    protected double dotKernel(float[] a, float[] b, int n) {
        return VectorOps.dot(a, b, n);
    }

    @Override
    protected void softmaxRowsKernel(float[] x, float[] out, int rows, int cols) {
        for (int i = 0, o = 0; i < rows; i++, o += cols) {
            FusedOps.softmaxRow(x, out, o, cols);
        }
    }

    // ---------------------------------------------------------------------- fused composites

    @Override
    public double softmaxCrossEntropy(Tensor logits, Tensor target, Tensor grad, Tensor rowWork) {
        String op = "softmaxCrossEntropy";
        float[] z = data(op, logits);
        float[] t = data(op, target);
        float[] g = data(op, grad);
        float[] w = data(op, rowWork);
        Checks.sameShape(op, logits, target, grad);
        Checks.size(op, "rowWork", rowWork, logits.rows());
        if (logits.rows() == 0 || logits.cols() == 0) { // degenerate: the primitives define the result
            reduceRows(RowReduction.LOG_SUM_EXP, logits, rowWork);
            return (sum(rowWork) - dot(target, logits)) / logits.rows();
        }
        return FusedOps.softmaxCrossEntropy(z, t, g, w, logits.rows(), logits.cols());
    }

    @Override
    public void adamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, float beta1, float beta2,
                           float stepSize, float epsHat, float l2, float decayFactor, Tensor scratch) {
        String op = "adamUpdate";
        float[] p = data(op, param);
        float[] g = data(op, grad);
        float[] md = data(op, m);
        float[] vd = data(op, v);
        data(op, scratch);
        Checks.sameShape(op, param, grad, m);
        Checks.sameShape(op, param, v, scratch);
        int n = param.size();
        WorkerPool workers = n >= PARALLEL_ADAM_MIN ? pool() : null;
        if (workers == null) {
            FusedOps.adam(p, g, md, vd, beta1, beta2, stepSize, epsHat, l2, decayFactor, n);
        } else {
            parallelAdam.run(workers, threads(), p, g, md, vd, beta1, beta2, stepSize, epsHat, l2, decayFactor, n);
        }
    }

    /**
     * Adam on a large parameter (a 784×256 weight has 200k elements, seven arrays' worth of memory
     * traffic) split into chunks that the threads take from a counter. Element-wise, so the result
     * is the same whoever computes a chunk. The job object and its fields are reused: no allocation.
     */
    private static final class ParallelAdam implements WorkerPool.Job {
        private static final int CHUNK = 16_384; // a multiple of every vector length
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        private float[] p;
        private float[] g;
        private float[] m;
        private float[] v;
        private float beta1;
        private float beta2;
        private float stepSize;
        private float epsHat;
        private float l2;
        private float decay;
        private int n;

        void run(WorkerPool pool, int threads, float[] p, float[] g, float[] m, float[] v, float beta1, float beta2,
                 float stepSize, float epsHat, float l2, float decay, int n) {
            this.p = p;
            this.g = g;
            this.m = m;
            this.v = v;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.stepSize = stepSize;
            this.epsHat = epsHat;
            this.l2 = l2;
            this.decay = decay;
            this.n = n;
            next.set(0);
            pool.run(this, Math.min(threads, pool.maxParts()));
            this.p = null;
            this.g = null;
            this.m = null;
            this.v = null;
        }

        @Override
        public void run(int part, int parts) {
            for (int from = next.getAndAdd(CHUNK); from < n; from = next.getAndAdd(CHUNK)) {
                FusedOps.adam(p, g, m, v, beta1, beta2, stepSize, epsHat, l2, decay, from, Math.min(n, from + CHUNK));
            }
        }
    }

    @Override
    public void sgdUpdate(Tensor param, Tensor grad, Tensor velocity, float lr, float momentum,
                          boolean nesterov, float weightDecay) {
        String op = "sgdUpdate";
        float[] p = data(op, param);
        float[] g = data(op, grad);
        float[] vel = null;
        if (momentum != 0f) {
            if (velocity == null) {
                throw new IllegalArgumentException(op + ": momentum " + momentum
                        + " needs a velocity tensor of the parameter's shape, got null");
            }
            vel = data(op, velocity);
            Checks.sameShape(op, param, grad, velocity);
        } else {
            Checks.sameShape(op, param, grad);
        }
        FusedOps.sgd(p, g, vel, lr, momentum, nesterov, weightDecay, param.size());
    }

    // ------------------------------------------------------------------- images and channels

    /** im2col panels and the packed SGEMM, with bias and ReLU applied as the result returns to NCHW ({@link ConvKernels}). */
    @Override
    protected void conv2dKernel(ConvGeometry g, float[] x, float[] w, float[] bias, Activation act, float[] y) {
        conv.forward(g, x, w, bias, act, y, pool(), threads());
    }

    @Override
    protected void conv2dBackwardInputKernel(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        conv.backwardInput(g, dy, w, dx, pool(), threads());
    }

    @Override
    protected void conv2dBackwardWeightsKernel(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db) {
        conv.backwardWeights(g, x, dy, dw, db, pool(), threads());
    }

    @Override
    protected void maxPool2dKernel(ConvGeometry g, float[] x, float[] y, float[] argmax) {
        images.maxPool(g, x, y, argmax, pool(), threads());
    }

    @Override
    protected void maxPool2dBackwardKernel(int planes, int inPlane, int outPlane, float[] dy, float[] argmax,
                                           float[] dx) {
        images.maxPoolBackward(planes, inPlane, outPlane, dy, argmax, dx, pool(), threads());
    }

    @Override
    protected void avgPool2dKernel(ConvGeometry g, float[] x, float[] y) {
        images.avgPool(g, x, y, pool(), threads());
    }

    @Override
    protected void avgPool2dBackwardKernel(ConvGeometry g, float[] dy, float[] dx) {
        images.avgPoolBackward(g, dy, dx, pool(), threads());
    }

    @Override
    protected void channelSumsKernel(float[] a, float[] b, float[] out, int n, int channels, int inner) {
        ImageOps.channelSums(a, b, out, n, channels, inner);
    }

    @Override
    protected void channelAffineKernel(float[] x, float[] scale, float[] shift, float[] out, int n, int channels,
                                       int inner) {
        ImageOps.channelAffine(x, scale, shift, out, n, channels, inner);
    }
}
