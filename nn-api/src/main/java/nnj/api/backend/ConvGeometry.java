package nnj.api.backend;

import nnj.api.Tensor;

/**
 * The sizes of one sliding-window op on NCHW images, convolution or pooling: a batch of
 * {@code n} images of {@code inC} channels, {@code inH × inW}; a window of {@code kh × kw} moved by
 * {@code stride} over the image padded with {@code padH} rows and {@code padW} columns of zeros on
 * each side; {@code outC} output channels of {@code outH × outW}, where
 * {@code outH = (inH + 2·padH − kh) / stride + 1} (and likewise for the width).
 *
 * <p>For pooling, {@code outC == inC} and the padding is 0. {@link HeapBackend} builds one per call
 * from the tensors' shapes (cached, so a warm step allocates nothing) and hands it to its kernels.
 *
 * <p>Immutable, so safe to share.
 */
public final class ConvGeometry {
    /** Batch size. */
    public final int n;
    /** Input channels. */
    public final int inC;
    /** Input height. */
    public final int inH;
    /** Input width. */
    public final int inW;
    /** Output channels (equal to {@link #inC} for pooling). */
    public final int outC;
    /** Window height. */
    public final int kh;
    /** Window width. */
    public final int kw;
    /** The step between windows, in both directions. */
    public final int stride;
    /** Zero rows added above and below the input. */
    public final int padH;
    /** Zero columns added left and right of the input. */
    public final int padW;
    /** Output height. */
    public final int outH;
    /** Output width. */
    public final int outW;

    /**
     * @throws IllegalArgumentException when a size is not positive or the window does not fit
     */
    public ConvGeometry(int n, int inC, int inH, int inW, int outC, int kh, int kw, int stride, int padH, int padW) {
        if (n < 0 || inC < 1 || inH < 1 || inW < 1 || outC < 1 || kh < 1 || kw < 1 || stride < 1 || padH < 0
                || padW < 0) {
            throw new IllegalArgumentException("bad window geometry: batch " + n + ", " + inC + " channels of "
                    + inH + "×" + inW + ", window " + kh + "×" + kw + ", stride " + stride + ", padding " + padH
                    + "×" + padW + " (sizes must be ≥ 1, padding ≥ 0)");
        }
        if (inH + 2 * padH < kh || inW + 2 * padW < kw) {
            throw new IllegalArgumentException("a " + kh + "×" + kw + " window does not fit a " + inH + "×" + inW
                    + " image padded by " + padH + "×" + padW + "; use a smaller window or more padding");
        }
        this.n = n;
        this.inC = inC;
        this.inH = inH;
        this.inW = inW;
        this.outC = outC;
        this.kh = kh;
        this.kw = kw;
        this.stride = stride;
        this.padH = padH;
        this.padW = padW;
        this.outH = (inH + 2 * padH - kh) / stride + 1;
        this.outW = (inW + 2 * padW - kw) / stride + 1;
    }

    /** The output side for an input side, window, stride and padding: {@code (in + 2·pad − k) / stride + 1}. */
    public static int outputSize(int in, int k, int stride, int pad) {
        return (in + 2 * pad - k) / stride + 1;
    }

    /** Whether this geometry has exactly these sizes (lets a cache compare without allocating). */
    boolean matches(int n, int inC, int inH, int inW, int outC, int kh, int kw, int stride, int padH, int padW) {
        return this.n == n && this.inC == inC && this.inH == inH && this.inW == inW && this.outC == outC
                && this.kh == kh && this.kw == kw && this.stride == stride && this.padH == padH && this.padW == padW;
    }

    /** Elements of one input image plane, inH·inW. */
    public int inPlane() {
        return inH * inW;
    }

    /** Elements of one output image plane, outH·outW. */
    public int outPlane() {
        return outH * outW;
    }

    /** Rows of the im2col patch matrix: inC·kh·kw (the fan-in of one output). */
    public int patchSize() {
        return inC * kh * kw;
    }

    static String shapes(Tensor... ts) {
        StringBuilder sb = new StringBuilder();
        for (Tensor t : ts) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t == null ? "null" : t.shape().toString());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "batch " + n + ", " + inC + "×" + inH + "×" + inW + " → " + outC + "×" + outH + "×" + outW
                + ", window " + kh + "×" + kw + ", stride " + stride + ", padding " + padH + "×" + padW;
    }
}
