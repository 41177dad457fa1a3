package nnj.bench.kernels;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.backend.FusedUpdates;
import nnj.api.optim.Adam;
import nnj.bench.BenchBackends;
import nnj.bench.mlp.MlpShape;
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
 * One Adam update of every parameter of the 784-256-128-10 MLP (235,146 floats), through the
 * backend's {@code adamUpdate}. The report gives parameters per nanosecond.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class AdamBench {
    @Param({"naive"})
    public String backend;

    @Param({"1"})
    public int threads;

    private Backend be;
    private Tensor[] params;
    private Tensor[] grads;
    private Tensor[] m;
    private Tensor[] v;
    private Tensor[] scratch;

    @Setup
    public void setUp() {
        be = BenchBackends.open(backend, threads);
        int[][] shapes = MlpShape.MNIST.parameterShapes();
        Random random = new Random(3);
        int count = shapes.length;
        params = new Tensor[count];
        grads = new Tensor[count];
        m = new Tensor[count];
        v = new Tensor[count];
        scratch = new Tensor[count];
        for (int i = 0; i < count; i++) {
            params[i] = BenchBackends.random(be, random, shapes[i]);
            grads[i] = BenchBackends.random(be, random, shapes[i]);
            m[i] = be.tensor(shapes[i]);
            v[i] = be.tensor(shapes[i]);
            scratch[i] = be.tensor(shapes[i]);
        }
    }

    @Benchmark
    public Tensor adamUpdate() {
        // lr 1e-3 at step 10, bias corrections folded in as the SPI describes; the values stay
        // finite however often it runs because v only grows towards grad².
        for (int i = 0; i < params.length; i++) {
            if (be instanceof FusedUpdates) { // what Adam runs: the backend's fused kernel, else its reference math
                ((FusedUpdates) be).adamUpdate(params[i], grads[i], m[i], v[i], 0.9f, 0.999f, 1e-3f, 1e-8f, 0f, 1f,
                        scratch[i]);
            } else {
                Adam.referenceUpdate(be, params[i], grads[i], m[i], v[i], 0.9f, 0.999f, 1e-3f, 1e-8f, 0f, 1f, scratch[i]);
            }
        }
        return params[0];
    }
}
