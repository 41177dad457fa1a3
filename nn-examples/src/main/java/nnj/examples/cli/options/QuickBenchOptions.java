package nnj.examples.cli.options;

import java.util.ArrayList;
import java.util.List;
import nnj.api.backend.Backend;
import nnj.api.backend.BackendStatus;
import nnj.api.backend.Backends;
import picocli.CommandLine.Option;

/** {@code --backend NAME|all}, {@code --threads} and {@code --json} of the {@code bench} commands. */
public final class QuickBenchOptions {

    @Option(names = "--backend", paramLabel = "NAME|all", defaultValue = "all",
            description = "A backend name, or all supported backends (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--threads", paramLabel = "T",
            description = "Threads per backend (default: the available processors).")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object per line instead of a table.")
    boolean json;

    /** Whether to print JSON lines instead of a table. */
    public boolean json() {
        return json;
    }

    /** The thread count of {@code --threads}: the given value, else the available processors; at least 1. */
    public int threads() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : BackendOptions.checkThreads(threads);
    }

    /** The backends named by {@code --backend} (one name, or every supported backend), each set to {@code threads}. */
    public List<Backend> backends(int threads) {
        List<Backend> out = new ArrayList<>();
        if (backend == null || backend.isBlank() || backend.equalsIgnoreCase("all")) {
            for (BackendStatus s : Backends.list()) {
                if (s.support().supported()) {
                    out.add(Backends.named(s.name()));
                }
            }
        } else {
            out.add(Backends.named(backend));
        }
        for (Backend b : out) {
            b.setThreads(threads);
        }
        return out;
    }

    /** Refuses a {@code --rounds} below 1. */
    public static void requireRounds(int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
    }
}
