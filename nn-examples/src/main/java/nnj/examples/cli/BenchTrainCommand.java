package nnj.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.layers.Dense;
import nnj.api.layers.Mode;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.api.loss.Loss;
import nnj.api.loss.Losses;
import nnj.api.optim.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nnj bench train}: training-step throughput (samples/s) of the 784-256-128-10 ReLU MLP with
 * softmax cross-entropy and Adam (lr 1e-3), on synthetic MNIST-shaped data, using nnj's real layers.
 * A step is what the trainer does per batch: gather the batch rows, forward, loss, backward, Adam.
 * Backends are interleaved over rounds and the median round is reported.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Measure training-step throughput (samples/s) of the 784-256-128-10 MLP with Adam.")
final class BenchTrainCommand implements Callable<Integer> {
    static final int[] WIDTHS = {784, 256, 128, 10};
    /** Rows of synthetic data the batches are gathered from (like an MNIST-sized array, smaller). */
    static final int DATA_ROWS = 8192;

    @Option(names = "--backend", paramLabel = "NAME|all", defaultValue = "all",
            description = "A backend name, or all supported backends (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--batch-size", paramLabel = "B", arity = "1..*",
            description = "Batch sizes (default: 32 128 512).")
    List<Integer> batchSizes;

    @Option(names = "--threads", paramLabel = "T",
            description = "Threads per backend (default: the available processors).")
    Integer threads;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "7",
            description = "Timed rounds per backend and batch size; the median is reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "0.5",
            description = "Approximate length of one timed round, in seconds (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--json", description = "Print one JSON object per line instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        BenchSupport.requireRounds(rounds);
        int t = BenchSupport.threads(threads);
        List<Integer> batches = batchSizes == null ? List.of(32, 128, 512) : batchSizes;
        for (int b : batches) {
            if (b < 1 || b > DATA_ROWS) {
                throw new IllegalArgumentException("--batch-size must be between 1 and " + DATA_ROWS + ", got " + b);
            }
        }
        List<Backend> backends = BenchSupport.backends(backend);
        for (Backend b : backends) {
            b.setThreads(t);
        }
        if (!json) {
            System.out.printf(Locale.ROOT, "Training step, 784-256-128-10 MLP, Adam, %d thread(s), median of %d rounds, Java %s%n",
                    t, rounds, System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "%-8s %6s %14s%n", "backend", "batch", "samples/s");
        }
        for (int batch : batches) {
            List<Session> sessions = new ArrayList<>();
            for (Backend b : backends) {
                sessions.add(new Session(b, batch));
            }
            double[] rates = measure(sessions);
            for (int i = 0; i < sessions.size(); i++) {
                print(backends.get(i).name(), batch, t, rates[i]);
            }
        }
        return 0;
    }

    /** Median samples/s per session, rounds interleaved across backends. */
    private double[] measure(List<Session> sessions) {
        int count = sessions.size();
        int[] steps = new int[count];
        for (int i = 0; i < count; i++) {
            Session s = sessions.get(i);
            long one = warmUp(s);
            steps[i] = BenchSupport.repetitions(one, (long) (seconds * 1e9));
        }
        double[][] samples = new double[count][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int j = 0; j < count; j++) {
                int i = BenchSupport.rotated(j, round, count);
                Session s = sessions.get(i);
                long t0 = System.nanoTime();
                for (int k = 0; k < steps[i]; k++) {
                    s.step();
                }
                samples[i][round] = (double) steps[i] * s.batch / ((System.nanoTime() - t0) / 1e9);
            }
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = BenchSupport.median(samples[i]);
        }
        return out;
    }

    /**
     * Runs steps until their speed stops improving and returns the best time of one step: windows
     * of 0.25 s, at least 1 s and 20 steps, at most 30 s; it ends when a window is no more than 5%
     * faster than the one before. (Vector API code runs slowly under C1 until C2 compiles it,
     * which can take seconds on a busy machine.)
     */
    private static long warmUp(Session s) {
        long start = System.nanoTime();
        long best = Long.MAX_VALUE;
        double previousRate = 0;
        int total = 0;
        while (true) {
            long windowStart = System.nanoTime();
            int steps = 0;
            do {
                long t0 = System.nanoTime();
                s.step();
                best = Math.min(best, System.nanoTime() - t0);
                steps++;
            } while (System.nanoTime() - windowStart < 250_000_000L);
            total += steps;
            double rate = steps / ((System.nanoTime() - windowStart) / 1e9);
            long elapsed = System.nanoTime() - start;
            if (elapsed > 30_000_000_000L
                    || (elapsed > 1_000_000_000L && total >= 20 && rate <= previousRate * 1.05)) {
                return best;
            }
            previousRate = rate;
        }
    }

    private void print(String name, int batch, int t, double rate) {
        if (json) {
            System.out.printf(Locale.ROOT, "{\"backend\":\"%s\",\"batch\":%d,\"threads\":%d,\"samples_per_s\":%.1f}%n",
                    name, batch, t, rate);
        } else {
            System.out.printf(Locale.ROOT, "%-8s %6d %14.1f%n", name, batch, rate);
        }
        System.out.flush();
    }

    /** One backend's model, optimizer, loss and data, and the training step on them. */
    static final class Session {
        final int batch;
        private final Backend backend;
        private final Sequential model;
        private final Loss loss = Losses.softmaxCrossEntropy();
        private final Adam adam = new Adam(1e-3f);
        private final Tensor features;
        private final Tensor labels;
        private final Tensor x;
        private final Tensor y;
        private final int[] order = new int[DATA_ROWS];
        private int next;

        Session(Backend backend, int batch) {
            this.backend = backend;
            this.batch = batch;
            model = Sequential.of(new Dense(WIDTHS[0], WIDTHS[1]), new ReLU(),
                    new Dense(WIDTHS[1], WIDTHS[2]), new ReLU(), new Dense(WIDTHS[2], WIDTHS[3]));
            model.initialize(42);
            model.to(backend);
            adam.attach(model.parameters());
            Random r = new Random(7);
            float[] f = new float[DATA_ROWS * WIDTHS[0]];
            for (int i = 0; i < f.length; i++) {
                f[i] = r.nextFloat(); // like MNIST pixels scaled to [0, 1)
            }
            float[] l = new float[DATA_ROWS * WIDTHS[3]];
            for (int i = 0; i < DATA_ROWS; i++) {
                l[i * WIDTHS[3] + r.nextInt(WIDTHS[3])] = 1f;
                order[i] = i;
            }
            features = backend.fromArray(f, DATA_ROWS, WIDTHS[0]);
            labels = backend.fromArray(l, DATA_ROWS, WIDTHS[3]);
            x = backend.tensor(batch, WIDTHS[0]);
            y = backend.tensor(batch, WIDTHS[3]);
        }

        /** Gather a batch, forward, loss, backward, Adam: one trainer step. */
        void step() {
            if (next + batch > DATA_ROWS) {
                next = 0;
            }
            backend.gatherRows(features, order, next, x);
            backend.gatherRows(labels, order, next, y);
            next += batch;
            Tensor out = model.forward(x, Mode.TRAIN);
            loss.forward(out, y);
            model.backward(loss.gradient());
            adam.step();
        }
    }
}
