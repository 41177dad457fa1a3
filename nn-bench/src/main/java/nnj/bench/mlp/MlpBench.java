package nnj.bench.mlp;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.bench.BenchBackends;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The 784-256-128-10 ReLU MLP: one full training step (forward, softmax cross-entropy, backward,
 * Adam) and one inference pass, per batch. The report divides the batch by the time per call to get
 * samples per second; {@code -prof gc} gives the bytes allocated per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MlpBench {
    @Param({"naive"})
    public String backend;

    @Param({"1"})
    public int threads;

    @Param({"32", "128", "512"})
    public int batch;

    private KernelMlp model;

    @Setup
    public void setUp() {
        Backend be = BenchBackends.open(backend, threads);
        model = new KernelMlp(be, MlpShape.MNIST, batch, 1e-3f, 42);
        float[] inputs = new float[batch * MlpShape.MNIST.inputs()];
        int[] labels = new int[batch];
        KernelMlp.syntheticBatch(new Random(5), inputs, labels, MlpShape.MNIST.classes());
        model.load(inputs, labels);
    }

    @Benchmark
    public double trainStep() {
        return model.trainStep();
    }

    @Benchmark
    public Tensor inference() {
        return model.forward();
    }
}
