/**
 * Metrics on host arrays: accuracy, arg-max, mean squared and absolute error, R².
 *
 * <h2>Threads</h2>
 * Stateless functions; safe from any thread.
 */
package nnj.api.metrics;
