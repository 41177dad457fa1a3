package nnj.api.backend;

/**
 * The service that {@link java.util.ServiceLoader} finds for each backend. A backend jar lists its
 * implementation in {@code META-INF/services/nnj.api.backend.BackendProvider}.
 *
 * <p>Providers must be cheap to construct and must not fail: anything that can go wrong belongs
 * in {@link #support()}, so that {@link Backends} can list the backend with the reason. A provider
 * needs a public no-argument constructor, as {@link java.util.ServiceLoader} requires.
 *
 * <p>Thread safety: {@link #name()}, {@link #priority()} and {@link #support()} may be called more
 * than once and from any thread, so keep them stateless (or cache an immutable answer).
 * {@link #create()} is called at most once per registry ({@link BackendRegistry} shares the
 * instance); it may allocate worker threads and caches, which the backend's
 * {@link Backend#close()} releases.
 *
 * <p>A walk-through of writing one: {@code docs/WRITING_A_BACKEND.md}.
 */
public interface BackendProvider {

    /** A short lower-case name such as {@code "naive"}; what users pass to {@code --backend}. */
    String name();

    /** Higher wins when no backend is named. The built-ins use naive 0, ejml 50, simd 100. */
    int priority();

    /** Whether this backend can run in this JVM, and if not, why. Must not throw. */
    Support support();

    /** A new backend instance. Only called when {@link #support()} says it is supported. */
    Backend create();
}
