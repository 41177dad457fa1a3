package org.example.nnj.checked;

import java.util.Objects;
import nnj.api.Shape;
import nnj.api.Tensor;
import nnj.api.backend.Backend;

/**
 * A tensor of the {@link CheckedBackend}: a handle around a tensor of the delegate backend.
 *
 * <p>Why a wrapper and not the delegate's tensor itself: a tensor belongs to the backend that
 * created it ({@link Tensor#backend()}), and every backend refuses tensors of another one. If
 * {@code checked} handed out naive's tensors, they would report naive as their owner, and the
 * checks would be bypassed whenever a user called naive directly with them. Wrapping keeps
 * ownership honest: users only ever see {@code checked} tensors, and only the backend unwraps them.
 */
final class CheckedTensor implements Tensor {
    private final CheckedBackend owner;
    private final Tensor inner;

    CheckedTensor(CheckedBackend owner, Tensor inner) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /** The delegate's tensor; only {@link CheckedBackend} calls this, after checking ownership. */
    Tensor inner() {
        return inner;
    }

    @Override
    public Shape shape() {
        return inner.shape();
    }

    @Override
    public Backend backend() {
        return owner;
    }

    /** A view with another shape: still a {@code checked} tensor, sharing the delegate's storage. */
    @Override
    public Tensor reshape(Shape shape) {
        return new CheckedTensor(owner, inner.reshape(shape));
    }

    /** Storage is the delegate's, so two wrappers share storage exactly when their inner tensors do. */
    @Override
    public boolean sharesStorageWith(Tensor other) {
        return other instanceof CheckedTensor && inner.sharesStorageWith(((CheckedTensor) other).inner);
    }

    @Override
    public String toString() {
        return "checked tensor " + shape();
    }
}
