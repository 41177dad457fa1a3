package org.example.nnj.checked;

import nnj.api.backend.Backend;
import nnj.api.backend.BackendProvider;
import nnj.api.backend.Support;
import nnj.backend.naive.NaiveBackend;

/**
 * Makes the {@code checked} backend discoverable: listed in
 * {@code META-INF/services/nnj.api.backend.BackendProvider}, found by {@link java.util.ServiceLoader}.
 *
 * <p>Its priority, −10, is below naive's 0, so {@code checked} is never picked by default: you ask
 * for it by name ({@code --backend checked}, {@code -Dnnj.backend=checked} or
 * {@code NNJ_BACKEND=checked}).
 */
public final class CheckedProvider implements BackendProvider {
    /** The name users pass to {@code --backend}. */
    public static final String NAME = "checked";
    /** The system property that turns on the refusal of NaN and infinite inputs. */
    public static final String FINITE_PROPERTY = "nnj.checked.finite";

    /** Public no-argument constructor: {@link java.util.ServiceLoader} needs it. */
    public CheckedProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return -10;
    }

    /**
     * Supported when the delegate, naive, is on the class path. A support check must not throw,
     * and its reason must say how to fix the problem.
     */
    @Override
    public Support support() {
        try {
            Class.forName("nnj.backend.naive.NaiveBackend", false, CheckedProvider.class.getClassLoader());
            return Support.yes();
        } catch (ClassNotFoundException | LinkageError e) {
            return Support.no("it delegates to the naive backend; put nn-backend-naive on the class path");
        }
    }

    /** A new backend over a new naive instance; {@code -Dnnj.checked.finite=true} also refuses NaN/Inf inputs. */
    @Override
    public Backend create() {
        return new CheckedBackend(new NaiveBackend(), Boolean.getBoolean(FINITE_PROPERTY));
    }
}
