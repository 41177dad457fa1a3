package nnj.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.data.Dataset;
import nnj.api.layers.Dense;
import nnj.api.layers.Mode;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.api.loss.Loss;
import nnj.api.loss.Losses;
import nnj.api.optim.Adam;
import nnj.api.optim.Optimizer;
import nnj.api.train.BatchLoader;
import nnj.api.train.Trainer;
import nnj.examples.run.ArchSpec;

/**
 * The benchmarked training step: a model ({@link #mlp}: the 784-256-128-10 ReLU MLP; {@link #cnn}:
 * the {@code --arch cnn} preset) with softmax cross-entropy and Adam (lr 1e-3) on synthetic
 * MNIST-shaped data, one step being exactly what the trainer runs per batch
 * ({@link Trainer#step}: gather the batch, forward, loss, backward, Adam). Consecutive steps walk
 * through the full batches of the data and start again, as epochs do. Shared by
 * {@code ./nnj bench train} and nn-bench's JMH {@code MlpBench}.
 */
public final class TrainStep {
    /** Layer widths: 784 inputs, hidden layers of 256 and 128, 10 classes. */
    private static final int[] WIDTHS = {784, 256, 128, 10};

    private final Sequential model;
    private final Loss loss = Losses.softmaxCrossEntropy();
    private final Optimizer optimizer = new Adam(1e-3f);
    private final BatchLoader loader;
    private final int fullBatches;
    private int next;

    /**
     * {@code model} (initialised from seed 42) on {@code backend}, trained on {@code rows} synthetic
     * MNIST-shaped samples drawn from {@code dataSeed}.
     */
    public TrainStep(Sequential model, Backend backend, int batch, int rows, long dataSeed) {
        if (batch < 1 || batch > rows) {
            throw new IllegalArgumentException("the batch size must be between 1 and " + rows + ", got " + batch);
        }
        this.model = model.initialize(42).on(backend);
        this.model.setInputGradientNeeded(false); // as the trainer does: the first layer computes no dX
        optimizer.attach(this.model.parameters());
        loader = new BatchLoader(backend, syntheticMnist(rows, new Random(dataSeed)), batch);
        fullBatches = rows / batch;
        loader.load(0);
    }

    /** The 784-256-128-10 MLP's step (what {@code nnj bench train} and JMH's MlpBench time). */
    public static TrainStep mlp(Backend backend, int batch, int rows, long dataSeed) {
        return new TrainStep(mnistMlp(), backend, batch, rows, dataSeed);
    }

    /**
     * The {@code --arch cnn} preset's step on 1×28×28 images (conv 3×3 32 same + ReLU, max pool 2,
     * conv 3×3 64 same + ReLU, max pool 2, dense 128 + ReLU, dense 10): the same net as
     * {@code /work/shared/tools/torch-cnn}.
     */
    public static TrainStep cnn(Backend backend, int batch, int rows, long dataSeed) {
        return new TrainStep(mnistCnn(), backend, batch, rows, dataSeed);
    }

    /** The {@code --arch cnn} preset for 28×28 grey images and 10 classes. */
    public static Sequential mnistCnn() {
        return Sequential.of(ArchSpec.parse("cnn").layers(1, 28, 28, 10, "relu", 0f));
    }

    /** 784-256-128-10 with ReLU; He initialisation is the default before ReLU. */
    public static Sequential mnistMlp() {
        return Sequential.of(new Dense(WIDTHS[0], WIDTHS[1]), new ReLU(), new Dense(WIDTHS[1], WIDTHS[2]), new ReLU(),
                new Dense(WIDTHS[2], WIDTHS[3]));
    }

    /** MNIST-shaped random data: pixels in [0, 1), labels uniform over 10 classes. */
    public static Dataset syntheticMnist(int n, Random random) {
        float[] x = new float[n * WIDTHS[0]];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        int classes = WIDTHS[WIDTHS.length - 1];
        int[] y = new int[n];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(String.valueOf(c));
        }
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(classes);
        }
        return Dataset.classification("synthetic-mnist", x, new int[] {WIDTHS[0]}, y, names);
    }

    /** One training step on the next full batch; returns its mean loss. */
    public double step() {
        double value = Trainer.step(model, loss, loader, next, optimizer);
        next = (next + 1) % fullBatches;
        return value;
    }

    /**
     * One step as {@link #step}, adding each phase's nanoseconds to {@code nanos}, one slot per
     * {@link Trainer#STEP_PHASES} entry (Trainer.step with phase timings).
     */
    public double timedStep(long[] nanos) {
        double value = Trainer.step(model, loss, loader, next, optimizer, nanos);
        next = (next + 1) % fullBatches;
        return value;
    }

    /** The model's parameter values, in order (for tests comparing two runs). */
    public float[][] parameterValues() {
        return model.parameters().stream().map(p -> p.value().toArray()).toArray(float[][]::new);
    }

    /** The forward pass in evaluation mode on the last batch loaded. */
    public Tensor infer() {
        return model.forward(loader.features(), Mode.EVAL);
    }

    /** Samples per step. */
    public int batch() {
        return loader.batchSize();
    }
}
