/**
 * An example out-of-tree backend, {@code checked}: it delegates every kernel to the naive backend
 * and checks each output for NaN and infinity. It shows the whole path a backend author takes:
 * one {@link org.example.nnj.checked.CheckedBackend}, one provider in {@code META-INF/services},
 * and the conformance kit in the tests.
 *
 * <h2>Threads</h2>
 * Like every backend, called from one thread at a time.
 */
package org.example.nnj.checked;
