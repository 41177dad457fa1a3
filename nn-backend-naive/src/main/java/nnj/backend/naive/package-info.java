/**
 * The naive backend: plain loops, one per kernel, written to be read. It is the reference every
 * other backend is checked against; start reading at {@link nnj.backend.naive.NaiveBackend}.
 *
 * <h2>Threads</h2>
 * Runs on the caller's thread; one caller at a time.
 */
package nnj.backend.naive;
