package nnj.examples.run;

import java.util.Locale;
import nnj.api.io.MemoryBudget;

/**
 * The heap a network needs to train, from its sizes alone, checked before any of its parameters
 * exist: a network that cannot fit (say {@code --layers 100000000}) is refused with the figures,
 * where building it would end in an {@link OutOfMemoryError}.
 *
 * <p>What is counted: {@value #BYTES_PER_PARAMETER} bytes a parameter (its value, its gradient and
 * Adam's two moments, a float each) and, for one batch, {@value #BYTES_PER_ACTIVATION} bytes for
 * each value a layer outputs (the value and the gradient that flows back through it). The data is
 * not counted (it was checked when it was read, and the heap's free space already excludes it), nor
 * the kernels' scratch space: this is a lower bound, so a network refused here cannot train in this
 * heap, and one that passes may still be tight.
 */
public final class NetworkFootprint {
    /** Value, gradient and Adam's first and second moments: four floats. */
    public static final int BYTES_PER_PARAMETER = 16;
    /** A layer's output value and its gradient: two floats. */
    public static final int BYTES_PER_ACTIVATION = 8;

    private NetworkFootprint() {
    }

    /**
     * Refuses {@code network} when its parameters and one batch of activations do not fit in the heap.
     *
     * @param network              what the user asked for, for the message (e.g. {@code MLP 4-100000000-3})
     * @param parameters           its trainable values
     * @param activationsPerSample the values its layers output for one sample, summed over the layers
     *                             (0 to check the parameters alone)
     * @throws IllegalArgumentException naming the declared size against the heap and the fixes
     */
    public static void require(String network, long parameters, long activationsPerSample, int batchSize) {
        long bytes = saturatedSum(times(parameters, BYTES_PER_PARAMETER),
                times(times(activationsPerSample, BYTES_PER_ACTIVATION), batchSize));
        String what = String.format(Locale.ROOT, "the network %s (%,d parameters at %d bytes each for the values,"
                + " gradients and Adam's moments%s)", network, parameters, BYTES_PER_PARAMETER,
                activationsPerSample > 0 && batchSize > 0 ? ", plus the activations of a batch of " + batchSize : "");
        boolean batchMatters = times(times(activationsPerSample, BYTES_PER_ACTIVATION), batchSize)
                > times(parameters, BYTES_PER_PARAMETER);
        MemoryBudget.shortfall(what, bytes, batchMatters ? "use smaller layers (--layers, --arch) or a smaller"
                + " --batch-size" : "use smaller layers (--layers, --arch)")
                .ifPresent(message -> {
                    throw new IllegalArgumentException(message);
                });
    }

    /** a × b, or {@link Long#MAX_VALUE} when that overflows (sizes are never negative). */
    public static long times(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** a + b, or {@link Long#MAX_VALUE} when that overflows. */
    public static long saturatedSum(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
