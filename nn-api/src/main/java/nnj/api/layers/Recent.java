package nnj.api.layers;

/**
 * The values of the three most recently used keys, for what a layer derives from its input and
 * would otherwise rebuild whenever the batch size changes: an epoch alternates full batches with a
 * short last one, and evaluation adds its own sizes. A one-entry cache misses at every switch and
 * allocates (a shape, a view) in a warm step; three entries, like {@link Workspace}'s, do not.
 * Keys are compared with {@code equals} (shapes by value; tensors, which do not override it, by
 * identity). Lookups allocate nothing.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Recent<K, V> {
    private static final int SLOTS = 3;
    private final Object[] keys = new Object[SLOTS];
    private final Object[] values = new Object[SLOTS];

    /** An empty cache. */
    public Recent() {
    }

    /** The value of {@code key}, moved to the front, or null when it is not among the recent ones. */
    @SuppressWarnings("unchecked")
    public V get(K key) {
        for (int i = 0; i < SLOTS; i++) {
            if (keys[i] != null && keys[i].equals(key)) {
                Object k = keys[i];
                Object v = values[i];
                for (int j = i; j > 0; j--) {
                    keys[j] = keys[j - 1];
                    values[j] = values[j - 1];
                }
                keys[0] = k;
                values[0] = v;
                return (V) v;
            }
        }
        return null;
    }

    /** Puts {@code key → value} in front, dropping the least recently used entry; returns value. */
    public V put(K key, V value) {
        for (int j = SLOTS - 1; j > 0; j--) {
            keys[j] = keys[j - 1];
            values[j] = values[j - 1];
        }
        keys[0] = key;
        values[0] = value;
        return value;
    }

    /** Forgets every entry (after a move to another backend). */
    public void clear() {
        for (int i = 0; i < SLOTS; i++) {
            keys[i] = null;
            values[i] = null;
        }
    }
}
