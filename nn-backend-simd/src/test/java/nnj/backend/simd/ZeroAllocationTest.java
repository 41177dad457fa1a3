package nnj.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import nnj.api.data.Dataset;
import nnj.api.layers.BatchNorm;
import nnj.api.layers.Dense;
import nnj.api.layers.Flatten;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.api.layers.conv.Conv2D;
import nnj.api.layers.conv.MaxPool2D;
import nnj.api.layers.conv.Unflatten;
import nnj.api.loss.Loss;
import nnj.api.loss.Losses;
import nnj.api.optim.Adam;
import nnj.api.train.BatchLoader;
import nnj.api.train.Trainer;
import nnj.backend.tck.AllocationProbe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A warm training step ({@link Trainer#step}: gather, forward, loss, backward, Adam) with nnj's real
 * layers allocates nothing, on the calling thread or on the backend's worker: the 784-256-128-10 MLP
 * at batch 3 (the small-M GEMM path) and 64 (the packed path), and a small CNN (convolutions,
 * BatchNorm, pooling, dense).
 *
 * <p>Each case runs in a fresh child JVM ({@link AllocationProbe}) that warms up until two windows
 * of 100 steps in a row allocate nothing, then waits until the JIT has been idle for 300 ms
 * ({@link AllocationProbe#awaitQuietJit()}): no compilation is in flight, so the measured window
 * of 20 steps must allocate exactly nothing. A step that allocates for good never gets there, and
 * fails. (Synchronous compilation, {@code -Xbatch}, is no help here: it compiles the Vector API code
 * before its profiles exist, and that code then boxes every vector.)
 */
class ZeroAllocationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mlp-3", "mlp-64", "cnn"})
    void aWarmStepAllocatesNothingOnAnyThread(String scenario) throws Exception {
        // The boxing compile that about one JVM in three used to settle on (a C2 trap budget, not an
        // allocation in nnj) is prevented by JitPrimer. On a heavily loaded machine (load average
        // 10+) a JVM was still seen to allocate a few hundred bytes in the measured window (a late
        // compilation swapping code in); a second fresh JVM tells that from an allocation in nnj's
        // code, which shows in every JVM. Both outputs are reported.
        AllocationProbe.Result r = AllocationProbe.run(Probe.class, List.of(), scenario);
        if (r.exit() != 0) {
            AllocationProbe.Result again = AllocationProbe.run(Probe.class, List.of(), scenario);
            assertEquals(0, again.exit(), "first JVM:\n" + r.output() + "\nsecond JVM:\n" + again.output());
            r = again;
        }
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("probe " + scenario + ": 0 bytes on the caller, 0 bytes on the worker"),
                r.output());
    }

    /** Runs in the child JVM: one scenario, then a verdict line; exit 1 when anything allocated. */
    public static final class Probe {
        private static final int WARM_STEPS = 1500;
        private static final int MEASURED_STEPS = 20;

        public static void main(String[] args) throws InterruptedException {
            String scenario = args[0];
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            mx.setThreadAllocatedMemoryEnabled(true);
            try (SimdBackend backend = new SimdBackend(2)) {
                Steps steps = scenario.equals("cnn") ? Steps.cnn(backend) : Steps.mlp(backend,
                        Integer.parseInt(scenario.substring("mlp-".length())));
                for (int i = 0; i < WARM_STEPS; i++) {
                    steps.next();
                }
                long worker = backend.workerThreads()[0].getId(); // the pool starts with the first parallel kernel
                // Then until two windows of 100 steps in a row allocate nothing anywhere (at most 30 s):
                // Vector API code that C1 or an early C2 compile still runs boxes its vectors.
                long deadline = System.nanoTime() + 30_000_000_000L;
                for (int clean = 0; clean < 2 && System.nanoTime() < deadline; ) {
                    long c0 = mx.getCurrentThreadAllocatedBytes();
                    long w0 = mx.getThreadAllocatedBytes(worker);
                    for (int i = 0; i < 100; i++) {
                        steps.next();
                    }
                    boolean none = mx.getThreadAllocatedBytes(worker) == w0 && mx.getCurrentThreadAllocatedBytes() - c0 < 64;
                    clean = none ? clean + 1 : 0;
                }
                AllocationProbe.awaitQuietJit();
                long probe = -mx.getCurrentThreadAllocatedBytes() + mx.getCurrentThreadAllocatedBytes();
                long callerBefore = mx.getCurrentThreadAllocatedBytes();
                long workerBefore = mx.getThreadAllocatedBytes(worker);
                for (int i = 0; i < MEASURED_STEPS; i++) {
                    steps.next();
                }
                long workerBytes = mx.getThreadAllocatedBytes(worker) - workerBefore;
                long callerBytes = mx.getCurrentThreadAllocatedBytes() - callerBefore - probe;
                System.out.println("probe " + scenario + ": " + callerBytes + " bytes on the caller, " + workerBytes
                        + " bytes on the worker in " + MEASURED_STEPS + " warm steps (last loss " + steps.lastLoss + ")");
                System.exit(callerBytes == 0 && workerBytes == 0 && Double.isFinite(steps.lastLoss) ? 0 : 1);
            }
        }
    }

    /** The trainer's own step over an epoch's batches of random data, full and short batches alike. */
    static final class Steps {
        private final Sequential model;
        private final Loss loss = Losses.softmaxCrossEntropy();
        private final Adam adam = new Adam(1e-3f);
        private final BatchLoader loader;
        private int batch;
        double lastLoss;

        private Steps(SimdBackend b, Sequential model, int features, int batchSize) {
            this.model = model;
            model.initialize(1).to(b);
            model.setInputGradientNeeded(false);
            adam.attach(model.parameters());
            Random r = new Random(2);
            int rows = batchSize * 16 + batchSize / 2 + 1; // sixteen full batches and a short one
            float[] x = new float[rows * features];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextFloat();
            }
            int[] labels = new int[rows];
            for (int i = 0; i < rows; i++) {
                labels[i] = r.nextInt(10);
            }
            Dataset data = Dataset.classification("random", x, new int[] {features}, labels,
                    Collections.nCopies(10, "c"));
            this.loader = new BatchLoader(b, data, batchSize);
        }

        static Steps mlp(SimdBackend b, int batchSize) {
            return new Steps(b, Sequential.of(new Dense(784, 256), new ReLU(), new Dense(256, 128), new ReLU(),
                    new Dense(128, 10)), 784, batchSize);
        }

        /**
         * Small enough to warm up quickly, big enough that the convolutions' GEMMs and the first
         * pool run on the worker too: conv 3×3 (1→8) + ReLU, BatchNorm, max-pool 2, conv 3×3 (8→16)
         * + ReLU, max-pool 2, flatten, dense, on batches of 32 images of 16×16.
         */
        static Steps cnn(SimdBackend b) {
            return new Steps(b, Sequential.of(new Unflatten(1, 16, 16), new Conv2D(1, 8, 3), new ReLU(),
                    new BatchNorm(8), new MaxPool2D(2), new Conv2D(8, 16, 3), new ReLU(), new MaxPool2D(2),
                    new Flatten(), new Dense(16 * 4 * 4, 10)), 256, 32);
        }

        void next() {
            lastLoss = Trainer.step(model, loss, loader, batch, adam);
            batch = (batch + 1) % loader.batches();
        }
    }
}
