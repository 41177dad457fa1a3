package nnj.bench.mlp;

import java.util.Random;
import nnj.api.Tensor;
import nnj.api.backend.Activation;
import nnj.api.backend.Backend;
import nnj.api.backend.BinaryOp;

/**
 * A ReLU MLP trained with softmax cross-entropy and Adam, wired straight onto the backend SPI with
 * every workspace allocated up front. It is the same arithmetic that nnj's layers run (dense forward
 * with the activation fused, dW = Xᵀ·dY, db = column sums, dX = dY·Wᵀ skipped for the first layer,
 * one fused Adam update per parameter), so it measures the backend with no layer code around it.
 */
public final class KernelMlp {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private final Backend be;
    private final MlpShape shape;
    private final float lr;
    private final Tensor[] weights;
    private final Tensor[] biases;
    private final Tensor[] activations; // activations[0] is the input batch
    private final Tensor[] deltas;      // dL/d(pre-activation) of each layer's output
    private final Tensor[] inputGrads;  // dL/d(input) of each layer except the first
    private final Tensor[] params;
    private final Tensor[] grads;
    private final Tensor[] m;
    private final Tensor[] v;
    private final Tensor[] scratch;
    private final Tensor target;
    private final Tensor rowWork;
    private int step;

    /** He-initialised weights (zero biases) from {@code seed}, and workspaces for {@code batch} rows. */
    public KernelMlp(Backend be, MlpShape shape, int batch, float lr, long seed) {
        this.be = be;
        this.shape = shape;
        this.lr = lr;
        int layers = shape.layers();
        Random random = new Random(seed);
        weights = new Tensor[layers];
        biases = new Tensor[layers];
        activations = new Tensor[layers + 1];
        deltas = new Tensor[layers];
        inputGrads = new Tensor[layers];
        params = new Tensor[2 * layers];
        grads = new Tensor[2 * layers];
        activations[0] = be.tensor(batch, shape.inputs());
        for (int l = 0; l < layers; l++) {
            weights[l] = heInit(random, shape.in(l), shape.out(l));
            biases[l] = be.tensor(shape.out(l));
            activations[l + 1] = be.tensor(batch, shape.out(l));
            deltas[l] = be.tensor(batch, shape.out(l));
            if (l > 0) {
                inputGrads[l] = be.tensor(batch, shape.in(l));
            }
            params[2 * l] = weights[l];
            params[2 * l + 1] = biases[l];
            grads[2 * l] = be.tensor(shape.in(l), shape.out(l));
            grads[2 * l + 1] = be.tensor(shape.out(l));
        }
        m = new Tensor[params.length];
        v = new Tensor[params.length];
        scratch = new Tensor[params.length];
        for (int i = 0; i < params.length; i++) {
            m[i] = be.tensor(params[i].shape());
            v[i] = be.tensor(params[i].shape());
            scratch[i] = be.tensor(params[i].shape());
        }
        target = be.tensor(batch, shape.classes());
        rowWork = be.tensor(batch);
    }

    private Tensor heInit(Random random, int in, int out) {
        float[] w = new float[in * out];
        double std = Math.sqrt(2.0 / in);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * std);
        }
        return be.fromArray(w, in, out);
    }

    /** Loads a batch: inputs (batch × inputs, row-major) and class labels. */
    public void load(float[] inputs, int[] labels) {
        activations[0].copyFrom(inputs);
        float[] oneHot = new float[target.size()];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * shape.classes() + labels[i]] = 1f;
        }
        target.copyFrom(oneHot);
    }

    /** The forward pass on the loaded batch; returns the logits. */
    public Tensor forward() {
        int last = shape.layers() - 1;
        for (int l = 0; l <= last; l++) {
            Activation act = l == last ? Activation.IDENTITY : Activation.RELU;
            be.denseForward(activations[l], weights[l], biases[l], act, activations[l + 1]);
        }
        return activations[last + 1];
    }

    /** One training step (forward, loss, backward, Adam) on the loaded batch; returns the loss. */
    public double trainStep() {
        int last = shape.layers() - 1;
        Tensor logits = forward();
        double loss = be.softmaxCrossEntropy(logits, target, deltas[last], rowWork);
        for (int l = last; l >= 0; l--) {
            be.gemm(true, false, 1f, activations[l], deltas[l], 0f, grads[2 * l]);
            be.sumColumns(deltas[l], 0f, grads[2 * l + 1]);
            if (l > 0) { // the first layer's input gradient is never needed
                be.gemm(false, true, 1f, deltas[l], weights[l], 0f, inputGrads[l]);
                // ReLU's derivative read from its output: y > 0 exactly where x > 0
                be.binary(BinaryOp.RELU_BACKWARD, activations[l], inputGrads[l], deltas[l - 1]);
            }
        }
        adam();
        return loss;
    }

    private void adam() {
        step++;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = Math.sqrt(1 - Math.pow(BETA2, step));
        float stepSize = (float) (lr * c2 / c1);
        float epsHat = (float) (EPS * c2);
        for (int i = 0; i < params.length; i++) {
            be.adamUpdate(params[i], grads[i], m[i], v[i], BETA1, BETA2, stepSize, epsHat, 1f, scratch[i]);
        }
    }

    /** A synthetic MNIST-shaped batch: pixels in [0, 1), labels uniform over the classes. */
    public static void syntheticBatch(Random random, float[] inputs, int[] labels, int classes) {
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextFloat();
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(classes);
        }
    }
}
