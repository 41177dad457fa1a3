package nnj.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.examples.bench.QuickBench;
import nnj.examples.cli.options.QuickBenchOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nnj bench gemm}: GFLOPS of {@code C = op(A)·op(B)} per backend and shape. Each backend is
 * warmed up, then timed over several rounds with the backends interleaved (the order rotates every
 * round), and the median sample is reported.
 */
@Command(name = "gemm", mixinStandardHelpOptions = true,
        description = "Measure GEMM speed (GFLOPS) of one or all backends.")
final class BenchGemmCommand implements Callable<Integer> {
    /** Square 256, 512, 1024, then the 784-256-128-10 MLP's forward shapes at batch 128. */
    static final String[] DEFAULT_SIZES = {"256,256,256", "512,512,512", "1024,1024,1024",
        "128,784,256", "128,256,128", "128,128,10"};

    @Mixin
    QuickBenchOptions target = new QuickBenchOptions();

    @Option(names = "--size", paramLabel = "M,K,N", arity = "1..*",
            description = "Shapes: C is M×N, op(A) M×K, op(B) K×N (default: 256³, 512³, 1024³ and the MLP shapes).")
    List<String> sizes;

    @Option(names = "--trans-a", description = "Use Aᵀ (A stored K×M).")
    boolean transA;

    @Option(names = "--trans-b", description = "Use Bᵀ (B stored N×K).")
    boolean transB;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "5",
            description = "Timed rounds per backend and shape; the median is reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() {
        QuickBenchOptions.requireRounds(rounds);
        int t = target.threads();
        List<int[]> shapes = new ArrayList<>();
        for (String s : sizes == null ? List.of(DEFAULT_SIZES) : sizes) {
            shapes.add(parse(s));
        }
        List<Backend> backends = target.backends(t);
        if (!target.json()) {
            System.out.printf(Locale.ROOT, "GEMM C = %s·%s, %d thread(s), median of %d rounds, Java %s%n",
                    transA ? "Aᵀ" : "A", transB ? "Bᵀ" : "B", t, rounds, System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "%-8s %6s %6s %6s %10s%n", "backend", "M", "K", "N", "GFLOPS");
        }
        for (int[] shape : shapes) {
            double[] gflops = measure(backends, shape[0], shape[1], shape[2]);
            for (int i = 0; i < backends.size(); i++) {
                print(backends.get(i).name(), shape, t, gflops[i]);
            }
        }
        return 0;
    }

    /** "M,K,N" (or MxKxN) to {M, K, N}, each ≥ 1. */
    static int[] parse(String s) {
        String[] parts = s.trim().split("[,xX]");
        if (parts.length != 3) {
            throw new IllegalArgumentException("--size wants M,K,N such as 128,784,256, got '" + s + "'");
        }
        int[] d = new int[3];
        for (int i = 0; i < 3; i++) {
            try {
                d[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--size wants M,K,N as whole numbers, got '" + s + "'");
            }
            if (d[i] < 1) {
                throw new IllegalArgumentException("--size dimensions must be at least 1, got '" + s + "'");
            }
        }
        return d;
    }

    /** The median GFLOPS of each backend on one shape, rounds interleaved across backends. */
    private double[] measure(List<Backend> backends, int m, int k, int n) {
        Random r = new Random(42);
        float[] a = random(m * k, r);
        float[] b = random(k * n, r);
        List<Runnable> calls = new ArrayList<>();
        for (Backend be : backends) {
            Tensor at = transA ? be.fromArray(a, k, m) : be.fromArray(a, m, k);
            Tensor bt = transB ? be.fromArray(b, n, k) : be.fromArray(b, k, n);
            Tensor c = be.tensor(m, n);
            calls.add(() -> be.gemm(transA, transB, 1f, at, bt, 0f, c));
        }
        int[] reps = QuickBench.warmUpAndSize(calls, QuickBench.Warmup.UNTIL_STABLE, 200_000_000L);
        double[][] nanos = QuickBench.interleave(calls, reps, rounds);
        double flops = 2.0 * m * n * k;
        double[] out = new double[calls.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = QuickBench.median(flopsPerNano(flops, nanos[i]));
        }
        return out;
    }

    private static double[] flopsPerNano(double flops, double[] nanosPerCall) {
        double[] g = new double[nanosPerCall.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = flops / nanosPerCall[i];
        }
        return g;
    }

    private static float[] random(int n, Random r) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private void print(String name, int[] s, int t, double gflops) {
        if (target.json()) {
            System.out.printf(Locale.ROOT,
                    "{\"backend\":\"%s\",\"m\":%d,\"k\":%d,\"n\":%d,\"transA\":%b,\"transB\":%b,\"threads\":%d,\"gflops\":%.2f}%n",
                    name, s[0], s[1], s[2], transA, transB, t, gflops);
        } else {
            System.out.printf(Locale.ROOT, "%-8s %6d %6d %6d %10.2f%n", name, s[0], s[1], s[2], gflops);
        }
        System.out.flush();
    }
}
