/**
 * Weight initialisers: He before ReLU, Xavier/Glorot before tanh and sigmoid, and the rest, each
 * drawing from a seeded generator on the host so that every backend starts from the same weights.
 *
 * <h2>Threads</h2>
 * Initialisers are stateless; the {@link java.util.Random} passed in is not shared.
 */
package nnj.api.init;
