package nnj.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.data.Dataset;
import nnj.api.layers.Dense;
import nnj.api.layers.Dropout;
import nnj.api.layers.Flatten;
import nnj.api.layers.LeakyReLU;
import nnj.api.layers.Mode;
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
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;

/**
 * A warm training step (gather, forward, loss, backward, update) allocates nothing on the heap. The
 * layers, losses and optimizers are the same on every backend, so this is checked here on the
 * plain-loop test backend (whose kernels allocate nothing); the SIMD backend is checked with JMH's
 * gc profiler.
 *
 * <p>The measurement runs in a fresh JVM: once any test in this JVM mocks {@code Backend} with
 * Mockito's inline mock maker, the interface's default methods (the fused composites) are
 * instrumented and allocate on every call, which says nothing about nnj. The child JVM runs with
 * {@code -Xbatch -XX:-TieredCompilation -XX:CompileThreshold=500}: every method called 500 times is
 * compiled by C2 on the spot, before the call returns, so after the warm-up no compilation is still
 * in flight and the measurement does not race the JIT on a loaded machine. It then counts the
 * thread's allocated bytes over 50 warm steps, alternating full and short batches as an epoch
 * does, and requires exactly zero.
 */
class WarmStepAllocationTest {

    @Test
    void aWarmStepAllocatesNothing() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xbatch", "-XX:-TieredCompilation", "-XX:CompileThreshold=500",
                "-cp", System.getProperty("java.class.path"), Probe.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("probe: 3 configurations allocation-free"), out);
    }

    /** Runs in the child JVM; exits 1 with a report when a configuration allocates. */
    public static final class Probe {
        public static void main(String[] args) {
            if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean)) {
                System.out.println("probe: 3 configurations allocation-free (not measurable on this JVM; skipped)");
                return;
            }
            StringBuilder failures = new StringBuilder();
            failures.append(check(Sequential.of(new Dense(4, 16), new ReLU(), new Dense(16, 8), new Tanh(), new Dense(8, 3)),
                    Losses.softmaxCrossEntropy(), new Adam(1e-3f)));
            failures.append(check(Sequential.of(new Flatten(), new Dense(4, 16), new LeakyReLU(), new Dropout(0.2f),
                    new Dense(16, 8), new Sigmoid(), new Dense(8, 3), new Softmax()), Losses.mse(),
                    new Sgd(0.1f, 0.9f, true, 1e-4f)));
            failures.append(check(Sequential.of(new Dense(4, 6), new ReLU(), new Dense(6, 3)),
                    Losses.binaryCrossEntropyWithLogits(), new RmsProp(1e-3f)));
            if (failures.length() > 0) {
                System.out.println(failures);
                System.exit(1);
            }
            System.out.println("probe: 3 configurations allocation-free");
        }

        private static long allocatedBytes() {
            return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
        }

        private static String check(Sequential model, Loss loss, Optimizer optimizer) {
            Backend b = new NaiveBackend();
            Dataset data = Blobs.of(90, 1);
            model.initialize(1L).to(b);
            model.setInputGradientNeeded(false);
            BatchLoader loader = new BatchLoader(b, data, 32); // batches of 32, 32 and 26
            optimizer.attach(model.parameters());
            for (int warm = 0; warm < 1500; warm++) { // past the compile threshold of everything in a step
                Trainer.step(model, loss, loader, warm % 3, optimizer);
            }
            long first = allocatedBytes(); // reading the counter may itself allocate: subtract that
            long counterCost = allocatedBytes() - first;
            long start = allocatedBytes();
            for (int s = 0; s < 50; s++) {
                Trainer.step(model, loss, loader, s % 3, optimizer);
            }
            long used = allocatedBytes() - start - counterCost;
            if (used == 0) {
                return "";
            }
            return model + " with " + optimizer + " allocated " + used + " bytes in 50 warm steps; "
                    + phases(model, loss, loader, optimizer, counterCost) + "\n";
        }

        /** Where the bytes go: per phase over 50 steps. */
        private static String phases(Sequential model, Loss loss, BatchLoader loader, Optimizer optimizer, long cost) {
            long[] bytes = new long[4];
            for (int s = 0; s < 50; s++) {
                long t0 = allocatedBytes();
                loader.load(s % 3);
                long t1 = allocatedBytes();
                Tensor out = model.forward(loader.features(), Mode.TRAIN);
                long t2 = allocatedBytes();
                loss.forward(out, loader.targets());
                model.backward(loss.gradient());
                long t3 = allocatedBytes();
                optimizer.step();
                long t4 = allocatedBytes();
                bytes[0] += t1 - t0 - cost;
                bytes[1] += t2 - t1 - cost;
                bytes[2] += t3 - t2 - cost;
                bytes[3] += t4 - t3 - cost;
            }
            return "load " + bytes[0] + ", forward " + bytes[1] + ", loss+backward " + bytes[2] + ", update " + bytes[3];
        }
    }
}
