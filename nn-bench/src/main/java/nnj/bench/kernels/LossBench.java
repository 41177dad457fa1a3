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

/** The fused softmax cross-entropy (loss and gradient) on batch × 10 logits, as MNIST training runs it. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LossBench {
    @Param({"naive"})
    public String backend;

    @Param({"1"})
    public int threads;

    @Param({"32", "128", "512"})
    public int batch;

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
        logits = BenchBackends.random(be, random, batch, classes);
        float[] oneHot = new float[batch * classes];
        for (int i = 0; i < batch; i++) {
            oneHot[i * classes + random.nextInt(classes)] = 1f;
        }
        target = be.fromArray(oneHot, batch, classes);
        grad = be.tensor(batch, classes);
        rowWork = be.tensor(batch);
    }

    @Benchmark
    public double softmaxCrossEntropy() {
        return be.softmaxCrossEntropy(logits, target, grad, rowWork);
    }
}
