package nnj.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import picocli.CommandLine.Command;
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

    @Option(names = "--backend", paramLabel = "NAME|all", defaultValue = "all",
            description = "A backend name, or all supported backends (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--size", paramLabel = "M,K,N", arity = "1..*",
            description = "Shapes: C is M×N, op(A) M×K, op(B) K×N (default: 256³, 512³, 1024³ and the MLP shapes).")
    List<String> sizes;

    @Option(names = "--threads", paramLabel = "T",
            description = "Threads per backend (default: the available processors).")
    Integer threads;

    @Option(names = "--trans-a", description = "Use Aᵀ (A stored K×M).")
    boolean transA;

    @Option(names = "--trans-b", description = "Use Bᵀ (B stored N×K).")
    boolean transB;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "5",
            description = "Timed rounds per backend and shape; the median is reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--json", description = "Print one JSON object per line instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        BenchSupport.requireRounds(rounds);
        int t = BenchSupport.threads(threads);
        List<int[]> shapes = new ArrayList<>();
        for (String s : sizes == null ? List.of(DEFAULT_SIZES) : sizes) {
            shapes.add(parse(s));
        }
        List<Backend> backends = BenchSupport.backends(backend);
        for (Backend b : backends) {
            b.setThreads(t);
        }
        if (!json) {
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
        int count = backends.size();
        Tensor[][] abc = new Tensor[count][];
        int[] reps = new int[count];
        Random r = new Random(42);
        float[] a = random(m * k, r);
        float[] b = random(k * n, r);
        for (int i = 0; i < count; i++) {
            Backend be = backends.get(i);
            Tensor at = transA ? be.fromArray(a, k, m) : be.fromArray(a, m, k);
            Tensor bt = transB ? be.fromArray(b, n, k) : be.fromArray(b, k, n);
            abc[i] = new Tensor[] {at, bt, be.tensor(m, n)};
            long one = warmUp(be, at, bt, abc[i][2]);
            reps[i] = BenchSupport.repetitions(one, 200_000_000L);
        }
        double[][] samples = new double[count][rounds];
        double flops = 2.0 * m * n * k;
        for (int round = 0; round < rounds; round++) {
            for (int j = 0; j < count; j++) {
                int i = BenchSupport.rotated(j, round, count);
                Backend be = backends.get(i);
                Tensor[] t = abc[i];
                long t0 = System.nanoTime();
                for (int rep = 0; rep < reps[i]; rep++) {
                    be.gemm(transA, transB, 1f, t[0], t[1], 0f, t[2]);
                }
                samples[i][round] = flops * reps[i] / (System.nanoTime() - t0);
            }
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = BenchSupport.median(samples[i]);
        }
        return out;
    }

    /**
     * Calls the GEMM until its speed stops improving, and returns the best time of one call.
     *
     * <p>Why adaptive: the JIT runs Vector API code through C1 first, where every vector operation
     * allocates and is hundreds of times slower, and on a busy machine C2 may take many seconds to
     * take over. Windows of 0.25 s are compared; warm-up ends after at least 1 s when a window is
     * no more than 5% faster than the one before, or after 30 s.
     */
    private long warmUp(Backend be, Tensor a, Tensor b, Tensor c) {
        long start = System.nanoTime();
        long best = Long.MAX_VALUE;
        double previousRate = 0;
        while (true) {
            long windowStart = System.nanoTime();
            int calls = 0;
            do {
                long t0 = System.nanoTime();
                be.gemm(transA, transB, 1f, a, b, 0f, c);
                best = Math.min(best, System.nanoTime() - t0);
                calls++;
            } while (System.nanoTime() - windowStart < 250_000_000L);
            double rate = calls / ((System.nanoTime() - windowStart) / 1e9);
            long elapsed = System.nanoTime() - start;
            if (elapsed > 30_000_000_000L || (elapsed > 1_000_000_000L && rate <= previousRate * 1.05)) {
                return best;
            }
            previousRate = rate;
        }
    }

    private static float[] random(int n, Random r) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private void print(String name, int[] s, int t, double gflops) {
        if (json) {
            System.out.printf(Locale.ROOT,
                    "{\"backend\":\"%s\",\"m\":%d,\"k\":%d,\"n\":%d,\"transA\":%b,\"transB\":%b,\"threads\":%d,\"gflops\":%.2f}%n",
                    name, s[0], s[1], s[2], transA, transB, t, gflops);
        } else {
            System.out.printf(Locale.ROOT, "%-8s %6d %6d %6d %10.2f%n", name, s[0], s[1], s[2], gflops);
        }
        System.out.flush();
    }
}
