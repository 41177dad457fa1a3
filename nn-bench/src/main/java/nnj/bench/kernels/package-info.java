/**
 * JMH benchmarks of single backend operations: GEMM over the shapes of {@link nnj.bench.kernels.GemmShapes},
 * element-wise operations, the loss and the Adam update.
 */
package nnj.bench.kernels;
