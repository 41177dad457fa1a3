package nnj.api.layers;

import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Backend;

/**
 * A reusable scratch tensor for one role in a layer (its output, its input gradient, ...).
 *
 * <p>It keeps the tensors of the last three shapes it was asked for, so a training run that
 * alternates between full batches, the shorter last training batch and the last validation batch
 * allocates only in its first epoch. A hit allocates nothing: shapes are compared in place.
 */
public final class Workspace {
    /** An empty workspace; tensors are allocated on first use. */
    public Workspace() {
    }

    private static final int SLOTS = 3;
    /** Most recently used first. */
    private final Tensor[] cached = new Tensor[SLOTS];

    /** A (rows, cols) tensor of {@code backend}, reused when one of that shape is cached. */
    public Tensor matrix(Backend backend, int rows, int cols) {
        for (int i = 0; i < SLOTS; i++) {
            Tensor t = cached[i];
            if (t != null && t.backend() == backend && t.shape().rank() == 2 && t.rows() == rows && t.cols() == cols) {
                return use(i);
            }
        }
        return remember(backend.tensor(rows, cols));
    }

    /** A tensor of {@code backend} with the same shape as {@code like}, reused when cached. */
    public Tensor like(Backend backend, Tensor like) {
        return shaped(backend, like.shape());
    }

    /** A tensor of {@code backend} with this shape, reused when cached. */
    public Tensor shaped(Backend backend, Shape shape) {
        for (int i = 0; i < SLOTS; i++) {
            Tensor t = cached[i];
            if (t != null && t.backend() == backend && t.shape().equals(shape)) {
                return use(i);
            }
        }
        return remember(backend.tensor(shape));
    }

    /** Drops the cached tensors (after a move to another backend). */
    public void clear() {
        for (int i = 0; i < SLOTS; i++) {
            cached[i] = null;
        }
    }

    /** Moves slot i to the front and returns its tensor. */
    private Tensor use(int i) {
        Tensor t = cached[i];
        for (int j = i; j > 0; j--) {
            cached[j] = cached[j - 1];
        }
        cached[0] = t;
        return t;
    }

    /** Puts a new tensor in front, dropping the least recently used. */
    private Tensor remember(Tensor t) {
        for (int j = SLOTS - 1; j > 0; j--) {
            cached[j] = cached[j - 1];
        }
        cached[0] = t;
        return t;
    }
}
