/**
 * The backend SPI: what a compute backend implements, and how one is found and chosen.
 *
 * <ul>
 *   <li>{@link nnj.api.backend.Backend}: destination-passing, BLAS-style primitives (gemm,
 *       element-wise ops, broadcasts, reductions, softmax, host transfer) and fused composites
 *       with default bodies. {@link nnj.api.backend.FusedUpdates} is an optional capability.</li>
 *   <li>{@link nnj.api.backend.HeapBackend}: the base for backends on {@code float[]}: it does every
 *       check, so a backend writes only {@code …Kernel(float[] …)} loops.</li>
 *   <li>{@link nnj.api.backend.BackendProvider}, {@link nnj.api.backend.Backends}: discovery with
 *       {@code ServiceLoader} and selection (name, {@code -Dnnj.backend}, {@code NNJ_BACKEND},
 *       priority), with a reason for every backend that cannot run.</li>
 * </ul>
 * A new backend starts at {@code docs/WRITING_A_BACKEND.md}, and is done when the conformance kit
 * ({@code nn-backend-tck}) passes.
 *
 * <h2>Threads</h2>
 * A backend may use worker threads of its own inside a kernel, but is called from one thread at a
 * time. Providers, the registry and {@code Backends} are thread-safe; the op enums are immutable.
 */
package nnj.api.backend;
