package nnj.backend.simd;

import nnj.api.Tensor;

/** Developer tool (not a test): prints GFLOPS of a few shapes. Args: threads [MxKxN[:ta][:tb] ...]. */
public final class GemmPerf {
    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        try (SimdBackend be = new SimdBackend(threads)) {
            for (int s = 1; s < args.length; s++) {
                String[] parts = args[s].split(":");
                String[] d = parts[0].split("x");
                int m = Integer.parseInt(d[0]);
                int k = Integer.parseInt(d[1]);
                int n = Integer.parseInt(d[2]);
                boolean ta = args[s].contains(":ta");
                boolean tb = args[s].contains(":tb");
                Tensor a = ta ? be.tensor(k, m) : be.tensor(m, k);
                Tensor b = tb ? be.tensor(n, k) : be.tensor(k, n);
                Tensor c = be.tensor(m, n);
                be.fill(a, 0.5f);
                be.fill(b, 0.25f);
                double flops = 2.0 * m * n * k;
                int reps = Math.max(1, (int) (2e9 / flops));
                double best = 0;
                double[] g = new double[7];
                for (int round = 0; round < 7; round++) {
                    long t0 = System.nanoTime();
                    for (int r = 0; r < reps; r++) {
                        be.gemm(ta, tb, 1f, a, b, 0f, c);
                    }
                    g[round] = flops * reps / (System.nanoTime() - t0);
                }
                java.util.Arrays.sort(g);
                System.out.printf("%-18s threads=%d median %.1f max %.1f GFLOPS%n", args[s], threads, g[3], g[6]);
            }
        }
    }
}
