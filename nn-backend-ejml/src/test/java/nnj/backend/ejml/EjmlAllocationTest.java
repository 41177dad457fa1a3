package nnj.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import nnj.api.Tensor;
import nnj.api.backend.BinaryOp;
import nnj.api.backend.RowReduction;
import nnj.api.backend.UnaryOp;
import nnj.api.optim.Adam;
import nnj.backend.tck.AllocationProbe;
import org.junit.jupiter.api.Test;

/**
 * On one thread, the kernels of a warm training step allocate nothing: the backend points reusable
 * EJML headers at the tensors' arrays instead of wrapping them anew on every call.
 *
 * <p>Measured in a child JVM that compiles synchronously ({@link AllocationProbe}), with the
 * thread's allocated-bytes counter over 300 steps after 1,500 warm ones; it must be exactly zero.
 */
class EjmlAllocationTest {

    @Test
    void warmKernelsAllocateNothingOnOneThread() throws Exception {
        AllocationProbe.Result r = AllocationProbe.run(Probe.class, AllocationProbe.SYNCHRONOUS_JIT);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("probe: 0 bytes in 300 warm steps"), r.output());
    }

    /** Runs in the child JVM. */
    public static final class Probe {
        public static void main(String[] args) {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            if (!(mx instanceof com.sun.management.ThreadMXBean)) {
                System.out.println("probe: 0 bytes in 300 warm steps (not measurable on this JVM; skipped)");
                return;
            }
            com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) mx;
            EjmlBackend b = new EjmlBackend();
            b.setThreads(1);
            Tensor[] t = {b.tensor(32, 64), b.tensor(64, 16), b.tensor(32, 16), b.tensor(32, 16), b.tensor(64, 16),
                b.tensor(32, 64), b.tensor(16), b.tensor(32), b.tensor(64, 16)};
            for (int warm = 0; warm < 1500; warm++) {
                step(b, t);
            }
            long before = counter.getCurrentThreadAllocatedBytes();
            for (int s = 0; s < 300; s++) {
                step(b, t);
            }
            long used = counter.getCurrentThreadAllocatedBytes() - before;
            System.out.println("probe: " + used + " bytes in 300 warm steps");
            System.exit(used == 0 ? 0 : 1);
        }

        private static void step(EjmlBackend b, Tensor[] t) {
            Tensor x = t[0], w = t[1], y = t[2], dy = t[3], dw = t[4], dx = t[5], bias = t[6], rows = t[7], scratch = t[8];
            b.gemm(false, false, 1f, x, w, 0f, y);              // forward
            b.addRowVector(y, bias, y);
            b.unary(UnaryOp.RELU, y, y);
            b.softmaxRows(y, dy);                                // loss gradient
            b.reduceRows(RowReduction.LOG_SUM_EXP, y, rows);
            b.binary(BinaryOp.RELU_BACKWARD, y, dy, dy);         // backward
            b.gemm(true, false, 1f, x, dy, 1f, dw);
            b.gemm(false, true, 1f, dy, w, 0f, dx);
            b.sumColumns(dy, 0f, bias);
            Adam.referenceUpdate(b, w, dw, scratch, dw, 0.9f, 0.999f, 1e-3f, 1e-8f, 0f, 1f, scratch); // update
        }
    }
}
