package nnj.api.backend;

import java.util.Arrays;

/**
 * The two copies that turn a convolution into a matrix product, for backends that run
 * {@link Backend#conv2d} on their GEMM (a helper, not part of the SPI). For a group of samples
 * {@code [first, first + count)}, the patch matrix {@code cols} has one row per kernel tap
 * k = (c, u, v), K = C·kh·kw rows, and one column per output pixel of the group, count·OH·OW
 * columns, sample by sample:
 * <pre>
 * cols[k, s·OH·OW + i·OW + j] = x[first + s, c, i·stride + u − padH, j·stride + v − padW]   (0 off the image)
 * </pre>
 * Then {@code W (O × K) · cols} is the convolution of the group as an (O, count·OH·OW) matrix, and
 * {@link #col2im} is the transpose of {@link #im2col}: it adds every column entry back to the
 * pixel it came from, which turns {@code Wᵀ · dY} into dL/dx (docs/MATH.md, "Convolution").
 *
 * <p>Both take a range of rows or planes so that threads can share the work; each element is
 * written by exactly one call. Stateless and allocation-free.
 */
public final class Im2Col {
    private Im2Col() {
    }

    /** Fills rows {@code [rowFrom, rowTo)} of the group's patch matrix {@code cols} (see the class comment). */
    public static void im2col(ConvGeometry g, float[] x, int first, int count, int rowFrom, int rowTo, float[] cols) {
        int cells = count * g.outPlane();
        for (int k = rowFrom; k < rowTo; k++) {
            int c = k / (g.kh * g.kw);
            int u = k / g.kw % g.kh;
            int v = k % g.kw;
            int jlo = firstColumn(g, v);
            int jhi = endColumn(g, v);
            for (int s = 0; s < count; s++) {
                int src = ((first + s) * g.inC + c) * g.inPlane();
                int dst = k * cells + s * g.outPlane();
                for (int i = 0; i < g.outH; i++, dst += g.outW) {
                    int r = i * g.stride + u - g.padH;
                    if (r < 0 || r >= g.inH || jlo >= jhi) {
                        Arrays.fill(cols, dst, dst + g.outW, 0f);
                        continue;
                    }
                    for (int j = 0; j < jlo; j++) { // the padding: a column or two, not worth a call
                        cols[dst + j] = 0f;
                    }
                    int row = src + r * g.inW + v - g.padW;
                    if (g.stride == 1) {
                        System.arraycopy(x, row + jlo, cols, dst + jlo, jhi - jlo);
                    } else {
                        for (int j = jlo; j < jhi; j++) {
                            cols[dst + j] = x[row + j * g.stride];
                        }
                    }
                    for (int j = jhi; j < g.outW; j++) {
                        cols[dst + j] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Writes the image planes {@code [planeFrom, planeTo)} of the group (plane = s·C + c, s counted
     * from {@code first}) of dx: each is zeroed, then every entry of {@code cols} that came from one
     * of its pixels is added back there, taps in order (u, v), so the sum's order is fixed.
     */
    public static void col2im(ConvGeometry g, float[] cols, int first, int count, int planeFrom, int planeTo,
                              float[] dx) {
        int cells = count * g.outPlane();
        for (int pl = planeFrom; pl < planeTo; pl++) {
            int s = pl / g.inC;
            int c = pl % g.inC;
            int dst = ((first + s) * g.inC + c) * g.inPlane();
            Arrays.fill(dx, dst, dst + g.inPlane(), 0f);
            for (int u = 0; u < g.kh; u++) {
                for (int v = 0; v < g.kw; v++) {
                    int jlo = firstColumn(g, v);
                    int jhi = endColumn(g, v);
                    if (jlo >= jhi) {
                        continue;
                    }
                    int src = ((c * g.kh + u) * g.kw + v) * cells + s * g.outPlane();
                    for (int i = 0; i < g.outH; i++) {
                        int r = i * g.stride + u - g.padH;
                        if (r < 0 || r >= g.inH) {
                            continue;
                        }
                        int row = dst + r * g.inW + v - g.padW;
                        int from = src + i * g.outW;
                        if (g.stride == 1) {
                            for (int j = jlo; j < jhi; j++) {
                                dx[row + j] += cols[from + j];
                            }
                        } else {
                            for (int j = jlo; j < jhi; j++) {
                                dx[row + j * g.stride] += cols[from + j];
                            }
                        }
                    }
                }
            }
        }
    }

    /** The first output column j whose tap v lands inside the image: j·stride + v − padW ≥ 0. */
    private static int firstColumn(ConvGeometry g, int v) {
        int a = g.padW - v;
        return a <= 0 ? 0 : (a + g.stride - 1) / g.stride;
    }

    /** One past the last output column whose tap v lands inside the image: j·stride + v − padW < inW. */
    private static int endColumn(ConvGeometry g, int v) {
        return Math.min(g.outW, Math.floorDiv(g.inW - 1 + g.padW - v, g.stride) + 1);
    }
}
