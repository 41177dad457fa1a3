package nnj.api.layers;

import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Backend;

/**
 * A reusable scratch tensor for one role in a layer (its output, its input gradient, ...).
 *
 * <p>It keeps the tensors of the last two shapes it was asked for, so a training loop that
 * alternates between full batches and a shorter last batch (or between training and evaluation)
 * allocates only on the first pass. A hit allocates nothing: shapes are compared in place.
 *
 * <p>Not thread-safe; it belongs to one layer.
 */
public final class Workspace {
    private Tensor recent;
    private Tensor older;

    /** A (rows, cols) tensor of {@code backend}, reused when one of that shape is cached. */
    public Tensor matrix(Backend backend, int rows, int cols) {
        if (matches(recent, backend, rows, cols)) {
            return recent;
        }
        if (matches(older, backend, rows, cols)) {
            return swap();
        }
        return remember(backend.tensor(rows, cols));
    }

    /** A tensor of {@code backend} with the same shape as {@code like}, reused when cached. */
    public Tensor like(Backend backend, Tensor like) {
        return shaped(backend, like.shape());
    }

    /** A tensor of {@code backend} with this shape, reused when cached. */
    public Tensor shaped(Backend backend, Shape shape) {
        if (recent != null && recent.backend() == backend && recent.shape().equals(shape)) {
            return recent;
        }
        if (older != null && older.backend() == backend && older.shape().equals(shape)) {
            return swap();
        }
        return remember(backend.tensor(shape));
    }

    /** Drops the cached tensors (after a move to another backend). */
    public void clear() {
        recent = null;
        older = null;
    }

    private static boolean matches(Tensor t, Backend backend, int rows, int cols) {
        return t != null && t.backend() == backend && t.shape().rank() == 2 && t.rows() == rows && t.cols() == cols;
    }

    private Tensor swap() {
        Tensor t = older;
        older = recent;
        recent = t;
        return t;
    }

    private Tensor remember(Tensor t) {
        older = recent;
        recent = t;
        return t;
    }
}
