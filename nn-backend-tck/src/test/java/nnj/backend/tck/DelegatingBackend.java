package nnj.backend.tck;

import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Activation;
import nnj.api.backend.Backend;
import nnj.api.backend.BinaryOp;
import nnj.api.backend.RowReduction;
import nnj.api.backend.UnaryOp;

/** A backend that forwards every call to another one; subclasses break one kernel on purpose. */
class DelegatingBackend implements Backend {
    protected final Backend inner;

    DelegatingBackend(Backend inner) {
        this.inner = inner;
    }

    @Override public String name() { return "delegating"; }
    @Override public Tensor tensor(Shape shape) { return inner.tensor(shape); }
    @Override public int threads() { return inner.threads(); }
    @Override public void setThreads(int threads) { inner.setThreads(threads); }
    @Override public void upload(float[] src, int srcOffset, Tensor dst) { inner.upload(src, srcOffset, dst); }
    @Override public void download(Tensor src, float[] dst, int dstOffset) { inner.download(src, dst, dstOffset); }
    @Override public void gatherRows(Tensor src, int[] rows, int from, Tensor dst) { inner.gatherRows(src, rows, from, dst); }
    @Override public void fill(Tensor t, float value) { inner.fill(t, value); }
    @Override public void copy(Tensor src, Tensor dst) { inner.copy(src, dst); }
    @Override public void gemm(boolean ta, boolean tb, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        inner.gemm(ta, tb, alpha, a, b, beta, c);
    }
    @Override public void unary(UnaryOp op, Tensor x, Tensor out) { inner.unary(op, x, out); }
    @Override public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) { inner.binary(op, a, b, out); }
    @Override public void affine(Tensor x, float alpha, float beta, Tensor out) { inner.affine(x, alpha, beta, out); }
    @Override public void axpby(float alpha, Tensor x, float beta, Tensor y) { inner.axpby(alpha, x, beta, y); }
    @Override public void addRowVector(Tensor x, Tensor bias, Tensor out) { inner.addRowVector(x, bias, out); }
    @Override public void reduceRows(RowReduction op, Tensor x, Tensor out) { inner.reduceRows(op, x, out); }
    @Override public void sumColumns(Tensor x, float beta, Tensor out) { inner.sumColumns(x, beta, out); }
    @Override public double sum(Tensor x) { return inner.sum(x); }
    @Override public double dot(Tensor a, Tensor b) { return inner.dot(a, b); }
    @Override public void softmaxRows(Tensor x, Tensor out) { inner.softmaxRows(x, out); }
    @Override public void conv2d(Tensor x, Tensor w, Tensor bias, int s, int ph, int pw, Activation act, Tensor y) {
        inner.conv2d(x, w, bias, s, ph, pw, act, y);
    }
    @Override public void conv2dBackwardInput(Tensor dy, Tensor w, int s, int ph, int pw, Tensor dx) {
        inner.conv2dBackwardInput(dy, w, s, ph, pw, dx);
    }
    @Override public void conv2dBackwardWeights(Tensor x, Tensor dy, int s, int ph, int pw, Tensor dw, Tensor db) {
        inner.conv2dBackwardWeights(x, dy, s, ph, pw, dw, db);
    }
    @Override public void maxPool2d(Tensor x, int ph, int pw, int s, Tensor y, Tensor argmax) {
        inner.maxPool2d(x, ph, pw, s, y, argmax);
    }
    @Override public void maxPool2dBackward(Tensor dy, Tensor argmax, Tensor dx) { inner.maxPool2dBackward(dy, argmax, dx); }
    @Override public void avgPool2d(Tensor x, int ph, int pw, int s, Tensor y) { inner.avgPool2d(x, ph, pw, s, y); }
    @Override public void avgPool2dBackward(Tensor dy, int ph, int pw, int s, Tensor dx) {
        inner.avgPool2dBackward(dy, ph, pw, s, dx);
    }
    @Override public void channelSums(Tensor a, Tensor b, Tensor out) { inner.channelSums(a, b, out); }
    @Override public void channelAffine(Tensor x, Tensor scale, Tensor shift, Tensor out) {
        inner.channelAffine(x, scale, shift, out);
    }
}
