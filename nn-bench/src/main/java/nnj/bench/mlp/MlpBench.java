package nnj.bench.mlp;

import java.util.concurrent.TimeUnit;
import nnj.api.Tensor;
import nnj.bench.BenchBackends;
import nnj.examples.bench.TrainStep;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 784-256-128-10 ReLU MLP built from nnj's own layers: one training step exactly as
 * {@code Trainer} runs it ({@link TrainStep}, the step {@code nnj bench train} times too: gather
 * the batch, forward, softmax cross-entropy, backward, Adam) and one inference pass, per batch size.
 * The report divides the batch by the time per call to get samples per second; {@code -prof gc}
 * gives the bytes allocated per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
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

    private TrainStep step;

    @Setup
    public void setUp() {
        step = TrainStep.mlp(BenchBackends.open(backend, threads), batch, batch * BATCHES, 5);
    }

    @Benchmark
    public double trainStep() {
        return step.step();
    }

    @Benchmark
    public Tensor inference() {
        return step.infer();
    }
}
