package nnj.examples.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nnj.api.backend.Backend;
import nnj.api.backend.BackendStatus;
import nnj.api.backend.Backends;

/** What the bench commands share: choosing backends, and the median of timed samples. */
final class BenchSupport {
    private BenchSupport() {
    }

    /** The backends named by {@code --backend}: one name, or "all" for every supported backend. */
    static List<Backend> backends(String name) {
        List<Backend> out = new ArrayList<>();
        if (name == null || name.isBlank() || name.equalsIgnoreCase("all")) {
            for (BackendStatus s : Backends.list()) {
                if (s.support().supported()) {
                    out.add(Backends.named(s.name()));
                }
            }
        } else {
            out.add(Backends.named(name));
        }
        return out;
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * How many repetitions make one timed sample last at least {@code targetNanos}, judged from one
     * warm repetition that took {@code oneRepNanos}; at least 1.
     */
    static int repetitions(long oneRepNanos, long targetNanos) {
        return (int) Math.max(1, Math.min(1_000_000, targetNanos / Math.max(1, oneRepNanos)));
    }

    /** Rotates the order in which backends run in round {@code round}, so none always goes first. */
    static int rotated(int index, int round, int count) {
        return (index + round) % count;
    }

    /** The thread count of {@code --threads}: the given value, else the available processors; at least 1. */
    static int threads(Integer requested) {
        int t = requested == null ? Runtime.getRuntime().availableProcessors() : requested;
        if (t < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + t);
        }
        return t;
    }

    /** Refuses a {@code --rounds} below 1. */
    static void requireRounds(int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
    }
}
