package nnj.api.init;

import java.util.Random;

/**
 * Draws the initial values of a weight tensor on the host. {@code fanIn} and {@code fanOut} are the
 * numbers of inputs and outputs of one unit ((in, out) for a dense layer). Implementations are pure
 * functions of the random generator's state, so the same seed gives the same weights on every
 * backend.
 *
 * <p>Implementations should be stateless, hence thread-safe; the generator passed in is not.
 */
public interface Initializer {

    /** Fills {@code values} (all of it). */
    void fill(float[] values, int fanIn, int fanOut, Random random);

    /** A short name for model files and messages, e.g. {@code "he_normal"}. */
    String name();
}
