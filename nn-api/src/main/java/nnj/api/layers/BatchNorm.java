package nnj.api.layers;

import java.util.List;
import java.util.Map;
import java.util.Random;
import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.backend.BinaryOp;
import nnj.api.backend.UnaryOp;

/**
 * Batch normalisation, per feature after a Dense layer ((N, C) input) and per channel after a
 * convolution ((N, C, H, W) input): {@code y = γ · (x − μ)/√(σ² + ε) + β} with one γ, β, μ and σ²
 * per channel C.
 *
 * <p>In training, μ and σ² are the batch's mean and (biased) variance over the M = N·H·W values of
 * each channel, and the running statistics move towards them:
 * {@code running = (1 − momentum)·running + momentum·batch} (the running variance takes the
 * unbiased batch variance, σ²·M/(M − 1)), as in PyTorch. In evaluation the running statistics are
 * used, so the layer is a fixed per-channel affine map.
 *
 * <p>Parameters: {@code weight} (γ, starts at 1) and {@code bias} (β, starts at 0). Buffers
 * ({@link #buffers()}, saved with the model, never trained): {@code running_mean} (starts at 0) and
 * {@code running_var} (starts at 1). The names follow PyTorch's.
 *
 * <p>Backward (derived in docs/MATH.md, "Batch normalisation"): with x̂ the normalised input,
 * dβ = Σ dy, dγ = Σ dy·x̂, and in training
 * {@code dx = γ/√(σ² + ε) · (dy − dβ/M − x̂·dγ/M)} (the last two terms are how x moves μ and σ²);
 * in evaluation {@code dx = γ/√(σ² + ε) · dy}. It runs on the backend's per-channel primitives
 * {@link Backend#channelSums} and {@link Backend#channelAffine}, plus element-wise ops on the
 * C-element vectors.
 *
 * <p>Not thread-safe, like every layer.
 */
public final class BatchNorm extends AbstractLayer {
    private final int features;
    private final float eps;
    private final float momentum;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private final List<Parameter> parameters;
    private final List<Parameter> buffers;

    private final Workspace output = new Workspace();
    private final Workspace normalised = new Workspace();
    private final Workspace scratch = new Workspace();
    private final Workspace inputGrad = new Workspace();
    // Per-channel vectors on the current backend, made on first use.
    private Tensor mean;
    private Tensor var;
    private Tensor invStd;
    private Tensor scale;
    private Tensor shift;
    private Tensor ones;
    private Tensor zeros;

    private Tensor savedInput;
    private Tensor savedNormalised;
    private Mode savedMode;
    private int savedCount;

    /** Batch normalisation of {@code features} features or channels, ε = 1e-5, momentum 0.1. */
    public BatchNorm(int features) {
        this(features, 1e-5f, 0.1f);
    }

    /**
     * @param eps      added to the variance before the square root
     * @param momentum the weight of the batch statistics in the running statistics, in (0, 1]
     */
    public BatchNorm(int features, float eps, float momentum) {
        if (features < 1 || !(eps > 0) || !(momentum > 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm needs features ≥ 1, eps > 0 and momentum in (0, 1], got "
                    + features + ", " + eps + ", " + momentum);
        }
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
        this.gamma = new Parameter("weight", Shape.of(features));
        this.beta = new Parameter("bias", Shape.of(features));
        this.runningMean = new Parameter("running_mean", Shape.of(features));
        this.runningVar = new Parameter("running_var", Shape.of(features));
        this.parameters = List.of(gamma, beta);
        this.buffers = List.of(runningMean, runningVar);
        float[] one = new float[features];
        java.util.Arrays.fill(one, 1f);
        gamma.setValues(one);
        runningVar.setValues(one);
    }

    /** γ, one per channel. */
    public Parameter gamma() {
        return gamma;
    }

    /** β, one per channel. */
    public Parameter beta() {
        return beta;
    }

    /** The running mean (a buffer). */
    public Parameter runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance (a buffer). */
    public Parameter runningVar() {
        return runningVar;
    }

