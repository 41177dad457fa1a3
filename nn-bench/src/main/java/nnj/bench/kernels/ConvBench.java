package nnj.bench.kernels;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import nnj.api.Tensor;
import nnj.api.backend.Activation;
import nnj.api.backend.Backend;
import nnj.api.backend.BinaryOp;
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
 * The two convolutions of {@code --arch cnn} on a batch, through the backend's image primitives:
 * forward (with bias and fused ReLU), the input gradient and the weight and bias gradients. Layer
 * "conv1" is 1→32 channels on 28×28, "conv2" 32→64 on 14×14, both 3×3 with padding 1. The memory
 * passes around each layer are here too: its 2×2 max pool forward and backward, and the ReLU
 * backward on its output (in a CNN step these took more time than the convolutions' GEMMs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class ConvBench {
    @Param({"naive"})
    public String backend;

    @Param({"1"})
    public int threads;

    @Param({"64"})
    public int batch;

    @Param({"conv1", "conv2"})
    public String layer;

    private Backend be;
    private Tensor x;
    private Tensor w;
    private Tensor b;
    private Tensor y;
    private Tensor dy;
    private Tensor dx;
    private Tensor dw;
    private Tensor db;
    private Tensor pooled;
    private Tensor argmax;
    private Tensor dPooled;
    private Tensor dPool;

    @Setup
    public void setUp() {
        be = BenchBackends.open(backend, threads);
        boolean first = layer.equals("conv1");
        int in = first ? 1 : 32;
        int out = first ? 32 : 64;
        int side = first ? 28 : 14;
        Random random = new Random(5);
        x = BenchBackends.random(be, random, batch, in, side, side);
        w = BenchBackends.random(be, random, out, in, 3, 3);
        b = BenchBackends.random(be, random, out);
        dy = BenchBackends.random(be, random, batch, out, side, side);
        y = be.tensor(batch, out, side, side);
        dx = be.tensor(batch, in, side, side);
        dw = be.tensor(out, in, 3, 3);
        db = be.tensor(out);
        pooled = be.tensor(batch, out, side / 2, side / 2);
        argmax = be.tensor(batch, out, side / 2, side / 2);
        dPooled = BenchBackends.random(be, random, batch, out, side / 2, side / 2);
        dPool = be.tensor(batch, out, side, side);
        be.conv2d(x, w, b, 1, 1, 1, Activation.RELU, y); // pooling and ReLU backward read a real output
        be.maxPool2d(y, 2, 2, 2, pooled, argmax);
    }

    @Benchmark
    public Tensor forward() {
        be.conv2d(x, w, b, 1, 1, 1, Activation.RELU, y);
        return y;
    }

    @Benchmark
    public Tensor backwardInput() {
        be.conv2dBackwardInput(dy, w, 1, 1, 1, dx);
        return dx;
    }

    @Benchmark
    public Tensor maxPool() {
        be.maxPool2d(y, 2, 2, 2, pooled, argmax);
        return pooled;
    }

    @Benchmark
    public Tensor maxPoolBackward() {
        be.maxPool2dBackward(dPooled, argmax, dPool);
        return dPool;
    }

    @Benchmark
    public Tensor reluBackward() {
        be.binary(BinaryOp.RELU_BACKWARD, y, dy, dPool);
        return dPool;
    }

    @Benchmark
    public Tensor backwardWeights() {
        be.conv2dBackwardWeights(x, dy, 1, 1, 1, dw, db);
        return dw;
    }
}
