package nnj.api.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;

/**
 * The image and channel primitives' defaults in {@link Backend}, which copy through the host, are
 * what a backend implementing the interface directly (as examples/custom-backend does) gets. They
 * run the same reference loops as {@link HeapBackend}, so their results must be identical to the
 * bit; this checks the copying around them, and that they refuse foreign tensors.
 */
class HostDefaultsTest {
    private final Backend host = new HostOnlyBackend();
    private final Backend heap = new NaiveBackend();
    private final Random random = new Random(3);

    private float[] values(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextFloat() * 2 - 1;
        }
        return v;
    }

    @Test
    void theHostDefaultsMatchTheHeapKernelsExactly() {
        int[] xs = {2, 3, 7, 6};
        int[] ws = {4, 3, 3, 3};
        int[] ys = {2, 4, 4, 3}; // stride 2, padding 1
        float[] x = values(2 * 3 * 7 * 6);
        float[] w = values(4 * 27);
        float[] b = values(4);
        float[] dy = values(2 * 4 * 4 * 3);
        Tensor[] out = {host.tensor(ys), heap.tensor(ys)};
        host.conv2d(host.fromArray(x, xs), host.fromArray(w, ws), host.fromArray(b, 4), 2, 1, 1, Activation.RELU, out[0]);
        heap.conv2d(heap.fromArray(x, xs), heap.fromArray(w, ws), heap.fromArray(b, 4), 2, 1, 1, Activation.RELU, out[1]);
        assertArrayEquals(out[1].toArray(), out[0].toArray(), "conv2d");

        out = new Tensor[] {host.tensor(xs), heap.tensor(xs)};
        host.conv2dBackwardInput(host.fromArray(dy, ys), host.fromArray(w, ws), 2, 1, 1, out[0]);
        heap.conv2dBackwardInput(heap.fromArray(dy, ys), heap.fromArray(w, ws), 2, 1, 1, out[1]);
        assertArrayEquals(out[1].toArray(), out[0].toArray(), "conv2dBackwardInput");

        Tensor[] dw = {host.tensor(ws), heap.tensor(ws)};
        Tensor[] db = {host.tensor(4), heap.tensor(4)};
        host.conv2dBackwardWeights(host.fromArray(x, xs), host.fromArray(dy, ys), 2, 1, 1, dw[0], db[0]);
        heap.conv2dBackwardWeights(heap.fromArray(x, xs), heap.fromArray(dy, ys), 2, 1, 1, dw[1], db[1]);
        assertArrayEquals(dw[1].toArray(), dw[0].toArray(), "conv2dBackwardWeights dw");
        assertArrayEquals(db[1].toArray(), db[0].toArray(), "conv2dBackwardWeights db");

        int[] ps = {2, 3, 3, 2}; // 7×6 pooled 3×3 with stride 2
        float[] dp = values(2 * 3 * 6);
        Tensor[] y = {host.tensor(ps), heap.tensor(ps)};
        Tensor[] arg = {host.tensor(ps), heap.tensor(ps)};
        host.maxPool2d(host.fromArray(x, xs), 3, 3, 2, y[0], arg[0]);
        heap.maxPool2d(heap.fromArray(x, xs), 3, 3, 2, y[1], arg[1]);
        assertArrayEquals(y[1].toArray(), y[0].toArray(), "maxPool2d");
        assertArrayEquals(arg[1].toArray(), arg[0].toArray(), "maxPool2d arg-max");
        Tensor[] px = {host.tensor(xs), heap.tensor(xs)};
        host.maxPool2dBackward(host.fromArray(dp, ps), arg[0], px[0]);
        heap.maxPool2dBackward(heap.fromArray(dp, ps), arg[1], px[1]);
        assertArrayEquals(px[1].toArray(), px[0].toArray(), "maxPool2dBackward");
        host.avgPool2d(host.fromArray(x, xs), 3, 3, 2, y[0]);
        heap.avgPool2d(heap.fromArray(x, xs), 3, 3, 2, y[1]);
        assertArrayEquals(y[1].toArray(), y[0].toArray(), "avgPool2d");
        host.avgPool2dBackward(host.fromArray(dp, ps), 3, 3, 2, px[0]);
        heap.avgPool2dBackward(heap.fromArray(dp, ps), 3, 3, 2, px[1]);
        assertArrayEquals(px[1].toArray(), px[0].toArray(), "avgPool2dBackward");

        float[] scale = values(3);
        float[] shift = values(3);
        Tensor[] sums = {host.tensor(3), heap.tensor(3)};
        float[] x2 = values(x.length);
        host.channelSums(host.fromArray(x, xs), host.fromArray(x2, xs), sums[0]);
        heap.channelSums(heap.fromArray(x, xs), heap.fromArray(x2, xs), sums[1]);
        assertArrayEquals(sums[1].toArray(), sums[0].toArray(), "channelSums of a product");
        host.channelSums(host.fromArray(x, xs), null, sums[0]);
        heap.channelSums(heap.fromArray(x, xs), null, sums[1]);
        assertArrayEquals(sums[1].toArray(), sums[0].toArray(), "channelSums");
        Tensor[] affine = {host.fromArray(x, xs), heap.fromArray(x, xs)};
        host.channelAffine(affine[0], host.fromArray(scale, 3), host.fromArray(shift, 3), affine[0]);
        heap.channelAffine(affine[1], heap.fromArray(scale, 3), heap.fromArray(shift, 3), affine[1]);
        assertArrayEquals(affine[1].toArray(), affine[0].toArray(), "channelAffine in place");
    }

    @Test
    void theHostDefaultsRefuseTensorsOfAnotherBackendAndBadShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> host.conv2d(heap.tensor(1, 1, 3, 3), host.tensor(1, 1, 3, 3), null, 1, 1, 1, Activation.IDENTITY,
                        host.tensor(1, 1, 3, 3)));
        assertTrue(e.getMessage().contains("'naive'") && e.getMessage().contains("'host'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> host.avgPool2d(host.tensor(1, 1, 3, 3), 2, 2, 1,
                host.tensor(1, 1, 3, 3)));
    }

    /** A backend on the {@link Backend} interface alone: tensors and host transfer, nothing else. */
    private static final class HostOnlyBackend implements Backend {
        @Override public String name() { return "host"; }
        @Override public Tensor tensor(Shape shape) { return new HeapTensor(shape, new float[shape.size()], this); }
        @Override public int threads() { return 1; }
        @Override public void setThreads(int threads) { }
        @Override public void upload(float[] src, int srcOffset, Tensor dst) {
            Checks.owned(this, "upload", dst);
            System.arraycopy(src, srcOffset, ((HeapTensor) dst).data(), 0, dst.size());
        }
        @Override public void download(Tensor src, float[] dst, int dstOffset) {
            Checks.owned(this, "download", src);
            System.arraycopy(((HeapTensor) src).data(), 0, dst, dstOffset, src.size());
        }
        @Override public void gatherRows(Tensor src, int[] rows, int from, Tensor dst) { throw unused(); }
        @Override public void fill(Tensor t, float value) { throw unused(); }
        @Override public void copy(Tensor src, Tensor dst) { throw unused(); }
        @Override public void gemm(boolean ta, boolean tb, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
            throw unused();
        }
        @Override public void unary(UnaryOp op, Tensor x, Tensor out) { throw unused(); }
        @Override public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) { throw unused(); }
        @Override public void affine(Tensor x, float alpha, float beta, Tensor out) { throw unused(); }
        @Override public void axpby(float alpha, Tensor x, float beta, Tensor y) { throw unused(); }
        @Override public void addRowVector(Tensor x, Tensor bias, Tensor out) { throw unused(); }
        @Override public void reduceRows(RowReduction op, Tensor x, Tensor out) { throw unused(); }
        @Override public void sumColumns(Tensor x, float beta, Tensor out) { throw unused(); }
        @Override public double sum(Tensor x) { throw unused(); }
        @Override public double dot(Tensor a, Tensor b) { throw unused(); }
        @Override public void softmaxRows(Tensor x, Tensor out) { throw unused(); }

        private static UnsupportedOperationException unused() {
            return new UnsupportedOperationException("not needed by the image defaults");
        }
    }
}
