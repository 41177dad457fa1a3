package nnj.api.backend;

import java.util.Objects;
import nnj.api.Shape;
import nnj.api.Tensor;

/**
 * A tensor stored in a heap {@code float[]}, row-major, from index 0. The built-in backends share
 * this layout, which lets EJML wrap the array without a copy.
 *
 * <p>Only backends should touch {@link #data()}; users go through the {@link Backend}.
 *
 * <p>The handle is immutable (shape, array and owner are fixed); the array's contents are not
 * synchronized, so the thread-safety rules of {@link Tensor} apply. {@link #reshape} allocates a
 * new handle but never a new array.
 */
public final class HeapTensor implements Tensor {
    private final Shape shape;
    private final float[] data;
    private final Backend owner;

    /**
     * Wraps {@code data} (not copied) as a tensor of {@code shape} owned by {@code owner}.
     *
     * @throws IllegalArgumentException if the array is shorter than the shape's size
     */
    public HeapTensor(Shape shape, float[] data, Backend owner) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.data = Objects.requireNonNull(data, "data");
        this.owner = Objects.requireNonNull(owner, "owner");
        if (data.length < shape.size()) {
            throw new IllegalArgumentException("a " + shape + " tensor needs " + shape.size()
                    + " floats, but its array holds " + data.length);
        }
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public Backend backend() {
        return owner;
    }

    /** The backing array; its first {@code size()} elements are the tensor. */
    public float[] data() {
        return data;
    }

    @Override
    public Tensor reshape(Shape newShape) {
        if (newShape.size() != shape.size()) {
            throw new IllegalArgumentException("cannot reshape " + shape + " (" + shape.size()
                    + " elements) to " + newShape + " (" + newShape.size() + " elements)");
        }
        return new HeapTensor(newShape, data, owner);
    }

    @Override
    public boolean sharesStorageWith(Tensor other) {
        return other instanceof HeapTensor && ((HeapTensor) other).data == data;
    }

    @Override
    public String toString() {
        return owner.name() + " tensor " + shape;
    }
}
