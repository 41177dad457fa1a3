package nnj.api.backend;

import java.util.Objects;

/**
 * Whether a backend can run in this JVM, and if not, why and how to fix it. Immutable.
 *
 * @param supported whether {@link BackendProvider#create()} will work here
 * @param reason    empty when supported; otherwise what is missing and what to do, for example
 *                  {@code "start the JVM with --add-modules jdk.incubator.vector"}
 */
public record Support(boolean supported, String reason) {
    /**
     * @throws NullPointerException if {@code reason} is null (use {@code ""} when supported)
     */
    public Support {
        Objects.requireNonNull(reason, "reason");
    }

    /** The backend can run here. */
    public static Support yes() {
        return new Support(true, "");
    }

    /** The backend cannot run here, for the given reason (which should say how to fix it). */
    public static Support no(String reason) {
        return new Support(false, reason);
    }
}
