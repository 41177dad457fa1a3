package nnj.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import nnj.api.Tensor;
import nnj.api.backend.Activation;
import nnj.api.backend.BinaryOp;
import org.junit.jupiter.api.Test;

/**
 * A warm training step of the 784-256-128-10 MLP, written as the backend calls the layers make
 * (dense forward with fused bias and ReLU, softmax cross-entropy, the backward GEMMs, ReLU backward,
 * bias gradients, Adam), allocates nothing on the calling thread or on the backend's workers.
 * Measured with {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}.
 */
class ZeroAllocationTest {
    private static final int[] SIZES = {784, 256, 128, 10};

    @Test
    void aWarmTrainingStepAllocatesNothingOnAnyThread() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        for (int batch : new int[] {3, 64}) { // small-M path and the packed path
            try (SimdBackend backend = new SimdBackend(2)) {
                Step step = new Step(backend, batch);
                warmUp(mx, step::run);
                Thread[] workers = backend.workerThreads();
                assertEquals(1, workers.length, "a 2-thread backend has one worker");
                long[] ids = new long[workers.length + 1];
                ids[0] = Thread.currentThread().getId();
                for (int w = 0; w < workers.length; w++) {
                    ids[w + 1] = workers[w].getId();
                }
                long[] before = new long[ids.length];
                long[] after = new long[ids.length];
                // the probe itself: reading the counters twice in a row, with no work between
                read(mx, ids, before);
                read(mx, ids, after);
                long probe = after[0] - before[0];

                // A late JIT recompilation can allocate once on a loaded machine; steady state is what
                // is claimed, so up to three windows are measured and the first clean one counts.
                for (int window = 0; window < WINDOWS; window++) {
                    read(mx, ids, before);
                    for (int i = 0; i < 20; i++) {
                        step.run();
                    }
                    read(mx, ids, after);
                    if (clean(before, after, probe)) {
                        break;
                    }
                }
                assertEquals(probe, after[0] - before[0], "bytes allocated by the caller in 20 warm steps, batch " + batch);
                for (int w = 1; w < ids.length; w++) {
                    assertEquals(0, after[w] - before[w], "bytes allocated by worker " + w + " in 20 warm steps, batch " + batch);
                }
                assertTrue(Double.isFinite(step.loss), "the step computed a finite loss");
            }
        }
    }

    @Test
    void aWarmStepOfTheRealSequentialModelAllocatesNothingOnAnyThread() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        mx.setThreadAllocatedMemoryEnabled(true);
        try (SimdBackend backend = new SimdBackend(2)) {
            ModelStep step = new ModelStep(backend, 64);
            warmUp(mx, step::run);
            Thread[] workers = backend.workerThreads();
            long callerBefore = 0;
            long workerBefore = 0;
            long callerAfter = 0;
            long workerAfter = 0;
            for (int window = 0; window < WINDOWS; window++) { // see the first test: first clean window counts
                callerBefore = mx.getCurrentThreadAllocatedBytes();
                workerBefore = mx.getThreadAllocatedBytes(workers[0].getId());
                for (int i = 0; i < 20; i++) {
                    step.run();
                }
                workerAfter = mx.getThreadAllocatedBytes(workers[0].getId());
                callerAfter = mx.getCurrentThreadAllocatedBytes();
                if (callerAfter == callerBefore && workerAfter == workerBefore) {
                    break;
                }
            }
            assertEquals(0, callerAfter - callerBefore, "bytes allocated by the caller in 20 warm Sequential steps");
            assertEquals(0, workerAfter - workerBefore, "bytes allocated by the worker in 20 warm Sequential steps");
        }
    }

    @Test
    void aWarmStepOfACnnAllocatesNothingOnAnyThread() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        mx.setThreadAllocatedMemoryEnabled(true);
        try (SimdBackend backend = new SimdBackend(2)) {
            // Small enough to warm up quickly, big enough that the convolutions' GEMMs and the first
            // pool run on the worker too: conv 3×3 (1→8) + ReLU, BatchNorm, max-pool 2, conv 3×3 (8→16)
            // + ReLU, max-pool 2, flatten, dense, on 32 images of 16×16.
            nnj.api.layers.Sequential cnn = nnj.api.layers.Sequential.of(
                    new nnj.api.layers.conv.Unflatten(1, 16, 16),
                    new nnj.api.layers.conv.Conv2D(1, 8, 3), new nnj.api.layers.ReLU(),
                    new nnj.api.layers.BatchNorm(8), new nnj.api.layers.conv.MaxPool2D(2),
                    new nnj.api.layers.conv.Conv2D(8, 16, 3), new nnj.api.layers.ReLU(),
                    new nnj.api.layers.conv.MaxPool2D(2), new nnj.api.layers.Flatten(),
                    new nnj.api.layers.Dense(16 * 4 * 4, 10));
            ModelStep step = new ModelStep(backend, 32, cnn, 256);
            warmUp(mx, step::run);
            Thread[] workers = backend.workerThreads();
            long callerBefore = 0;
            long workerBefore = 0;
            long callerAfter = 0;
            long workerAfter = 0;
            for (int window = 0; window < WINDOWS; window++) { // the first clean window counts, as above
                callerBefore = mx.getCurrentThreadAllocatedBytes();
                workerBefore = mx.getThreadAllocatedBytes(workers[0].getId());
                for (int i = 0; i < 20; i++) {
                    step.run();
                }
                workerAfter = mx.getThreadAllocatedBytes(workers[0].getId());
                callerAfter = mx.getCurrentThreadAllocatedBytes();
                if (callerAfter == callerBefore && workerAfter == workerBefore) {
                    break;
                }
            }
            assertEquals(0, callerAfter - callerBefore, "bytes allocated by the caller in 20 warm CNN steps");
            assertEquals(0, workerAfter - workerBefore, "bytes allocated by the worker in 20 warm CNN steps");
        }
    }

    /** A trainer's step with nnj's real layers: gather, forward, loss, backward, Adam. */
    static final class ModelStep {
        private final SimdBackend b;
        private final nnj.api.layers.Sequential model;
        private final nnj.api.loss.Loss loss = nnj.api.loss.Losses.softmaxCrossEntropy();
        private final nnj.api.optim.Adam adam = new nnj.api.optim.Adam(1e-3f);
        private final Tensor data;
        private final Tensor labels;
        private final Tensor x;
        private final Tensor y;
        private final int[] order;
        private int next;

        ModelStep(SimdBackend b, int batch) {
            this(b, batch, nnj.api.layers.Sequential.of(
                    new nnj.api.layers.Dense(784, 256), new nnj.api.layers.ReLU(),
                    new nnj.api.layers.Dense(256, 128), new nnj.api.layers.ReLU(),
                    new nnj.api.layers.Dense(128, 10)), 784);
        }

        ModelStep(SimdBackend b, int batch, nnj.api.layers.Sequential model, int features) {
            this.b = b;
            this.model = model;
            model.initialize(1);
            model.to(b);
            adam.attach(model.parameters());
            Random r = new Random(2);
            int rows = batch * 8;
            order = new int[rows];
            float[] f = new float[rows * features];
            for (int i = 0; i < f.length; i++) {
                f[i] = r.nextFloat();
            }
            float[] l = new float[rows * 10];
            for (int i = 0; i < rows; i++) {
                l[i * 10 + r.nextInt(10)] = 1f;
                order[i] = rows - 1 - i;
            }
            data = b.fromArray(f, rows, features);
            labels = b.fromArray(l, rows, 10);
            x = b.tensor(batch, features);
            y = b.tensor(batch, 10);
        }

        void run() {
            int batch = x.rows();
            if (next + batch > order.length) {
                next = 0;
            }
            b.gatherRows(data, order, next, x);
            b.gatherRows(labels, order, next, y);
            next += batch;
            Tensor out = model.forward(x, nnj.api.layers.Mode.TRAIN);
            loss.forward(out, y);
            model.backward(loss.gradient());
            adam.step();
        }
    }

    /**
     * Runs steps until 100 in a row allocate nothing on the caller (C2 has compiled every kernel:
     * interpreted Vector API code allocates), for at most 8000 steps; on a loaded 2-core machine
     * that can take several hundred steps.
     */
    /** Measurement windows of 20 warm steps; a persistent allocation shows in every one. */
    private static final int WINDOWS = 3;

    private static boolean clean(long[] before, long[] after, long probe) {
        if (after[0] - before[0] != probe) {
            return false;
        }
        for (int w = 1; w < before.length; w++) {
            if (after[w] != before[w]) {
                return false;
            }
        }
        return true;
    }

    private static void warmUp(com.sun.management.ThreadMXBean mx, Runnable step) {
        for (int round = 0; round < 80; round++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100; i++) {
                step.run();
            }
            if (mx.getCurrentThreadAllocatedBytes() == before) {
                return;
            }
        }
    }

    private static void read(com.sun.management.ThreadMXBean mx, long[] ids, long[] out) {
        for (int i = 0; i < ids.length; i++) {
            out[i] = mx.getThreadAllocatedBytes(ids[i]);
        }
    }

    /** The tensors and calls of one training step; everything allocated up front. */
    static final class Step {
        final SimdBackend b;
        final Tensor x;
        final Tensor target;
        final Tensor[] w = new Tensor[3];
        final Tensor[] bias = new Tensor[3];
        final Tensor[] act = new Tensor[4];
        final Tensor[] grad = new Tensor[4];
        final Tensor[] dw = new Tensor[3];
        final Tensor[] db = new Tensor[3];
        final Tensor[][] adam = new Tensor[6][3];
        final Tensor rowWork;
        double loss;
        int t;

        Step(SimdBackend b, int batch) {
            this.b = b;
            Random r = new Random(1);
            x = tensor(b, r, batch, SIZES[0]);
            target = b.tensor(batch, SIZES[3]);
            float[] onehot = new float[batch * SIZES[3]];
            for (int i = 0; i < batch; i++) {
                onehot[i * SIZES[3] + r.nextInt(SIZES[3])] = 1f;
            }
            target.copyFrom(onehot);
            act[0] = x;
            for (int l = 0; l < 3; l++) {
                w[l] = tensor(b, r, SIZES[l], SIZES[l + 1]);
                b.affine(w[l], 0.05f, 0f, w[l]);
                bias[l] = b.tensor(SIZES[l + 1]);
                act[l + 1] = b.tensor(batch, SIZES[l + 1]);
                grad[l + 1] = b.tensor(batch, SIZES[l + 1]);
                dw[l] = b.tensor(SIZES[l], SIZES[l + 1]);
                db[l] = b.tensor(SIZES[l + 1]);
            }
            for (int p = 0; p < 6; p++) {
                Tensor param = p % 2 == 0 ? w[p / 2] : bias[p / 2];
                for (int s = 0; s < 3; s++) {
                    adam[p][s] = b.tensor(param.shape());
                }
            }
            rowWork = b.tensor(batch);
        }

        private static Tensor tensor(SimdBackend b, Random r, int rows, int cols) {
            float[] v = new float[rows * cols];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
            }
            return b.fromArray(v, rows, cols);
        }

        void run() {
            for (int l = 0; l < 3; l++) {
                b.denseForward(act[l], w[l], bias[l], l < 2 ? Activation.RELU : Activation.IDENTITY, act[l + 1]);
            }
            loss = b.softmaxCrossEntropy(act[3], target, grad[3], rowWork);
            for (int l = 2; l >= 0; l--) {
                b.gemm(true, false, 1f, act[l], grad[l + 1], 0f, dw[l]);
                b.sumColumns(grad[l + 1], 0f, db[l]);
                if (l > 0) {
                    b.gemm(false, true, 1f, grad[l + 1], w[l], 0f, grad[l]);
                    b.binary(BinaryOp.RELU_BACKWARD, act[l], grad[l], grad[l]);
                }
            }
            t++;
            float c1 = 1f - (float) Math.pow(0.9, t);
            float c2 = (float) Math.sqrt(1 - Math.pow(0.999, t));
            for (int p = 0; p < 6; p++) {
                Tensor param = p % 2 == 0 ? w[p / 2] : bias[p / 2];
                Tensor g = p % 2 == 0 ? dw[p / 2] : db[p / 2];
                b.adamUpdate(param, g, adam[p][0], adam[p][1], 0.9f, 0.999f, 1e-3f * c2 / c1, 1e-8f * c2, 0f, 1f, adam[p][2]);
            }
        }
    }
}
