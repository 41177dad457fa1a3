package nnj.bench.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nnj.api.Tensor;
import org.junit.jupiter.api.Test;

/** The benchmarked step trains the real model, the same way on two backends. No timing. */
class MlpBenchTest {

    private static MlpBench bench(String backend) {
        MlpBench b = new MlpBench();
        b.backend = backend;
        b.threads = 1;
        b.batch = 32;
        b.setUp();
        return b;
    }

    private static double[] losses(String backend, int steps) {
        MlpBench b = bench(backend);
        double[] out = new double[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = b.trainStep();
        }
        return out;
    }

    @Test
    void trainStepIsARealStepAndTwoBackendsAgree() {
        // 10 steps cycle through the 8 batches and back: step 8 sees batch 0 again after 8 Adam
        // updates, so its loss must differ from step 0's if the step updates the weights.
        double[] naive = losses("naive", 10);
        double[] demo = losses("demo", 10);
        for (int i = 0; i < naive.length; i++) {
            assertTrue(Double.isFinite(naive[i]) && naive[i] > 0, "loss " + naive[i]);
            // the demo backend sums gemm in another order; 1e-3 relative is far above float32
            // round-off over 10 steps and far below the effect of a wrong kernel
            assertEquals(naive[i], demo[i], 1e-3 * naive[i], "step " + i);
        }
        assertNotEquals(naive[0], naive[8], 1e-6, "the weights changed between two visits of batch 0");
    }

    @Test
    void inferenceGivesTenLogitsPerSample() {
        Tensor out = bench("naive").inference();
        assertEquals(32, out.rows());
        assertEquals(10, out.cols());
    }
}
