package nnj.examples.cli.options;

import nnj.api.backend.Backend;
import nnj.api.backend.Backends;
import picocli.CommandLine.Option;

/** {@code --backend} and {@code --threads}, shared by every command that computes. */
public final class BackendOptions {

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Compute backend (default: -Dnnj.backend, NNJ_BACKEND, else the best available; "
                    + "see `nnj backends`).")
    String name;

    @Option(names = "--threads", paramLabel = "N", description = "Threads the backend may use (default: the backend's own).")
    Integer threads;

    /** The options as if {@code --backend name} and {@code --threads threads} (null: the backend's own) were given. */
    public static BackendOptions of(String name, Integer threads) {
        BackendOptions o = new BackendOptions();
        o.name = name;
        o.threads = threads;
        return o;
    }

    /** The chosen backend with the thread count applied; an unknown name fails listing every backend. */
    public Backend backend() {
        return configure(Backends.named(name));
    }

    /** Applies {@code --threads} to {@code backend}. */
    Backend configure(Backend backend) {
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
            }
            backend.setThreads(threads);
        }
        return backend;
    }
}
