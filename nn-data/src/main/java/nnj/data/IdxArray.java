package nnj.data;

import java.util.Arrays;

/**
 * The contents of one IDX file of unsigned bytes: its dimensions and its elements, row-major.
 * Read one with {@link IdxReader#read(java.nio.file.Path)}.
 *
 * <p>Thread safety: immutable; safe to share between threads.
 */
public final class IdxArray {
    private final int[] dims;
    private final byte[] data;

    IdxArray(int[] dims, byte[] data) {
        this.dims = dims;
        this.data = data;
    }

    /** The number of dimensions (1 for a label file, 3 for a stack of images). */
    public int rank() {
        return dims.length;
    }

    /** The size of dimension {@code d}. */
    public int dim(int d) {
        return dims[d];
    }

    /** All dimensions (a copy). */
    public int[] dims() {
        return dims.clone();
    }

    /** The number of elements: the product of the dimensions. */
    public int size() {
        return data.length;
    }

    /** Element {@code i} (row-major) as a value in [0, 255]. */
    public int unsigned(int i) {
        return data[i] & 0xff;
    }

    /** Every element times {@code scale}, as floats (allocates one array). */
    public float[] toFloats(float scale) {
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (data[i] & 0xff) * scale;
        }
        return out;
    }

    /**
     * Every element divided by 255, into [0, 1], as floats (allocates one array). Each value is
     * the correctly rounded {@code v / 255f}, which multiplying by a rounded 1/255 is not always.
     */
    public float[] toUnitFloats() {
        float[] table = new float[256];
        for (int v = 0; v < 256; v++) {
            table[v] = v / 255f;
        }
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = table[data[i] & 0xff];
        }
        return out;
    }

    /** Every element as an int in [0, 255]. */
    public int[] toInts() {
        int[] out = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = data[i] & 0xff;
        }
        return out;
    }

    @Override
    public String toString() {
        return "IdxArray" + Arrays.toString(dims);
    }
}
