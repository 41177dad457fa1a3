package nnj.backend.ejml;

import org.ejml.data.FMatrixRMaj;

/**
 * Three reusable EJML matrix headers that a kernel points at its arrays: the same no-copy view as
 * {@link FMatrixRMaj#wrap}, without allocating a header on every call, so that a warm training
 * step on one thread allocates nothing.
 *
 * <p>One set per backend instance; a backend is used from one caller thread at a time, and EJML's
 * threaded products only read the headers while the call runs. A header keeps a reference to the
 * array it last showed until the next kernel points it elsewhere.
 */
final class MatrixViews {
    private final FMatrixRMaj first = new FMatrixRMaj(0, 0);
    private final FMatrixRMaj second = new FMatrixRMaj(0, 0);
    private final FMatrixRMaj third = new FMatrixRMaj(0, 0);

    /** The first header, showing {@code data} as a rows×cols row-major matrix. */
    FMatrixRMaj first(float[] data, int rows, int cols) {
        return point(first, data, rows, cols);
    }

    /** The second header, distinct from the first, so EJML never sees one matrix as two operands. */
    FMatrixRMaj second(float[] data, int rows, int cols) {
        return point(second, data, rows, cols);
    }

    /** The third header, for an output. */
    FMatrixRMaj third(float[] data, int rows, int cols) {
        return point(third, data, rows, cols);
    }

    private static FMatrixRMaj point(FMatrixRMaj m, float[] data, int rows, int cols) {
        // FMatrixRMaj's fields are public; this is what FMatrixRMaj.wrap does to a new header.
        m.data = data;
        m.numRows = rows;
        m.numCols = cols;
        return m;
    }
}
