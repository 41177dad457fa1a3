package nnj.backend.simd;

import java.util.Arrays;
import nnj.api.Tensor;
import nnj.api.backend.Activation;
import nnj.api.layers.Dense;
import nnj.api.layers.Flatten;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.api.layers.conv.Conv2D;
import nnj.api.layers.conv.MaxPool2D;
import nnj.api.layers.conv.Unflatten;

/**
 * Developer tool: training-step throughput (samples/s) of the cnn preset on simd, the same
 * model, optimiser and loss as /work/shared/tools/torch-cnn: conv3×3(32, same)+ReLU, max-pool 2,
 * conv3×3(64, same)+ReLU, max-pool 2, dense 128+ReLU, dense 10, Adam 1e-3, softmax cross-entropy.
 * Then the time of each convolution and pooling kernel of the step. Args: batch threads rounds.
 * Prints medians. Timings belong under the exclusive CPU lock; this is not a test.
 */
public final class CnnPerf {
    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Sequential cnn = Sequential.of(new Unflatten(1, 28, 28), new Conv2D(1, 32, 3), new ReLU(), new MaxPool2D(2),
                new Conv2D(32, 64, 3), new ReLU(), new MaxPool2D(2), new Flatten(), new Dense(3136, 128), new ReLU(),
                new Dense(128, 10));
        try (SimdBackend b = new SimdBackend(threads)) {
            ZeroAllocationTest.ModelStep step = new ZeroAllocationTest.ModelStep(b, batch, cnn, 784);
            int steps = Math.max(16, 2048 / batch);
            double[] rates = new double[rounds];
            for (int r = -3; r < rounds; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    step.run();
                }
                if (r >= 0) {
                    rates[r] = (double) steps * batch / ((System.nanoTime() - t0) * 1e-9);
                }
            }
            Arrays.sort(rates);
            System.out.printf("nnj simd cnn, batch %d, %d thread(s): median %.1f samples/s over %d rounds %s%n", batch,
                    threads, rates[rounds / 2], rounds, Arrays.toString(rates));

            if (args.length > 3 && args[3].equals("step-only")) {
                return;
            }
            Tensor x1 = b.tensor(batch, 1, 28, 28);
            Tensor w1 = b.tensor(32, 1, 3, 3);
            Tensor b1 = b.tensor(32);
            Tensor y1 = b.tensor(batch, 32, 28, 28);
            Tensor p1 = b.tensor(batch, 32, 14, 14);
            Tensor a1 = b.tensor(batch, 32, 14, 14);
            Tensor w2 = b.tensor(64, 32, 3, 3);
            Tensor b2 = b.tensor(64);
            Tensor y2 = b.tensor(batch, 64, 14, 14);
            Tensor dx2 = b.tensor(batch, 32, 14, 14);
            Tensor dy1 = b.tensor(batch, 32, 28, 28);
            b.fill(x1, 0.5f);
            b.fill(w1, 0.1f);
            b.fill(w2, 0.01f);
            time("conv1 forward (fused bias+ReLU)", rounds, () -> b.conv2d(x1, w1, b1, 1, 1, 1, Activation.RELU, y1));
            time("pool1 forward", rounds, () -> b.maxPool2d(y1, 2, 2, 2, p1, a1));
            java.util.Random random = new java.util.Random(1);
            float[] noise = new float[y1.size()];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = random.nextFloat();
            }
            y1.copyFrom(noise);
            time("pool1 forward, random input", rounds, () -> b.maxPool2d(y1, 2, 2, 2, p1, a1));
            time("conv2 forward (fused bias+ReLU)", rounds, () -> b.conv2d(p1, w2, b2, 1, 1, 1, Activation.RELU, y2));
            time("conv2 dW, db", rounds, () -> b.conv2dBackwardWeights(p1, y2, 1, 1, 1, w2, b2));
            time("conv2 dX", rounds, () -> b.conv2dBackwardInput(y2, w2, 1, 1, 1, dx2));
            time("pool1 backward", rounds, () -> b.maxPool2dBackward(p1, a1, dy1));
            time("conv1 dW, db", rounds, () -> b.conv2dBackwardWeights(x1, dy1, 1, 1, 1, w1, b1));
        }
    }

    private static void time(String what, int rounds, Runnable op) {
        double[] ms = new double[rounds];
        for (int r = -3; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                op.run();
            }
            if (r >= 0) {
                ms[r] = (System.nanoTime() - t0) * 1e-7;
            }
        }
        Arrays.sort(ms);
        System.out.printf("  %-34s %7.3f ms%n", what, ms[rounds / 2]);
    }
}
