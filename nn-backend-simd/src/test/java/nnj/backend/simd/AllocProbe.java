package nnj.backend.simd;

import java.lang.management.ManagementFactory;

/** Developer tool: runs warm steps and prints the caller's allocated bytes per 100 steps. Args: batch steps. */
public final class AllocProbe {
    public static void main(String[] args) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (SimdBackend b = new SimdBackend(2)) {
            ZeroAllocationTest.Step s = new ZeroAllocationTest.Step(b, Integer.parseInt(args[0]));
            long last = mx.getCurrentThreadAllocatedBytes();
            for (int i = 1; i <= Integer.parseInt(args[1]); i++) {
                s.run();
                if (i % 100 == 0) {
                    long now = mx.getCurrentThreadAllocatedBytes();
                    System.out.println(i + " " + (now - last));
                    last = now;
                }
            }
        }
    }
}
