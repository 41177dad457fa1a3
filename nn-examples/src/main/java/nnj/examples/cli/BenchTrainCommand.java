package nnj.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nnj.api.backend.Backend;
import nnj.api.train.Trainer;
import nnj.examples.bench.TrainStep;
import nnj.examples.bench.QuickBench;
import nnj.examples.cli.options.QuickBenchOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nnj bench train}: training-step throughput (samples/s) of the 784-256-128-10 ReLU MLP with
 * softmax cross-entropy and Adam (lr 1e-3), on synthetic MNIST-shaped data, using nnj's real layers.
 * A step is what the trainer does per batch ({@link TrainStep}): gather the batch rows, forward,
 * loss, backward, Adam. Backends are interleaved over rounds and the median round is reported.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Measure training-step throughput (samples/s) of the 784-256-128-10 MLP (or, with --arch cnn,"
                + " the CNN preset on 1×28×28 images) with Adam.")
final class BenchTrainCommand implements Callable<Integer> {
    /** Rows of synthetic data the batches are gathered from (like an MNIST-sized array, smaller). */
    static final int DATA_ROWS = 8192;

    @Mixin
    QuickBenchOptions target = new QuickBenchOptions();

    @Option(names = "--batch-size", paramLabel = "B", arity = "1..*",
            description = "Batch sizes (default: 32 128 512).")
    List<Integer> batchSizes;

    @Option(names = "--arch", paramLabel = "mlp|cnn", defaultValue = "mlp",
            description = "The net: mlp (784-256-128-10) or cnn (the --arch cnn preset on 1×28×28 images, the net of"
                    + " /work/shared/tools/torch-cnn) (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "7",
            description = "Timed rounds per backend and batch size; the median is reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "0.5",
            description = "Approximate length of one timed round, in seconds (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--phases",
            description = "Also time each phase of the step (gather, forward, loss, backward, optimizer): median"
                    + " microseconds per step over the rounds, from rounds of their own.")
    boolean phases;

    @Override
    public Integer call() {
        QuickBenchOptions.requireRounds(rounds);
        int t = target.threads();
        List<Integer> batches = batchSizes == null ? List.of(32, 128, 512) : batchSizes;
        for (int b : batches) {
            if (b < 1 || b > DATA_ROWS) {
                throw new IllegalArgumentException("--batch-size must be between 1 and " + DATA_ROWS + ", got " + b);
            }
        }
        boolean cnn = arch.trim().equalsIgnoreCase("cnn");
        if (!cnn && !arch.trim().equalsIgnoreCase("mlp")) {
            throw new IllegalArgumentException("bench train --arch takes mlp or cnn, got '" + arch + "'");
        }
        List<Backend> backends = target.backends(t);
        if (!target.json()) {
            System.out.printf(Locale.ROOT, "Training step, %s, Adam, %d thread(s), median of %d rounds, Java %s%n",
                    cnn ? "CNN conv32-pool-conv64-pool-dense128-10 on 1×28×28" : "784-256-128-10 MLP", t, rounds, System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "%-8s %6s %14s%n", "backend", "batch", "samples/s");
        }
        for (int batch : batches) {
            List<TrainStep> trainSteps = new ArrayList<>();
            List<Runnable> steps = new ArrayList<>();
            for (Backend b : backends) {
                TrainStep step = cnn ? TrainStep.cnn(b, batch, DATA_ROWS, 7) : TrainStep.mlp(b, batch, DATA_ROWS, 7);
                trainSteps.add(step);
                steps.add(step::step);
            }
            // at least 20 steps of warm-up: a step is short, and C2 must have seen the whole of it
            int[] reps = QuickBench.warmUpAndSize(steps, QuickBench.Warmup.UNTIL_STABLE.atLeast(20),
                    (long) (seconds * 1e9));
            double[][] nanos = QuickBench.interleave(steps, reps, rounds);
            for (int i = 0; i < steps.size(); i++) {
                double[] rates = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    rates[r] = batch * 1e9 / nanos[i][r];
                }
                print(backends.get(i).name(), cnn ? "cnn" : "mlp", batch, t, QuickBench.median(rates));
            }
            if (phases) {
                double[][][] micros = timePhases(trainSteps, reps);
                for (int i = 0; i < trainSteps.size(); i++) {
                    printPhases(backends.get(i).name(), cnn ? "cnn" : "mlp", batch, t, micros[i]);
                }
            }
        }
        return 0;
    }

    /**
     * Microseconds per step of each phase, [backend][phase][round]: rounds of their own, the
     * backends in rotated order within a round, as for the throughput.
     */
    private double[][][] timePhases(List<TrainStep> steps, int[] reps) {
        int phaseCount = Trainer.STEP_PHASES.size();
        double[][][] micros = new double[steps.size()][phaseCount][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int s = 0; s < steps.size(); s++) {
                int i = QuickBench.rotated(s, r, steps.size());
                long[] nanos = new long[phaseCount];
                for (int q = 0; q < reps[i]; q++) {
                    steps.get(i).timedStep(nanos);
                }
                for (int p = 0; p < phaseCount; p++) {
                    micros[i][p][r] = nanos[p] / 1e3 / reps[i];
                }
            }
        }
        return micros;
    }

    private void printPhases(String name, String model, int batch, int t, double[][] micros) {
        StringBuilder text = new StringBuilder();
        StringBuilder json = new StringBuilder();
        for (int p = 0; p < micros.length; p++) {
            double median = QuickBench.median(micros[p]);
            String phase = Trainer.STEP_PHASES.get(p);
            text.append(String.format(Locale.ROOT, " %s %.1f", phase, median));
            json.append(String.format(Locale.ROOT, "%s\"%s\":%.1f", p == 0 ? "" : ",", phase, median));
        }
        emit(name, model, batch, t, "\"phase_us\":{" + json + "}",
                String.format(Locale.ROOT, "%-8s %6d   µs per step:%s", name, batch, text));
    }

    private void print(String name, String model, int batch, int t, double rate) {
        emit(name, model, batch, t, String.format(Locale.ROOT, "\"samples_per_s\":%.1f", rate),
                String.format(Locale.ROOT, "%-8s %6d %14.1f", name, batch, rate));
    }

    /** One result line: a JSON object (the run's keys, then {@code jsonFields}) with --json, else {@code text}. */
    private void emit(String name, String model, int batch, int t, String jsonFields, String text) {
        if (target.json()) {
            System.out.printf(Locale.ROOT, "{\"backend\":\"%s\",\"model\":\"%s\",\"batch\":%d,\"threads\":%d,%s}%n",
                    name, model, batch, t, jsonFields);
        } else {
            System.out.println(text);
        }
        System.out.flush();
    }
}
