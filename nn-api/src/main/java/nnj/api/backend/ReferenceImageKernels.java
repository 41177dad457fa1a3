package nnj.api.backend;

import java.util.Arrays;

/**
 * The reference loops of the image and per-channel primitives, on row-major NCHW arrays: what
 * {@link HeapBackend} runs unless a subclass overrides a kernel, and what {@link Backend}'s host
 * defaults run. Each is the textbook formula in the obvious order, with sums in double, written to
 * be read (docs/MATH.md derives every one). Stateless.
 */
final class ReferenceImageKernels {
    private ReferenceImageKernels() {
    }

    /**
     * Convolution as cross-correlation (no kernel flip), plus bias and activation:
     * {@code y[n,o,i,j] = act(b[o] + Σ_{c,u,v} x[n,c,i·s+u−pH, j·s+v−pW] · w[o,c,u,v])}, where
     * positions outside the image read as 0.
     */
    static void conv2d(ConvGeometry g, float[] x, float[] w, float[] bias, Activation act, float[] y) {
        UnaryOp f = act.forward();
        for (int n = 0; n < g.n; n++) {
            for (int o = 0; o < g.outC; o++) {
                for (int i = 0; i < g.outH; i++) {
                    for (int j = 0; j < g.outW; j++) {
                        double acc = bias == null ? 0 : bias[o];
                        for (int c = 0; c < g.inC; c++) {
                            for (int u = 0; u < g.kh; u++) {
                                int r = i * g.stride + u - g.padH;
                                if (r < 0 || r >= g.inH) {
                                    continue;
                                }
                                for (int v = 0; v < g.kw; v++) {
                                    int q = j * g.stride + v - g.padW;
                                    if (q >= 0 && q < g.inW) {
                                        acc += (double) x[((n * g.inC + c) * g.inH + r) * g.inW + q]
                                                * w[((o * g.inC + c) * g.kh + u) * g.kw + v];
                                    }
                                }
                            }
                        }
                        float z = (float) acc;
                        y[((n * g.outC + o) * g.outH + i) * g.outW + j] = f == null ? z : f.apply(z);
                    }
                }
            }
        }
    }

