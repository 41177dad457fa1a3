package nnj.backend.simd;

/** Developer tool: GFLOPS of the micro-kernel alone, on L1/L2-resident panels. Args: kc colPanels. */
public final class KernelPerf {
    public static void main(String[] args) {
        int kc = Integer.parseInt(args[0]);
        int panels = Integer.parseInt(args[1]);
        float[] ap = new float[kc * MicroKernel.MR];
        float[] bp = new float[kc * MicroKernel.NR * panels];
        float[] c = new float[MicroKernel.MR * MicroKernel.NR * panels];
        java.util.Arrays.fill(ap, 0.5f);
        java.util.Arrays.fill(bp, 0.25f);
        double flops = 2.0 * kc * MicroKernel.MR * MicroKernel.NR * panels;
        int reps = (int) (1e9 / flops);
        for (int round = 0; round < 10; round++) {
            long t0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            for (int r = 0; r < reps; r++) {
                for (int jp = 0; jp < panels; jp++) {
                    MicroKernel.tile(kc, ap, 0, bp, jp * kc * MicroKernel.NR, c);
                }
            }
            System.out.printf("kc=%d panels=%d %.1f GFLOPS%n", kc, panels, flops * reps / (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t0));
        }
    }
}
