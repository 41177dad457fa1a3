/**
 * How a benchmark run is set up: nnj's own flags ({@link nnj.bench.run.BenchArgs}), the named
 * profiles {@code quick} and {@code full} ({@link nnj.bench.run.Profile}) and the JMH options they
 * make ({@link nnj.bench.run.BenchOptions}).
 */
package nnj.bench.run;
