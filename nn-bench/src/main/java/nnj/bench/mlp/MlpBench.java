package nnj.bench.mlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
import nnj.bench.BenchBackends;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 784-256-128-10 ReLU MLP built from nnj's own layers: one training step exactly as
 * {@code Trainer} runs it (gather the batch, forward, softmax cross-entropy, backward, Adam) and one
 * inference pass, per batch size. The report divides the batch by the time per call to get samples
 * per second; {@code -prof gc} gives the bytes allocated per step.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// A cold SIMD step can take seconds until C2 has compiled the Vector API code: warm up long.
@Warmup(iterations = 5, time = 800, timeUnit = TimeUnit.MILLISECONDS)
public class MlpBench {
    /** Batches in the synthetic data set, so consecutive steps see different data, as in an epoch. */
    private static final int BATCHES = 8;

    @Param({"naive"})
    public String backend;

    @Param({"1"})
    public int threads;

    @Param({"32", "128", "512"})
    public int batch;

    private Sequential model;
    private Loss loss;
    private Optimizer optimizer;
    private BatchLoader loader;
    private int next;

    @Setup
    public void setUp() {
        Backend be = BenchBackends.open(backend, threads);
        model = mnistMlp().initialize(42).on(be);
        model.setInputGradientNeeded(false); // as Trainer does: the first layer computes no dX
        loss = Losses.softmaxCrossEntropy();
        optimizer = new Adam(1e-3f);
        optimizer.attach(model.parameters());
        loader = new BatchLoader(be, syntheticMnist(batch * BATCHES, new Random(5)), batch);
        loader.load(0);
    }

    /** 784-256-128-10 with ReLU; He initialisation is the default before ReLU. */
    public static Sequential mnistMlp() {
        return Sequential.of(new Dense(784, 256), new ReLU(), new Dense(256, 128), new ReLU(), new Dense(128, 10));
    }

    /** MNIST-shaped random data: pixels in [0, 1), labels uniform over 10 classes. */
    static Dataset syntheticMnist(int n, Random random) {
        float[] x = new float[n * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        int[] y = new int[n];
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            classes.add(String.valueOf(c));
        }
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(10);
        }
        return Dataset.classification("synthetic-mnist", x, new int[] {784}, y, classes);
    }

    @Benchmark
    public double trainStep() {
        loader.load(next);
        next = (next + 1) % BATCHES;
        Tensor out = model.forward(loader.features(), Mode.TRAIN);
        double value = loss.forward(out, loader.targets());
        model.backward(loss.gradient());
        optimizer.step();
        return value;
    }

    @Benchmark
    public Tensor inference() {
        return model.forward(loader.features(), Mode.EVAL);
    }
}
