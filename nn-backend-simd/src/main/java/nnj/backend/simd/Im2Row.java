package nnj.backend.simd;

import java.util.Arrays;
import nnj.api.backend.ConvGeometry;

/**
 * The transposed patch matrix for a convolution's weight gradient, one row per output pixel:
 * <pre>
 * rows[s·OH·OW + i·OW + j, (u·kw + v)·C + c] = x[first + s, c, i·stride + u − padH, j·stride + v − padW]   (0 off the image)
 * </pre>
 * that is {@link nnj.api.backend.Im2Col}'s matrix transposed, with the taps ordered (u, v, c)
 * instead of (c, u, v). With it, dW = dY'·rows is a GEMM whose B operand is stored k × n, which
 * the SGEMM packs with vector copies; the im2col matrix would be B transposed, which it packs one
 * float at a time with strided writes (that packing was 12% of a CNN training step). The caller
 * permutes the (u, v, c) columns of the result back to the weights' (c, u, v) order.
 *
 * <p>Each sample is first copied into a zero-bordered channels-last image ({@code hwc}), so that
 * the kw·C values of one kernel row for one output pixel are contiguous: a row of the matrix is kh
 * vector copies. Stateless and allocation-free.
 */
final class Im2Row {
    private Im2Row() {
    }

    /** Floats of the channels-last scratch image {@link #im2row} needs. */
    static int scratchSize(ConvGeometry g) {
        return (g.inH + 2 * g.padH) * (g.inW + 2 * g.padW) * g.inC;
    }

    /** Fills {@code rows} (count·OH·OW × C·kh·kw) for samples [first, first + count); {@code hwc} is scratch. */
    static void im2row(ConvGeometry g, float[] x, int first, int count, float[] hwc, float[] rows) {
        int c = g.inC;
        int wp = g.inW + 2 * g.padW;
        int k = g.patchSize();
        int run = g.kw * c; // one kernel row of one pixel: contiguous in hwc
        Arrays.fill(hwc, 0, scratchSize(g), 0f);
        for (int s = 0; s < count; s++) {
            toChannelsLast(g, x, (first + s) * c * g.inPlane(), hwc, wp);
            int dst = s * g.outPlane() * k;
            for (int i = 0; i < g.outH; i++) {
                for (int j = 0; j < g.outW; j++, dst += k) {
                    int src = ((i * g.stride) * wp + j * g.stride) * c;
                    for (int u = 0; u < g.kh; u++) {
                        ShiftedConv.copy(hwc, src + u * wp * c, rows, dst + u * run, run);
                    }
                }
            }
        }
    }

    /** hwc[(r + padH)·wp + q + padW, c] = x[base + c·H·W + r·W + q]; the zero border stays untouched. */
    private static void toChannelsLast(ConvGeometry g, float[] x, int base, float[] hwc, int wp) {
        int channels = g.inC;
        for (int r = 0; r < g.inH; r++) {
            int row = ((r + g.padH) * wp + g.padW) * channels;
            for (int ch = 0; ch < channels; ch++) {
                int from = base + ch * g.inPlane() + r * g.inW;
                for (int q = 0, d = row + ch; q < g.inW; q++, d += channels) {
                    hwc[d] = x[from + q];
                }
            }
        }
    }
}
