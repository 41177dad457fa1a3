package nnj.api.model;

import java.util.List;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import nnj.api.layers.Layer;
import nnj.api.layers.Mode;
import nnj.api.layers.Sequential;
import nnj.api.layers.Softmax;
import nnj.api.metrics.Metrics;

/**
 * Inference: a model's outputs for raw samples. The model's stored input scaling is applied, then
 * the layers run in evaluation mode, in batches of {@value #BATCH} rows so that a large input does
 * not need one huge activation tensor. Allocates; meant for inference, not for the training loop.
 *
 * <p>Stateless; the model itself is not thread-safe, so one model serves one thread at a time.
 */
public final class Predictor {
    /** Rows per forward pass. */
    static final int BATCH = 256;

    private Predictor() {
    }

    /**
     * The outputs for {@code rows} raw samples (row-major, {@code inputWidth} floats each):
     * rows × {@code outputWidth} floats.
     */
    public static float[] predict(Sequential model, float[] features, int rows) {
        Backend backend = model.backend();
        if (backend == null) {
            throw new IllegalStateException("the model is not on a backend yet; call model.to(backend) first");
        }
        int in = model.inputWidth();
        int out = model.outputWidth();
        if (in < 0 || out < 0) {
            throw new IllegalStateException("predict needs a model whose first layer fixes the input width");
        }
        if (features.length != (long) rows * in) {
            throw new IllegalArgumentException("predict: " + rows + " samples of " + in
                    + " features need " + ((long) rows * in) + " floats, got " + features.length);
        }
        float[] x = features;
        if (model.metadata().normalization() != null) {
            x = features.clone();
            model.metadata().normalization().applyInPlace(x, rows);
        }
        float[] result = new float[rows * out];
        Tensor full = null;
        for (int from = 0; from < rows; from += BATCH) {
            int n = Math.min(BATCH, rows - from);
            Tensor batch = n == BATCH ? (full != null ? full : (full = backend.tensor(BATCH, in)))
                    : backend.tensor(n, in);
            backend.upload(x, from * in, batch);
            Tensor y = model.forward(batch, Mode.EVAL);
            backend.download(y, result, from * out);
        }
        checkFinite(result, out, features, in);
        return result;
    }

    /**
     * A non-finite output is never a prediction: it means the inputs overflowed float arithmetic
     * (or the weights are not finite). Refused with the sample and its largest input.
     */
    private static void checkFinite(float[] result, int out, float[] features, int in) {
        for (int i = 0; i < result.length; i++) {
            if (!Float.isFinite(result[i])) {
                int row = i / out;
                int col = 0;
                for (int c = 1; c < in; c++) {
                    if (Math.abs(features[row * in + c]) > Math.abs(features[row * in + col])) {
                        col = c;
                    }
                }
                throw new NonFiniteOutputException(row, "the model's output is " + result[i]
                        + ", not a number a prediction can be; its largest input (feature " + (col + 1) + " = "
                        + features[row * in + col] + ") is too large for float arithmetic: rescale the inputs");
            }
        }
    }

    /** The outputs for every sample of {@code data} (raw features). */
    public static float[] predict(Sequential model, Dataset data) {
        return predict(model, data.featureArray(), data.size());
    }

    /**
     * Class probabilities for {@code rows} raw samples of a classifier: rows × classes floats, each
     * row summing to 1. A model that ends in a {@link Softmax} layer already outputs them; otherwise
     * its outputs are logits and get a softmax (in double, shifted by the row maximum so that large
     * logits cannot overflow).
     *
     * @throws IllegalStateException for a regression model, which has no classes
     */
    public static float[] predictProbabilities(Sequential model, float[] features, int rows) {
        if (model.metadata().task() == Task.REGRESSION) {
            throw new IllegalStateException("a regression model has no class probabilities; use predict");
        }
        float[] out = predict(model, features, rows);
        List<Layer> layers = model.layers();
        return layers.get(layers.size() - 1) instanceof Softmax ? out : softmaxRows(out, model.outputWidth());
    }

    /** Row-wise softmax of logits on the host, in double, shifted by each row's maximum. */
    public static float[] softmaxRows(float[] logits, int cols) {
        float[] p = new float[logits.length];
        for (int o = 0; o < logits.length; o += cols) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, logits[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(logits[o + j] - max);
            }
            for (int j = 0; j < cols; j++) {
                p[o + j] = (float) (Math.exp(logits[o + j] - max) / sum);
            }
        }
        return p;
    }

    /** The most likely class of every sample of {@code data}: the arg-max of the outputs. */
    public static int[] predictClasses(Sequential model, Dataset data) {
        return Metrics.argmaxRows(predict(model, data), model.outputWidth());
    }
}
