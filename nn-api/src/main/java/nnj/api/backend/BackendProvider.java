package nnj.api.backend;

/**
 * The service that {@link java.util.ServiceLoader} finds for each backend. A backend jar lists its
 * implementation in {@code META-INF/services/nnj.api.backend.BackendProvider}.
 *
 * <p>Providers must be cheap to construct and must not fail: anything that can go wrong belongs
 * in {@link #support()}, so that {@link Backends} can list the backend with the reason.
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
