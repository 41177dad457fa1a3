package nnj.bench.kernels;

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
import org.openjdk.jmh.annotations.Warmup;

/** The fused softmax cross-entropy (loss and gradient) on batch × 10 logits, as MNIST training runs it. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 400, timeUnit = TimeUnit.MILLISECONDS)
public class LossBench {
    @Param({"naive"})
    public String backend;

    @Param({"1"})
    public int threads;

    /** Rows of logits (the batch size); named apart from MlpBench's batch so a profile can set each. */
    @Param({"32", "128", "512"})
    public int rows;

    @Param({"10"})
    public int classes;

    private Backend be;
    private Tensor logits;
    private Tensor target;
    private Tensor grad;
    private Tensor rowWork;

    @Setup
    public void setUp() {
        be = BenchBackends.open(backend, threads);
        Random random = new Random(11);
        logits = BenchBackends.random(be, random, rows, classes);
        float[] oneHot = new float[rows * classes];
        for (int i = 0; i < rows; i++) {
            oneHot[i * classes + random.nextInt(classes)] = 1f;
        }
        target = be.fromArray(oneHot, rows, classes);
        grad = be.tensor(rows, classes);
        rowWork = be.tensor(rows);
    }

    @Benchmark
    public double softmaxCrossEntropy() {
        return be.softmaxCrossEntropy(logits, target, grad, rowWork);
    }
}