    @Override
    public String type() {
        return "BatchNorm";
    }

    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != features) {
            throw new IllegalArgumentException(this + " expects " + features + " features, but gets " + inputWidth);
        }
        return inputWidth;
    }

    /** (C) after a dense layer, (C, H, W) after a convolution: the shape is kept, C must match. */
    @Override
    public Shape outputShape(Shape input) {
        if (input.dim(0) != features) {
            throw new IllegalArgumentException(this + " expects " + features + " channels in dimension 0 of "
                    + input);
        }
        return input;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public List<Parameter> buffers() {
        return buffers;
    }

    /** γ = 1, β = 0, running mean 0, running variance 1 (the generator is not used). */
    @Override
    public void initialize(Random random) {
        float[] one = new float[features];
        java.util.Arrays.fill(one, 1f);
        gamma.setValues(one);
        beta.setValues(new float[features]);
        runningMean.setValues(new float[features]);
        runningVar.setValues(one);
    }

    @Override
    public void to(Backend backend) {
        super.to(backend);
        for (Parameter p : parameters) {
            p.to(backend);
        }
        for (Parameter p : buffers) {
            p.to(backend);
        }
    }

    @Override
    protected void clearWorkspaces() {
        output.clear();
        normalised.clear();
        scratch.clear();
        inputGrad.clear();
        mean = null;
        savedInput = null;
        savedNormalised = null;
    }

    private void channelVectors(Backend b) {
        if (mean != null) {
            return;
        }
        mean = b.tensor(features);
        var = b.tensor(features);
        invStd = b.tensor(features);
        scale = b.tensor(features);
        shift = b.tensor(features);
        ones = b.tensor(features);
        zeros = b.tensor(features);
        b.fill(ones, 1f);
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
        Backend b = backend(x);
        if (x.shape().rank() < 2 || x.shape().dim(1) != features) {
            throw new IllegalArgumentException(this + ": input " + x.shape() + " must be (batch, " + features
                    + ") or (batch, " + features + ", height, width)");
        }
        channelVectors(b);
        int count = x.size() / features;
        Tensor y = output.like(b, x);
        if (mode == Mode.TRAIN) {
            if (count < 2) {
                throw new IllegalArgumentException(this + ": training needs more than one value per channel, got input "
                        + x.shape() + "; use a larger batch");
            }
            // μ, then x − μ, then σ² from the centred values (two passes: no cancellation).
            Tensor xhat = normalised.like(b, x);
            b.channelSums(x, null, mean);
            b.affine(mean, 1f / count, 0f, mean);
            b.affine(mean, -1f, 0f, shift);
            b.channelAffine(x, ones, shift, xhat);
            b.channelSums(xhat, xhat, var);
            b.affine(var, 1f / count, 0f, var);
            inverseStd(b, var);
            b.channelAffine(xhat, invStd, zeros, xhat);
            b.channelAffine(xhat, gamma.value(), beta.value(), y);
            b.axpby(momentum, mean, 1f - momentum, runningMean.value());
            b.axpby(momentum * count / (count - 1f), var, 1f - momentum, runningVar.value());
            savedNormalised = xhat;
        } else {
            // A fixed affine map: scale = γ/√(running σ² + ε), shift = β − running μ · scale.
            inverseStd(b, runningVar.value());
            b.binary(BinaryOp.MUL, gamma.value(), invStd, scale);
            b.binary(BinaryOp.MUL, runningMean.value(), scale, shift);
            b.binary(BinaryOp.SUB, beta.value(), shift, shift);
            b.channelAffine(x, scale, shift, y);
            savedNormalised = null;
        }
        savedInput = x;
        savedMode = mode;
        savedCount = count;
        return y;
    }

    /** invStd = 1/√(variance + ε). */
    private void inverseStd(Backend b, Tensor variance) {
        b.affine(variance, 1f, eps, invStd);
        b.unary(UnaryOp.SQRT, invStd, invStd);
        b.unary(UnaryOp.RECIPROCAL, invStd, invStd);
    }

    @Override
    public Tensor backward(Tensor dY) {
        requireForward(savedInput, this);
        if (!dY.shape().equals(savedInput.shape())) {
            throw new IllegalArgumentException(this + ": output gradient " + dY.shape() + " does not match the output "
                    + savedInput.shape());
        }
        Backend b = backend;
        Tensor xhat = savedNormalised;
        if (xhat == null) { // evaluation: x̂ = (x − running μ)·invStd, with invStd from the forward pass
            xhat = normalised.like(b, savedInput);
            b.binary(BinaryOp.MUL, runningMean.value(), invStd, shift);
            b.affine(shift, -1f, 0f, shift);
            b.channelAffine(savedInput, invStd, shift, xhat);
        }
        Tensor dGamma = gamma.gradient();
        Tensor dBeta = beta.gradient();
        b.channelSums(dY, null, dBeta);
        b.channelSums(dY, xhat, dGamma);
        if (!inputGradientNeeded) {
            return null;
        }
        Tensor dX = inputGrad.like(b, dY);
        b.binary(BinaryOp.MUL, gamma.value(), invStd, scale);
        if (savedMode == Mode.TRAIN) {
            // dx = γ·invStd · (dy − dβ/M − x̂·dγ/M)
            Tensor t = scratch.like(b, dY);
            b.affine(dGamma, -1f / savedCount, 0f, var);
            b.affine(dBeta, -1f / savedCount, 0f, shift);
            b.channelAffine(xhat, var, shift, t);
            b.binary(BinaryOp.ADD, t, dY, t);
            b.channelAffine(t, scale, zeros, dX);
        } else {
            b.channelAffine(dY, scale, zeros, dX);
        }
        return dX;
    }

    @Override
    public Map<String, String> config() {
        return Map.of("features", Integer.toString(features), "eps", Float.toString(eps),
                "momentum", Float.toString(momentum));
    }

    @Override
    public String toString() {
        return "BatchNorm(" + features + ")";
    }
}
