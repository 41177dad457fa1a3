package nnj.bench.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import nnj.api.backend.Backend;
import nnj.backend.naive.NaiveBackend;
import nnj.bench.demo.DemoBackend;
import org.junit.jupiter.api.Test;

/** The benchmarked MLP step does real training, the same on two backends. No timing. */
class KernelMlpTest {
    private static final MlpShape SMALL = new MlpShape(20, 16, 8, 4);

    private static double[] losses(Backend be, int steps) {
        KernelMlp mlp = new KernelMlp(be, SMALL, 8, 1e-2f, 42);
        float[] x = new float[8 * 20];
        int[] y = new int[8];
        KernelMlp.syntheticBatch(new Random(1), x, y, 4);
        mlp.load(x, y);
        double[] out = new double[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = mlp.trainStep();
        }
        return out;
    }

    @Test
    void repeatedStepsOnOneBatchDriveTheLossDown() {
        double[] l = losses(new NaiveBackend(), 200);
        // 8 random samples, 4 classes: the first loss is about ln 4 ≈ 1.39; a working backward pass
        // with Adam memorises them. A sign or transpose error in any gradient would not get below 0.2.
        assertTrue(l[0] > 0.5, "initial loss " + l[0]);
        assertTrue(l[199] < 0.2, "final loss " + l[199]);
    }

    @Test
    void twoBackendsTrainTheSameWithinFloatRoundOff() {
        double[] naive = losses(new NaiveBackend(), 20);
        double[] demo = losses(new DemoBackend(), 20);
        for (int i = 0; i < naive.length; i++) {
            // different summation orders in gemm; 1e-3 relative is far above float32 round-off
            // over 20 steps here and far below a real difference
            assertEquals(naive[i], demo[i], 1e-3 * Math.abs(naive[i]) + 1e-5, "step " + i);
        }
    }
}
