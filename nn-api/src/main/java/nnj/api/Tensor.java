package nnj.api;

import nnj.api.backend.Backend;

/**
 * A dense, contiguous, row-major float32 array of rank 1 to 4, owned by the {@link Backend} that
 * created it.
 *
 * <p>A tensor is a handle: its storage belongs to the backend (a heap {@code float[]} for the
 * built-in backends, but it could be off-heap or on a device). All arithmetic goes through the
 * backend's kernels; this interface only moves data between the tensor and the host.
 *
 * <p>Thread safety: none. A tensor may be read by several threads at once, but a write must not
 * overlap with any other access.
 *
 * <p>Allocation: a tensor is created, and its storage allocated, only by
 * {@link Backend#tensor(Shape)} and {@link Backend#fromArray}. {@link #copyFrom}, {@link #copyTo}
 * and {@link #reshape} allocate no storage; {@link #toArray()} allocates the host array it returns.
 */
public interface Tensor {

    /** The shape, fixed for the tensor's life. */
    Shape shape();

    /** The backend that created this tensor and whose kernels operate on it. */
    Backend backend();

    /** The number of elements. */
    default int size() {
        return shape().size();
    }

    /** Shorthand for {@code shape().rows()}: the rows of the matrix view. */
    default int rows() {
        return shape().rows();
    }

    /** Shorthand for {@code shape().cols()}: the last dimension. */
    default int cols() {
        return shape().cols();
    }

    /**
     * Copies {@code size()} floats from the host, in row-major order, into this tensor.
     *
     * @throws IllegalArgumentException if {@code src.length != size()}, naming both
     */
    default void copyFrom(float[] src) {
        if (src.length != size()) {
            throw new IllegalArgumentException("copyFrom: " + src.length + " floats for a tensor " + shape()
                    + " of " + size());
        }
        backend().upload(src, 0, this);
    }

    /**
     * Copies this tensor's elements, in row-major order, into {@code dst} (no allocation).
     *
     * @throws IllegalArgumentException if {@code dst.length != size()}, naming both
     */
    default void copyTo(float[] dst) {
        if (dst.length != size()) {
            throw new IllegalArgumentException("copyTo: an array of " + dst.length + " floats for a tensor " + shape()
                    + " of " + size());
        }
        backend().download(this, dst, 0);
    }

    /** A new host array holding this tensor's elements in row-major order. Allocates. */
    default float[] toArray() {
        float[] out = new float[size()];
        copyTo(out);
        return out;
    }

    /**
     * A view of the same storage with another shape of the same size: writes through either are
     * seen by both. Allocates a small handle, never storage. Used to flatten an image batch (N, C, H, W) into (N, C·H·W) without a copy.
     *
     * @throws IllegalArgumentException if the sizes differ, naming both shapes
     */
    Tensor reshape(Shape shape);

    /** Whether this tensor and {@code other} are backed by the same storage (a view or itself). */
    boolean sharesStorageWith(Tensor other);
}
