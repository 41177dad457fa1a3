package nnj.api;

import java.util.Arrays;

/**
 * The immutable shape of a {@link Tensor}: rank 1 to 4, every dimension at least 0.
 *
 * <p>Row-wise kernels view any tensor as a matrix of {@link #rows()} by {@link #cols()}: the last
 * dimension is the row length and the leading dimensions are flattened. A rank-1 shape {@code (n)}
 * is one row of {@code n}.
 *
 * <p>Thread safety: immutable, so safe to share.
 */
public final class Shape {
    /** The largest rank nnj supports (enough for a batch of images: N, C, H, W). */
    public static final int MAX_RANK = 4;

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        if (dims.length < 1 || dims.length > MAX_RANK) {
            throw new IllegalArgumentException(
                    "a tensor has rank 1 to " + MAX_RANK + ", got rank " + dims.length + " " + Arrays.toString(dims));
        }
        long product = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
            }
            product *= d;
            if (product > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims)
                        + " has more than 2^31 elements, which one float[] cannot hold");
            }
        }
        this.dims = dims;
        this.size = (int) product;
    }

    /** A shape with the given dimensions (copied). */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** The number of dimensions, 1 to 4. */
    public int rank() {
        return dims.length;
    }

    /** Dimension {@code i}, counted from 0. */
    public int dim(int i) {
        return dims[i];
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** The number of elements: the product of the dimensions. */
    public int size() {
        return size;
    }

    /** The row length of the matrix view: the last dimension. */
    public int cols() {
        return dims[dims.length - 1];
    }

    /** The number of rows of the matrix view: the product of all but the last dimension. */
    public int rows() {
        int c = cols();
        if (c != 0) {
            return size / c;
        }
        int r = 1;
        for (int i = 0; i < dims.length - 1; i++) {
            r *= dims[i];
        }
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Written like {@code (128, 784)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(dims[i]);
        }
        return sb.append(')').toString();
    }
}
