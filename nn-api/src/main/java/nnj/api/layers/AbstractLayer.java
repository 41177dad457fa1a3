package nnj.api.layers;

import nnj.api.Tensor;
import nnj.api.backend.Backend;

/** Shared plumbing: the bound backend, the input-gradient flag and clear error messages. Not thread-safe, like every layer. */
public abstract class AbstractLayer implements Layer {
    /** For subclasses. */
    protected AbstractLayer() {
    }

    /** The backend the layer was moved to, or null. */
    protected Backend backend;
    /** Whether {@code backward} must return dL/d(input). */
    protected boolean inputGradientNeeded = true;

    @Override
    public void to(Backend backend) {
        this.backend = backend;
        clearWorkspaces();
    }

    /** Drops workspaces that belong to the previous backend. */
    protected abstract void clearWorkspaces();

    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    /** The backend, or a clear error when the layer was never moved to one. */
    protected Backend backend(Tensor input) {
        if (backend == null) {
            throw new IllegalStateException(this + ": not on a backend yet; call model.to(backend) first");
        }
        return backend;
    }

    /**
     * The checks at the start of every {@code backward}: forward ran ({@code savedOutput} is its
     * output), and the output gradient has the output's shape. Returns whether the input gradient
     * is needed.
     */
    protected final boolean checkBackward(Tensor dY, Tensor savedOutput) {
        requireForward(savedOutput, this);
        if (!dY.shape().equals(savedOutput.shape())) {
            throw new IllegalArgumentException(this + ": output gradient " + dY.shape()
                    + " does not match the output " + savedOutput.shape());
        }
        return inputGradientNeeded;
    }

    /**
     * {@code t} viewed with {@code shape}, from {@code views} when a view of that tensor with that
     * shape was made recently (views are small handles, but a warm step must not allocate them).
     */
    protected static Tensor viewOf(Recent<Tensor, Tensor> views, Tensor t, nnj.api.Shape shape) {
        if (t.shape().equals(shape)) {
            return t;
        }
        Tensor view = views.get(t);
        if (view == null || !view.shape().equals(shape)) {
            view = views.put(t, t.reshape(shape));
        }
        return view;
    }

    /** Throws if backward is called before forward. */
    protected static void requireForward(Object saved, Layer layer) {
        if (saved == null) {
            throw new IllegalStateException(layer + ": backward called before forward");
        }
    }

    @Override
    public String toString() {
        return type();
    }
}
