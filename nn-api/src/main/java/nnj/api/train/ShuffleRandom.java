package nnj.api.train;

import java.util.Random;

/**
 * A {@link Random} whose state can be read and restored, for checkpoints. It runs the linear
 * congruential generator that {@code java.util.Random}'s documentation specifies (48-bit state,
 * multiplier 0x5DEECE66D, increment 11), so for the same seed it yields exactly the numbers a plain
 * {@code new Random(seed)} would: adding checkpoints does not change the data order of a run.
 *
 * <p>Only {@link #next(int)} is overridden; every other method of {@code Random} is built on it.
 * Not thread-safe.
 */
final class ShuffleRandom extends Random {
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;
    private static final long serialVersionUID = 1L;

    // No initialiser: Random's constructor calls setSeed before this class's field initialisers run.
    private long state;

    ShuffleRandom(long seed) {
        super(seed);
    }

    @Override
    public synchronized void setSeed(long seed) {
        super.setSeed(seed);
        this.state = (seed ^ MULTIPLIER) & MASK;
    }

    @Override
    protected int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }

    /** The generator's 48-bit state. */
    long state() {
        return state;
    }

    /** Continues from a state read with {@link #state()}. */
    void restore(long state) {
        if ((state & ~MASK) != 0) {
            throw new IllegalArgumentException("a shuffle-generator state has 48 bits, got " + state);
        }
        this.state = state;
    }
}
