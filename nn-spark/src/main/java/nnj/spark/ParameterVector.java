package nnj.spark;

import java.util.List;
import nnj.api.Tensor;
import nnj.api.layers.Parameter;
import nnj.api.layers.Sequential;

/**
 * A model's parameters (or their gradients) as one flat float vector, in {@link Sequential#parameters()}
 * order: what the driver broadcasts and the executors send back.
 */
public final class ParameterVector {
    private ParameterVector() {
    }

    /** The number of floats in the flat vector of {@code model}. */
    public static int size(Sequential model) {
        long n = model.parameterCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a model of " + n + " parameters does not fit one Java array");
        }
        return (int) n;
    }

    /** The weights, downloaded from the model's backend. */
    public static float[] values(Sequential model) {
        float[] flat = new float[size(model)];
        int off = 0;
        for (Parameter p : model.parameters()) {
            float[] v = p.values(); // from the backend, or the host before the model is placed
            System.arraycopy(v, 0, flat, off, v.length);
            off += v.length;
        }
        return flat;
    }

    /** Uploads {@code flat} into the model's weights. */
    public static void setValues(Sequential model, float[] flat) {
        check(model, flat);
        int off = 0;
        for (Parameter p : model.parameters()) {
            if (p.isBound()) {
                Tensor t = p.value();
                t.backend().upload(flat, off, t);
            } else {
                p.setValues(java.util.Arrays.copyOfRange(flat, off, off + (int) p.shape().size()));
            }
            off += (int) p.shape().size();
        }
    }

    /** Adds {@code scale} × the gradients now in the model's parameters to {@code acc}. */
    public static void addGradients(Sequential model, float scale, float[] acc, float[] scratch) {
        int off = 0;
        for (Parameter p : model.parameters()) {
            Tensor g = p.gradient();
            int n = (int) p.shape().size();
            g.backend().download(g, scratch, 0);
            for (int i = 0; i < n; i++) {
                acc[off + i] += scale * scratch[i];
            }
            off += n;
        }
    }

    /** Uploads {@code flat} into the model's gradient tensors (before an optimizer step). */
    public static void setGradients(Sequential model, float[] flat) {
        check(model, flat);
        int off = 0;
        for (Parameter p : model.parameters()) {
            Tensor g = p.gradient();
            g.backend().upload(flat, off, g);
            off += (int) p.shape().size();
        }
    }

    /** The largest parameter tensor, for sizing a scratch array. */
    public static int largest(Sequential model) {
        int max = 0;
        for (Parameter p : model.parameters()) {
            max = Math.max(max, (int) p.shape().size());
        }
        return max;
    }

    private static void check(Sequential model, float[] flat) {
        List<Parameter> ps = model.parameters();
        if (flat.length != size(model)) {
            throw new IllegalArgumentException("a flat vector of " + flat.length + " floats does not fit a model of "
                    + size(model) + " parameters in " + ps.size() + " tensors");
        }
    }
}
