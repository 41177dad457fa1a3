/**
 * The reference measurements outside Java ({@link nnj.bench.refs.References}): OpenBLAS SGEMM through
 * numpy and a PyTorch training step, run with the Python scripts that travel inside benchmarks.jar.
 */
package nnj.bench.refs;
