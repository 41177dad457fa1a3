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

/**
 * {@code C = op(A)·op(B)} for square sizes and the shapes a 784-256-128-10 MLP runs at batch 128,
 * in every transpose variant. The report turns the time per call into GFLOPS = 2·m·k·n / t.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class GemmBench {
    /** Filled at run time by {@code BenchMain} with every supported backend. */
    @Param({"naive"})
    public String backend;

    @Param({"1"})
    public int threads;

    /**
     * "m×k×n:XY": op(A) is m×k, op(B) is k×n, and X, Y are N or T for transA, transB. The defaults
     * are the squares and the MLP's own products; profiles pass every transpose variant
     * ({@link GemmShapes}).
     */
    @Param({"256x256x256:NN", "512x512x512:NN", "1024x1024x1024:NN",
            "128x784x256:NN", "128x256x128:NN", "784x128x256:TN", "128x128x256:NT"})
    public String gemm;

    private Backend be;
    private boolean transA;
    private boolean transB;
    private Tensor a;
    private Tensor b;
    private Tensor c;

    @Setup
    public void setUp() {
        be = BenchBackends.open(backend, threads);
        GemmShapes.Spec spec = GemmShapes.parse(gemm);
        int m = spec.m();
        int k = spec.k();
        int n = spec.n();
        transA = spec.transA();
        transB = spec.transB();
        Random random = new Random(42);
        a = transA ? BenchBackends.random(be, random, k, m) : BenchBackends.random(be, random, m, k);
        b = transB ? BenchBackends.random(be, random, n, k) : BenchBackends.random(be, random, k, n);
        c = be.tensor(m, n);
    }

    @Benchmark
    public Tensor gemm() {
        be.gemm(transA, transB, 1f, a, b, 0f, c);
        return c;
    }
}
