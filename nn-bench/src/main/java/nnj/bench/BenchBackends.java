package nnj.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.backend.BackendStatus;
import nnj.api.backend.Backends;

/** What every benchmark needs from the backend registry: discovery, and a backend set up for a trial. */
public final class BenchBackends {
    private BenchBackends() {
    }

    /** The names of the supported backends on the class path, highest priority first. */
    public static List<String> supportedNames() {
        List<String> names = new ArrayList<>();
        for (BackendStatus s : Backends.list()) {
            if (s.support().supported()) {
                names.add(s.name());
            }
        }
        return names;
    }

    /**
     * The named backend with its own worker count set. The thread count is the backend's, not
     * JMH's: one caller thread drives the kernels, as in training.
     */
    public static Backend open(String name, int threads) {
        Backend backend = Backends.named(name);
        backend.setThreads(threads);
        return backend;
    }

    /** A tensor of uniform values in [-1, 1) from a fixed seed, so every backend sees the same data. */
    public static Tensor random(Backend backend, Random random, int... dims) {
        Tensor t = backend.tensor(dims);
        float[] host = new float[t.size()];
        for (int i = 0; i < host.length; i++) {
            host[i] = random.nextFloat() * 2f - 1f;
        }
        t.copyFrom(host);
        return t;
    }

    /** Parses "AxBxC" into its integers. */
    public static int[] dims(String spec) {
        String[] parts = spec.toLowerCase().split("x");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i].trim());
        }
        return out;
    }
}
