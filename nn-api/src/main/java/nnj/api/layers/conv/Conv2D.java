package nnj.api.layers.conv;

import java.util.List;
import java.util.Map;
import java.util.Random;
import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Activation;
import nnj.api.backend.Backend;
import nnj.api.backend.BinaryOp;
import nnj.api.backend.ConvGeometry;
import nnj.api.init.Initializer;
import nnj.api.init.Initializers;
import nnj.api.layers.ActivationFusable;
import nnj.api.layers.Parameter;
import nnj.api.layers.Workspace;

/**
 * A 2-D convolution on (N, C, H, W) images: {@code y[n,o] = b[o] + Σ_c w[o,c] ⋆ x[n,c]}, where ⋆ is
 * cross-correlation (the kernel is not flipped, as in every DL framework) with a stride and zero
 * padding. Weights are stored (out, in, kh, kw) as in PyTorch, the bias has one value per output
 * channel.
 *
 * <p>Padding: {@code "valid"} (none), {@code "same"} (keeps H × W; needs stride 1 and odd kernel
 * sides, padding (kh−1)/2 rows and (kw−1)/2 columns), or a number of zero rows and columns added on
 * every side.
 *
 * <p>Backward (docs/MATH.md, "Convolution"): dW from the input patches
 * ({@link Backend#conv2dBackwardWeights}), db the per-channel sums of dY, and dX the transposed
 * convolution ({@link Backend#conv2dBackwardInput}), the last only when the layer below needs it.
 * A {@link nnj.api.layers.Sequential} may fuse a following ReLU, sigmoid or tanh into the forward
 * kernel, as for Dense.
 *
 * <p>Initialisation: the given initialiser, else He before ReLU and Xavier before tanh or sigmoid,
 * with fan-in = in·kh·kw and fan-out = out·kh·kw; biases start at zero.
 *
 * <p>Not thread-safe, like every layer.
 */
public final class Conv2D extends ImageLayer implements ActivationFusable {
    private final int in;
    private final int out;
    private final int kh;
    private final int kw;
    private final int stride;
    private final String padding;
    private final int padH;
    private final int padW;
    private final boolean useBias;
    private final Initializer initializer;
    private Initializer defaultInitializer = Initializers.heNormal();
    private final Parameter weight;
    private final Parameter bias;
    private final List<Parameter> parameters;
    private Activation fused = Activation.IDENTITY;

    private final Workspace output = new Workspace();
    private final Workspace inputGrad = new Workspace();
    private final Workspace preGrad = new Workspace();
    private Tensor savedInput;
    private Tensor savedOutput;

    /** A k × k convolution from {@code in} to {@code out} channels, stride 1, "same" padding, with bias. */
    public Conv2D(int in, int out, int kernel) {
        this(in, out, kernel, kernel, 1, "same", true, null);
    }

    /**
     * @param padding     "same", "valid" or a number of zero rows and columns on each side
     * @param initializer the weights' initialiser, or null for the default chosen from the next layer
     */
    public Conv2D(int in, int out, int kh, int kw, int stride, String padding, boolean useBias,
                  Initializer initializer) {
        if (in < 1 || out < 1 || kh < 1 || kw < 1 || stride < 1) {
            throw new IllegalArgumentException("Conv2D needs channels, kernel sides and stride ≥ 1, got in " + in
                    + ", out " + out + ", kernel " + kh + "×" + kw + ", stride " + stride);
        }
        this.in = in;
        this.out = out;
        this.kh = kh;
        this.kw = kw;
        this.stride = stride;
        this.padding = padding.trim().toLowerCase(java.util.Locale.ROOT);
        if (this.padding.equals("same")) {
            if (stride != 1 || kh % 2 == 0 || kw % 2 == 0) {
                throw new IllegalArgumentException("Conv2D padding \"same\" needs stride 1 and odd kernel sides, got "
                        + kh + "×" + kw + " with stride " + stride + "; give the padding as a number instead");
            }
            this.padH = (kh - 1) / 2;
            this.padW = (kw - 1) / 2;
        } else if (this.padding.equals("valid")) {
            this.padH = 0;
            this.padW = 0;
        } else {
            int p;
            try {
                p = Integer.parseInt(this.padding);
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 0) {
                throw new IllegalArgumentException("Conv2D padding must be \"same\", \"valid\" or a number ≥ 0, got \""
                        + padding + "\"");
            }
            this.padH = p;
            this.padW = p;
        }
        this.useBias = useBias;
        this.initializer = initializer;
        this.weight = new Parameter("weight", Shape.of(out, in, kh, kw));
        this.bias = useBias ? new Parameter("bias", Shape.of(out)) : null;
        this.parameters = useBias ? List.of(weight, bias) : List.of(weight);
    }

