package nnj.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The partition states of the training runs alive on this executor JVM, by run and partition. A
 * state survives between the steps of a run (its model, backend and standardised block), and the
 * driver drops the run's states when it ends.
 */
final class ExecutorCache {
    private static final Map<String, PartitionState> STATES = new ConcurrentHashMap<>();

    private ExecutorCache() {
    }

    static PartitionState state(String runId, int partition, Supplier<PartitionState> create) {
        return STATES.computeIfAbsent(runId + "#" + partition, k -> create.get());
    }

    /** Closes and forgets every state of {@code runId} on this JVM. */
    static void drop(String runId) {
        STATES.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(runId + "#")) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }
}
