/**
 * The quick timing harness ({@link nnj.examples.bench.QuickBench}: warm-up until the speed stops
 * improving, repetitions, interleaved rounds, median) and the benchmarked training step
 * ({@link nnj.examples.bench.TrainStep}). Used by {@code nnj bench} and by nn-bench (its JMH
 * benchmarks and its hand-run tools), which depends on this module; JMH stays the authoritative
 * harness.
 */
package nnj.examples.bench;