    /** The weights, (out, in, kh, kw). */
    public Parameter weight() {
        return weight;
    }

    /** The bias, or null. */
    public Parameter bias() {
        return bias;
    }

    /** The weights' initialiser in effect: the explicit one, else the model's default. */
    public Initializer initializer() {
        return initializer != null ? initializer : defaultInitializer;
    }

    @Override
    public void setDefaultInitializer(Initializer initializer) {
        this.defaultInitializer = initializer;
    }

    @Override
    public void fuse(Activation activation) {
        this.fused = activation;
    }

    @Override
    public String type() {
        return "Conv2D";
    }

    @Override
    protected Shape sampleOutput(int channels, int height, int width) {
        if (channels != in) {
            throw new IllegalArgumentException(this + " expects " + in + " input channels, but gets " + channels);
        }
        if (height + 2 * padH < kh || width + 2 * padW < kw) {
            throw new IllegalArgumentException(this + ": a " + kh + "×" + kw + " kernel does not fit a " + height + "×"
                    + width + " image with padding " + padH + "×" + padW);
        }
        return Shape.of(out, ConvGeometry.outputSize(height, kh, stride, padH),
                ConvGeometry.outputSize(width, kw, stride, padW));
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public void initialize(Random random) {
        float[] w = new float[out * in * kh * kw];
        initializer().fill(w, in * kh * kw, out * kh * kw, random);
        weight.setValues(w);
        if (bias != null) {
            bias.setValues(new float[out]);
        }
    }

    @Override
    public void to(Backend backend) {
        super.to(backend);
        weight.to(backend);
        if (bias != null) {
            bias.to(backend);
        }
    }

    @Override
    protected void clearWorkspaces() {
        output.clear();
        inputGrad.clear();
        preGrad.clear();
        savedInput = null;
        savedOutput = null;
    }

    @Override
    public Tensor forward(Tensor x, nnj.api.layers.Mode mode) {
        Backend b = backend(x);
        Tensor y = output.shaped(b, batchOutput(x));
        b.conv2d(x, weight.value(), bias == null ? null : bias.value(), stride, padH, padW, fused, y);
        savedInput = x;
        savedOutput = y;
        return y;
    }

    @Override
    public Tensor backward(Tensor dY) {
        requireForward(savedInput, this);
        checkGradient(dY, savedOutput);
        Backend b = backend;
        Tensor dZ = dY;
        BinaryOp derivative = fused.backward();
        if (derivative != null) { // written from the output, as in Dense (ReLU: y > 0 ⇔ z > 0)
            dZ = preGrad.like(b, dY);
            b.binary(derivative, savedOutput, dY, dZ);
        }
        b.conv2dBackwardWeights(savedInput, dZ, stride, padH, padW, weight.gradient(),
                bias == null ? null : bias.gradient());
        if (!inputGradientNeeded) {
            return null;
        }
        Tensor dX = inputGrad.like(b, savedInput);
        b.conv2dBackwardInput(dZ, weight.value(), stride, padH, padW, dX);
        return dX;
    }

    @Override
    public Map<String, String> config() {
        return Map.of("in", Integer.toString(in), "out", Integer.toString(out), "kh", Integer.toString(kh),
                "kw", Integer.toString(kw), "stride", Integer.toString(stride), "padding", padding,
                "bias", Boolean.toString(useBias));
    }

    @Override
    public String toString() {
        return "Conv2D(" + in + " → " + out + ", " + kh + "×" + kw + (stride == 1 ? "" : ", stride " + stride)
                + ", padding " + padding + (fused == Activation.IDENTITY ? "" : ", fused " + fused) + ")";
    }
}
