package nnj.api.backend;

import nnj.api.Shape;
import nnj.api.Tensor;

/** Shape helpers shared by {@link Backend}'s host defaults and {@link HeapBackend}. Stateless. */
final class HostDefaults {
    private HostDefaults() {
    }

    /** The geometry of a convolution of x (N, C, H, W) with w (O, C, kh, kw), already checked. */
    static ConvGeometry conv(Tensor x, Tensor w, int stride, int padH, int padW) {
        Shape s = x.shape();
        Shape k = w.shape();
        return new ConvGeometry(s.dim(0), s.dim(1), s.dim(2), s.dim(3), k.dim(0), k.dim(2), k.dim(3), stride, padH, padW);
    }

    /** The geometry of pooling x (N, C, H, W) over poolH × poolW windows, already checked. */
    static ConvGeometry pool(Tensor x, int poolH, int poolW, int stride) {
        Shape s = x.shape();
        return new ConvGeometry(s.dim(0), s.dim(1), s.dim(2), s.dim(3), s.dim(1), poolH, poolW, stride, 0, 0);
    }

    /** The product of the dimensions after the channel dimension (1 for a matrix). */
    static int inner(Shape s) {
        int inner = 1;
        for (int i = 2; i < s.rank(); i++) {
            inner *= s.dim(i);
        }
        return inner;
    }

    /** Checks max pooling's backward shapes: dy and argmax (N, C, OH, OW), dx (N, C, H, W). */
    static void poolBackward(String op, Tensor dy, Tensor argmax, Tensor dx) {
        Checks.sameShape(op, dy, argmax);
        if (dy.shape().rank() != 4 || dx.shape().rank() != 4 || dy.shape().dim(0) != dx.shape().dim(0)
                || dy.shape().dim(1) != dx.shape().dim(1)) {
            throw new IllegalArgumentException(op + ": output gradient " + dy.shape() + " and input gradient "
                    + dx.shape() + " must both be (N, C, ·, ·) with the same N and C");
        }
        Checks.noAlias(op, dx, dy, "dx and dy");
        Checks.noAlias(op, dx, argmax, "dx and arg-max");
    }

    /** Refuses tensors of another backend (null ones are optional arguments and skipped). */
    static void owned(Backend backend, String op, Tensor... ts) {
        for (Tensor t : ts) {
            if (t != null) {
                Checks.owned(backend, op, t);
            }
        }
    }
}
