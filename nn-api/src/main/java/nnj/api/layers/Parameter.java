package nnj.api.layers;

import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Backend;

/**
 * One trainable tensor of a layer and its gradient, under a stable name ({@code "weight"},
 * {@code "bias"}; a {@link Sequential} prefixes {@code "layers.i."}).
 *
 * <p>Lifecycle: the values first live on the host (filled by an initialiser or read from a model
 * file); {@link #to(Backend)} copies them into tensors of a backend, and moving to another backend
 * copies them again. {@link #value()} and {@link #gradient()} are then the tensors the layer and the
 * optimizer work on.
 */
public final class Parameter {
    private final String localName;
    private String name;
    private final Shape shape;
    private float[] host;
    private Tensor value;
    private Tensor gradient;

    /** A parameter of this shape, zero on the host until initialised. */
    public Parameter(String name, Shape shape) {
        this.localName = name;
        this.name = name;
        this.shape = shape;
        this.host = new float[shape.size()];
    }

    /** The stable name, e.g. {@code "weight"} or {@code "layers.0.weight"}. */
    public String name() {
        return name;
    }

    /** The parameter's shape, fixed. */
    public Shape shape() {
        return shape;
    }

    /** The name within its layer, e.g. {@code "weight"}. */
    public String localName() {
        return localName;
    }

    /** Prefixes the local name, as a container does: {@code "layers.0."} gives {@code "layers.0.weight"}. */
    void qualify(String prefix) {
        this.name = prefix + localName;
    }

    /** Whether the values live in a backend's tensor yet. */
    public boolean isBound() {
        return value != null;
    }

    /** The values on the backend. */
    public Tensor value() {
        if (value == null) {
            throw new IllegalStateException("parameter " + name + " " + shape
                    + " is not on a backend yet; call model.to(backend) first");
        }
        return value;
    }

    /** The gradient of the loss with respect to {@link #value()}, written by the layer's backward pass. */
    public Tensor gradient() {
        if (gradient == null) {
            throw new IllegalStateException("parameter " + name + " has no gradient: call model.to(backend) first");
        }
        return gradient;
    }

    /** A copy of the current values on the host. */
    public float[] values() {
        if (value != null) {
            return value.toArray();
        }
        return host.clone();
    }

    /** Sets the values from the host (copied); works before and after binding. */
    public void setValues(float[] values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("parameter " + name + " " + shape + " needs " + shape.size()
                    + " values, got " + values.length);
        }
        if (value != null) {
            value.copyFrom(values);
        } else {
            host = values.clone();
        }
    }

    /** Moves the values to {@code backend} (a no-op when already there). */
    public void to(Backend backend) {
        if (value != null && value.backend() == backend) {
            return;
        }
        float[] current = values();
        value = backend.tensor(shape);
        value.copyFrom(current);
        gradient = backend.tensor(shape);
        host = null;
    }

    @Override
    public String toString() {
        return name + " " + shape + (value == null ? " (host)" : " on " + value.backend().name());
    }
}
