package nnj.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import nnj.api.backend.Backend;
import nnj.api.data.Dataset;
import nnj.api.layers.Dense;
import nnj.api.layers.Dropout;
import nnj.api.layers.Flatten;
import nnj.api.layers.LeakyReLU;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.api.layers.Sigmoid;
import nnj.api.layers.Softmax;
import nnj.api.layers.Tanh;
import nnj.api.loss.Loss;
import nnj.api.loss.Losses;
import nnj.api.optim.Adam;
import nnj.api.optim.Optimizer;
import nnj.api.optim.RmsProp;
import nnj.api.optim.Sgd;
import nnj.api.testing.Blobs;
import nnj.api.testing.LoopBackend;
import org.junit.jupiter.api.Test;

/**
 * A warm training step (gather, forward, loss, backward, update) allocates nothing on the heap. The
 * layers, losses and optimizers are the same on every backend, so this is checked here on the
 * plain-loop test backend (whose kernels allocate nothing); the SIMD backend is checked with JMH's
 * gc profiler. Measured with the thread's allocation counter over 50 warm steps, alternating a
 * full and a short last batch as an epoch does.
 */
class WarmStepAllocationTest {

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static void check(Sequential model, Loss loss, Optimizer optimizer) {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM does not count allocated bytes per thread");
        Backend b = new LoopBackend();
        Dataset data = Blobs.of(90, 1);
        model.initialize(1L).to(b);
        model.setInputGradientNeeded(false);
        BatchLoader loader = new BatchLoader(b, data, 32); // batches of 32, 32 and 26
        optimizer.attach(model.parameters());
        for (int warm = 0; warm < 300; warm++) {
            Trainer.step(model, loss, loader, warm % 3, optimizer);
        }
        // Reading the counter may itself allocate; measure that cost and subtract it.
        long first = allocatedBytes();
        long counterCost = allocatedBytes() - first;
        // Up to 10 rounds of 50 steps: while the JIT is still compiling (slowly, on a busy machine),
        // a round can see a few hundred bytes of interpreter-only allocation (varargs in the
        // backend's argument checks before escape analysis removes them). An allocation in the step
        // itself would appear in every round, so one clean round is required.
        long used = -1;
        for (int round = 0; round < 10 && used != 0; round++) {
            long start = allocatedBytes();
            for (int s = 0; s < 50; s++) {
                Trainer.step(model, loss, loader, s % 3, optimizer);
            }
            used = allocatedBytes() - start - counterCost;
        }
        assertEquals(0, used, model + " with " + optimizer + " allocated " + used + " bytes in 50 warm steps");
    }

    @Test
    void mlpWithAdam() {
        check(Sequential.of(new Dense(4, 16), new ReLU(), new Dense(16, 8), new Tanh(), new Dense(8, 3)),
                Losses.softmaxCrossEntropy(), new Adam(1e-3f));
    }

    @Test
    void everyLayerWithSgdAndRmsProp() {
        check(Sequential.of(new Flatten(), new Dense(4, 16), new LeakyReLU(), new Dropout(0.2f), new Dense(16, 8),
                new Sigmoid(), new Dense(8, 3), new Softmax()), Losses.mse(), new Sgd(0.1f, 0.9f, true, 1e-4f));
        check(Sequential.of(new Dense(4, 6), new ReLU(), new Dense(6, 3)), Losses.binaryCrossEntropyWithLogits(),
                new RmsProp(1e-3f));
    }
}
