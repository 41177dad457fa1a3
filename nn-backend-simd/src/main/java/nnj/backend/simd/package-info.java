/**
 * The simd backend, on the JDK Vector API: a BLIS-style packed SGEMM with register-blocked
 * micro-kernels chosen for the CPU at run time ({@link nnj.backend.simd.Sgemm},
 * {@link nnj.backend.simd.MicroKernel}), vectorised element-wise kernels
 * ({@link nnj.backend.simd.VectorOps}), fused composites ({@link nnj.backend.simd.FusedOps}) and a
 * worker pool of its own ({@link nnj.backend.simd.WorkerPool}). {@link nnj.backend.simd.SimdSupport}
 * says whether the Vector API is usable here, and why not.
 *
 * <h2>Threads</h2>
 * Kernels may split work over the backend's workers; the backend is called from one thread at a time.
 */
package nnj.backend.simd;
