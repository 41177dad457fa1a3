package nnj.bench.kernels;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.backend.BinaryOp;
import nnj.api.backend.UnaryOp;
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
 * The memory-bound kernels of a training step on an activation-sized matrix: activations and their
 * derivatives, element-wise arithmetic, the bias broadcast and its gradient (a column sum), and row
 * softmax. The report gives elements per nanosecond (rows·cols / t).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 400, timeUnit = TimeUnit.MILLISECONDS)
public class ElementwiseBench {
    @Param({"naive"})
    public String backend;

    @Param({"1"})
    public int threads;

    /** rows×cols: layer 1's activations at batch 128, and an input-sized batch of 512. */
    @Param({"128x256", "512x784"})
    public String size;

    @Param({"relu", "reluBackward", "sigmoid", "tanh", "exp", "add", "mul", "axpby",
            "addRowVector", "sumColumns", "softmaxRows"})
    public String op;

    private Backend be;
    private Tensor x;
    private Tensor y;
    private Tensor out;
    private Tensor rowVector;
    private Runnable kernel;

    @Setup
    public void setUp() {
        be = BenchBackends.open(backend, threads);
        int[] rc = BenchBackends.dims(size);
        Random random = new Random(7);
        x = BenchBackends.random(be, random, rc[0], rc[1]);
        y = BenchBackends.random(be, random, rc[0], rc[1]);
        out = be.tensor(rc[0], rc[1]);
        rowVector = BenchBackends.random(be, random, rc[1]);
        kernel = kernelFor(op);
    }

    /** One closure per op, chosen once, so the measured call is the kernel and nothing else. */
    private Runnable kernelFor(String name) {
        switch (name) {
            case "relu": return () -> be.unary(UnaryOp.RELU, x, out);
            case "reluBackward": return () -> be.binary(BinaryOp.RELU_BACKWARD, x, y, out);
            case "sigmoid": return () -> be.unary(UnaryOp.SIGMOID, x, out);
            case "tanh": return () -> be.unary(UnaryOp.TANH, x, out);
            case "exp": return () -> be.unary(UnaryOp.EXP, x, out);
            case "add": return () -> be.binary(BinaryOp.ADD, x, y, out);
            case "mul": return () -> be.binary(BinaryOp.MUL, x, y, out);
            // out = 0.5·x + 0.5·out keeps the values bounded however often it runs
            case "axpby": return () -> be.axpby(0.5f, x, 0.5f, out);
            case "addRowVector": return () -> be.addRowVector(x, rowVector, out);
            case "sumColumns": return () -> be.sumColumns(x, 0f, rowVector);
            case "softmaxRows": return () -> be.softmaxRows(x, out);
            default: throw new IllegalArgumentException("unknown op '" + name + "' for ElementwiseBench");
        }
    }

    @Benchmark
    public Tensor kernel() {
        kernel.run();
        return out;
    }
}
