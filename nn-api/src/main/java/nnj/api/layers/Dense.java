package nnj.api.layers;

import java.util.List;
import java.util.Map;
import java.util.Random;
import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Activation;
import nnj.api.backend.BinaryOp;
import nnj.api.init.Initializer;
import nnj.api.init.Initializers;

/**
 * A fully connected layer, {@code Y = X·W + b}, with W stored (in, out) and b of length out.
 *
 * <p>Backward: dW = Xᵀ·dY (gemm T,N), db = column sums of dY, dX = dY·Wᵀ (gemm N,T), the last only
 * when the layer below needs it. A {@link Sequential} may fuse a following ReLU, sigmoid or tanh
 * into this layer ({@link #fuse}) so that a backend can run bias and activation in the GEMM's
 * epilogue; the backward pass then first applies the activation's derivative, written in terms of
 * the output.
 *
 * <p>Initialisation: the weights use the given initialiser, else the one the model picks from the
 * following activation (He before ReLU, Xavier before tanh and sigmoid); biases start at zero.
 */
public final class Dense extends AbstractLayer implements ActivationFusable {
    private final int in;
    private final int out;
    private final boolean useBias;
    private Initializer initializer;
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

    /** A dense layer from {@code in} to {@code out} features, with a bias. */
    public Dense(int in, int out) {
        this(in, out, true, null);
    }

    /**
     * @param initializer the weights' initialiser, or null for the default chosen from the next layer
     */
    public Dense(int in, int out, boolean useBias, Initializer initializer) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Dense needs in ≥ 1 and out ≥ 1, got (" + in + ", " + out + ")");
        }
        this.in = in;
        this.out = out;
        this.useBias = useBias;
        this.initializer = initializer;
        this.weight = new Parameter("weight", Shape.of(in, out));
        this.bias = useBias ? new Parameter("bias", Shape.of(out)) : null;
        this.parameters = useBias ? List.of(weight, bias) : List.of(weight);
    }

    /** The number of input features. */
    public int inputs() {
        return in;
    }

    /** The number of output features. */
    public int outputs() {
        return out;
    }

    /** The weights, (in, out). */
    public Parameter weight() {
        return weight;
    }

    /** The bias, or null for a layer without one. */
    public Parameter bias() {
        return bias;
    }

    /** The weights' initialiser in effect: the explicit one, else the model's default. */
    public Initializer initializer() {
        return initializer != null ? initializer : defaultInitializer;
    }

    /** The default a model picks from the following activation; an explicit initialiser wins. */
    @Override
    public void setDefaultInitializer(Initializer initializer) {
        this.defaultInitializer = initializer;
    }

    /**
     * Applies {@code activation} inside this layer's forward pass (a {@link Sequential} does this for
     * a directly following ReLU, sigmoid or tanh, and then skips that layer).
     */
    @Override
    public void fuse(Activation activation) {
        this.fused = activation;
    }

    Activation fused() {
        return fused;
    }

    @Override
    public String type() {
        return "Dense";
    }

    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != in) {
            throw new IllegalArgumentException(this + " expects " + in + " input features, but gets " + inputWidth
                    + " from the layer before it");
        }
        return out;
    }

    /** A dense layer takes flat samples of {@code in} features. */
    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 1) {
            throw new IllegalArgumentException(this + " takes flat samples of " + in + " features, but gets " + input
                    + "; put a Flatten before it");
        }
        return Shape.of(outputWidth(input.dim(0)));
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public void initialize(Random random) {
        float[] w = new float[in * out];
        initializer().fill(w, in, out, random);
        weight.setValues(w);
        if (bias != null) {
            bias.setValues(new float[out]);
        }
    }

    @Override
    public void to(nnj.api.backend.Backend backend) {
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
    public Tensor forward(Tensor x, Mode mode) {
        var b = backend(x);
        if (x.shape().rank() != 2 || x.cols() != in) {
            throw new IllegalArgumentException(this + ": input " + x.shape() + " does not fit weight "
                    + weight.shape() + "; expected (batch, " + in + ")");
        }
        Tensor y = output.matrix(b, x.rows(), out);
        b.denseForward(x, weight.value(), bias == null ? null : bias.value(), fused, y);
        savedInput = x;
        savedOutput = y;
        return y;
    }

    @Override
    public Tensor backward(Tensor dY) {
        requireForward(savedInput, this);
        boolean needInputGradient = checkBackward(dY, savedOutput);
        var b = backend;
        Tensor dZ = dY;
        BinaryOp derivative = fused.backward();
        if (derivative != null) {
            // All three fused derivatives can be written from the output (ReLU: y > 0 ⇔ z > 0).
            dZ = preGrad.like(b, dY);
            b.binary(derivative, savedOutput, dY, dZ);
        }
        b.gemm(true, false, 1f, savedInput, dZ, 0f, weight.gradient());
        if (bias != null) {
            b.sumColumns(dZ, 0f, bias.gradient());
        }
        if (!needInputGradient) {
            return null;
        }
        Tensor dX = inputGrad.matrix(b, savedInput.rows(), in);
        b.gemm(false, true, 1f, dZ, weight.value(), 0f, dX);
        return dX;
    }

    @Override
    public Map<String, String> config() {
        return Map.of("in", Integer.toString(in), "out", Integer.toString(out), "bias", Boolean.toString(useBias));
    }

    @Override
    public String toString() {
        return "Dense(" + in + " → " + out + (fused == Activation.IDENTITY ? "" : ", fused " + fused) + ")";
    }
}
