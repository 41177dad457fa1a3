package nnj.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import nnj.api.Tensor;
import nnj.api.backend.BinaryOp;
import nnj.api.backend.RowReduction;
import nnj.api.backend.UnaryOp;
import nnj.api.optim.Adam;
import org.junit.jupiter.api.Test;

/**
 * On one thread, the kernels of a warm training step allocate nothing: the backend points reusable
 * EJML headers at the tensors' arrays instead of wrapping them anew on every call.
 *
 * <p>Measured with the thread's allocated-bytes counter over rounds of a few hundred steps. While
 * the JIT is still compiling a round may see some bytes, but an allocation in a kernel shows up in
 * every round (hundreds of bytes per step), so one clean round out of twenty is required.
 */
class EjmlAllocationTest {

    @Test
    void warmKernelsAllocateNothingOnOneThread() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "this JVM cannot count allocated bytes");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) mx;

        EjmlBackend b = new EjmlBackend();
        b.setThreads(1);
        Tensor x = b.tensor(32, 64);
        Tensor w = b.tensor(64, 16);
        Tensor y = b.tensor(32, 16);
        Tensor dy = b.tensor(32, 16);
        Tensor dw = b.tensor(64, 16);
        Tensor dx = b.tensor(32, 64);
        Tensor bias = b.tensor(16);
        Tensor rows = b.tensor(32);
        Tensor scratch = b.tensor(64, 16);

        long least = Long.MAX_VALUE;
        for (int round = 0; round < 20 && least != 0; round++) {
            long before = counter.getCurrentThreadAllocatedBytes();
            for (int step = 0; step < 300; step++) {
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
            least = Math.min(least, counter.getCurrentThreadAllocatedBytes() - before);
        }
        assertEquals(0, least, "bytes allocated by 300 warm steps in the cleanest of 20 rounds");
    }
}
