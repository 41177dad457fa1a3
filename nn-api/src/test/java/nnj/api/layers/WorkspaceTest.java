package nnj.api.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;

class WorkspaceTest {
    @Test
    void threeShapesInTurnAreEachAllocatedOnce() {
        Backend b = new NaiveBackend();
        Workspace w = new Workspace();
        // An epoch: full batches, the short last training batch, then validation's last batch.
        Tensor full = w.matrix(b, 64, 10);
        Tensor tail = w.matrix(b, 14, 10);
        Tensor valTail = w.matrix(b, 16, 10);
        for (int epoch = 0; epoch < 3; epoch++) {
            assertSame(full, w.matrix(b, 64, 10));
            assertSame(tail, w.matrix(b, 14, 10));
            assertSame(full, w.matrix(b, 64, 10));
            assertSame(valTail, w.matrix(b, 16, 10));
        }
        Tensor fourth = w.matrix(b, 3, 10);
        assertEquals(3, fourth.rows());
        assertNotSame(tail, w.matrix(b, 14, 10), "the least recently used shape was dropped");
        w.clear();
        assertNotSame(full, w.matrix(b, 64, 10));
    }
}