    /**
     * dL/dx of a convolution, the transposed convolution: every input pixel gathers the output
     * gradients of the windows that covered it, {@code dx[n,c,r,q] = Σ_{o,u,v} dy[n,o,i,j] · w[o,c,u,v]}
     * over the (i, j) with {@code i·s + u − pH = r} and {@code j·s + v − pW = q}.
     */
    static void conv2dBackwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        for (int n = 0; n < g.n; n++) {
            for (int c = 0; c < g.inC; c++) {
                for (int r = 0; r < g.inH; r++) {
                    for (int q = 0; q < g.inW; q++) {
                        double acc = 0;
                        for (int u = 0; u < g.kh; u++) {
                            int ti = r + g.padH - u; // = i·stride when window row i covered r with tap u
                            if (ti < 0 || ti % g.stride != 0 || ti / g.stride >= g.outH) {
                                continue;
                            }
                            int i = ti / g.stride;
                            for (int v = 0; v < g.kw; v++) {
                                int tj = q + g.padW - v;
                                if (tj < 0 || tj % g.stride != 0 || tj / g.stride >= g.outW) {
                                    continue;
                                }
                                int j = tj / g.stride;
                                for (int o = 0; o < g.outC; o++) {
                                    acc += (double) dy[((n * g.outC + o) * g.outH + i) * g.outW + j]
                                            * w[((o * g.inC + c) * g.kh + u) * g.kw + v];
                                }
                            }
                        }
                        dx[((n * g.inC + c) * g.inH + r) * g.inW + q] = (float) acc;
                    }
                }
            }
        }
    }

    /**
     * dL/dw and dL/db of a convolution: {@code dw[o,c,u,v] = Σ_{n,i,j} dy[n,o,i,j] · x[n,c,i·s+u−pH, j·s+v−pW]}
     * (the output gradient correlated with the input patches) and {@code db[o] = Σ_{n,i,j} dy[n,o,i,j]}.
     * Both are overwritten; db may be null.
     */
    static void conv2dBackwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db) {
        for (int o = 0; o < g.outC; o++) {
            for (int c = 0; c < g.inC; c++) {
                for (int u = 0; u < g.kh; u++) {
                    for (int v = 0; v < g.kw; v++) {
                        double acc = 0;
                        for (int n = 0; n < g.n; n++) {
                            for (int i = 0; i < g.outH; i++) {
                                int r = i * g.stride + u - g.padH;
                                if (r < 0 || r >= g.inH) {
                                    continue;
                                }
                                for (int j = 0; j < g.outW; j++) {
                                    int q = j * g.stride + v - g.padW;
                                    if (q >= 0 && q < g.inW) {
                                        acc += (double) dy[((n * g.outC + o) * g.outH + i) * g.outW + j]
                                                * x[((n * g.inC + c) * g.inH + r) * g.inW + q];
                                    }
                                }
                            }
                        }
                        dw[((o * g.inC + c) * g.kh + u) * g.kw + v] = (float) acc;
                    }
                }
            }
            if (db != null) {
                double s = 0;
                for (int n = 0; n < g.n; n++) {
                    int base = (n * g.outC + o) * g.outPlane();
                    for (int p = 0; p < g.outPlane(); p++) {
                        s += dy[base + p];
                    }
                }
                db[o] = (float) s;
            }
        }
    }

    /**
     * Max pooling: each output is the largest input of its window, and {@code argmax} records where
     * it was, as the position {@code r·W + q} inside the channel's plane (the first one on a tie;
     * a NaN wins over every number).
     */
    static void maxPool2d(ConvGeometry g, float[] x, float[] y, float[] argmax) {
        for (int plane = 0; plane < g.n * g.inC; plane++) {
            int in = plane * g.inPlane();
            for (int i = 0; i < g.outH; i++) {
                for (int j = 0; j < g.outW; j++) {
                    int best = i * g.stride * g.inW + j * g.stride;
                    for (int u = 0; u < g.kh; u++) {
                        for (int v = 0; v < g.kw; v++) {
                            int p = (i * g.stride + u) * g.inW + j * g.stride + v;
                            if (x[in + p] > x[in + best] || (Float.isNaN(x[in + p]) && !Float.isNaN(x[in + best]))) {
                                best = p;
                            }
                        }
                    }
                    int out = (plane * g.outH + i) * g.outW + j;
                    y[out] = x[in + best];
                    argmax[out] = best;
                }
            }
        }
    }

    /** Max pooling's backward pass: each output gradient goes to the input its arg-max names; the rest is 0. */
    static void maxPool2dBackward(int planes, int inPlane, int outPlane, float[] dy, float[] argmax, float[] dx) {
        Arrays.fill(dx, 0, planes * inPlane, 0f);
        for (int plane = 0; plane < planes; plane++) {
            for (int p = 0; p < outPlane; p++) {
                dx[plane * inPlane + (int) argmax[plane * outPlane + p]] += dy[plane * outPlane + p];
            }
        }
    }

    /** Average pooling: each output is the mean of its kh × kw window. */
    static void avgPool2d(ConvGeometry g, float[] x, float[] y) {
        double scale = 1.0 / (g.kh * g.kw);
        for (int plane = 0; plane < g.n * g.inC; plane++) {
            int in = plane * g.inPlane();
            for (int i = 0; i < g.outH; i++) {
                for (int j = 0; j < g.outW; j++) {
                    double s = 0;
                    for (int u = 0; u < g.kh; u++) {
                        for (int v = 0; v < g.kw; v++) {
                            s += x[in + (i * g.stride + u) * g.inW + j * g.stride + v];
                        }
                    }
                    y[(plane * g.outH + i) * g.outW + j] = (float) (s * scale);
                }
            }
        }
    }

    /** Average pooling's backward pass: each input gathers dy/(kh·kw) from every window that holds it. */
    static void avgPool2dBackward(ConvGeometry g, float[] dy, float[] dx) {
        float scale = 1f / (g.kh * g.kw);
        Arrays.fill(dx, 0, g.n * g.inC * g.inPlane(), 0f);
        for (int plane = 0; plane < g.n * g.inC; plane++) {
            int in = plane * g.inPlane();
            for (int i = 0; i < g.outH; i++) {
                for (int j = 0; j < g.outW; j++) {
                    float share = dy[(plane * g.outH + i) * g.outW + j] * scale;
                    for (int u = 0; u < g.kh; u++) {
                        for (int v = 0; v < g.kw; v++) {
                            dx[in + (i * g.stride + u) * g.inW + j * g.stride + v] += share;
                        }
                    }
                }
            }
        }
    }

    /** {@code out[c] = Σ_{n,s} a[n,c,s] · b[n,c,s]} (b null: Σ a), for (N, C, S) arrays. */
    static void channelSums(float[] a, float[] b, float[] out, int n, int channels, int inner) {
        for (int c = 0; c < channels; c++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                int base = (i * channels + c) * inner;
                for (int k = 0; k < inner; k++) {
                    s += b == null ? a[base + k] : (double) a[base + k] * b[base + k];
                }
            }
            out[c] = (float) s;
        }
    }

    /** {@code out[n,c,s] = x[n,c,s] · scale[c] + shift[c]} for (N, C, S) arrays; out may be x. */
    static void channelAffine(float[] x, float[] scale, float[] shift, float[] out, int n, int channels, int inner) {
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                int base = (i * channels + c) * inner;
                for (int k = 0; k < inner; k++) {
                    out[base + k] = x[base + k] * scale[c] + shift[c];
                }
            }
        }
    }
}
