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
            backend.setThreads(checkThreads(threads));
        }
        return backend;
    }

    /**
     * A {@code --threads} value, refused outside 1 … 4 × the processors (at most 256): a backend
     * starts one worker per thread, and far more workers than cores only wait for each other (a
     * hundred thousand of them never got through their first kernel).
     */
    public static int checkThreads(int threads) {
        int most = Math.min(256, 4 * Runtime.getRuntime().availableProcessors());
        if (threads < 1 || threads > most) {
            throw new IllegalArgumentException("--threads must be between 1 and " + most + " (4 × the "
                    + Runtime.getRuntime().availableProcessors() + " processors here), got " + threads);
        }
        return threads;
    }
}
