package nnj.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import nnj.api.backend.Backend;
import nnj.api.backend.BackendProvider;
import nnj.api.backend.Backends;
import java.util.ServiceLoader;

/**
 * Backends on an executor JVM. A backend serves one caller thread at a time, and an executor runs
 * several tasks at once, so scoring borrows a backend from a pool: each is built once (ServiceLoader,
 * the usual selection rules) and reused by every later task of that executor; there are at most as
 * many as tasks ran at the same time.
 */
public final class ExecutorBackends {
    private static final Map<String, ConcurrentLinkedQueue<Backend>> POOLS = new ConcurrentHashMap<>();

    private ExecutorBackends() {
    }

    /**
     * A new backend instance of its own: {@code name}, or for null the usual rules (-Dnnj.backend,
     * NNJ_BACKEND, else the best supported). {@link Backends} shares one instance per provider, and a
     * backend serves one thread at a time, so concurrent tasks each need a fresh one from the provider.
     */
    public static Backend create(String name, int threads) {
        String chosen = (name == null || name.isBlank() ? Backends.best() : Backends.named(name)).name();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equalsIgnoreCase(chosen)) {
                Backend b = p.create();
                b.setThreads(threads);
                return b;
            }
        }
        throw new IllegalStateException("backend " + chosen + " was selected but its provider is not on the class path");
    }

    /** A pooled backend; give it back with {@link #release}. */
    static Backend borrow(String name, int threads) {
        Backend b = pool(name, threads).poll();
        return b != null ? b : create(name, threads);
    }

    static void release(String name, int threads, Backend backend) {
        pool(name, threads).add(backend);
    }

    private static ConcurrentLinkedQueue<Backend> pool(String name, int threads) {
        return POOLS.computeIfAbsent(name + "/" + threads, k -> new ConcurrentLinkedQueue<>());
    }
}
