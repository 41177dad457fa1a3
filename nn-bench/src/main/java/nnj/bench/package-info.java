/**
 * nn-bench, the authoritative benchmarks (JMH). Start at {@link nnj.bench.BenchMain}, the main
 * class of benchmarks.jar: it fills the backend parameter from every supported backend on the class
 * path, runs JMH with a profile ({@code run}), the reference scripts ({@code refs}) and writes the
 * report ({@code report}). The benchmarks themselves are in {@code kernels} and {@code mlp};
 * {@link nnj.bench.BenchBackends} sets a backend up for a trial.
 */
package nnj.bench;
