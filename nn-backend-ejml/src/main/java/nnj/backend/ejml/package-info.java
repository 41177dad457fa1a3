/**
 * The ejml backend: EJML's float32 dense matrices, wrapped around nnj's arrays without a copy,
 * with the naive reference loops kept where EJML has no kernel. Start at
 * {@link nnj.backend.ejml.EjmlBackend}; {@link nnj.backend.ejml.EjmlGemm} routes each product to
 * EJML's single- or multi-threaded multiply.
 *
 * <h2>Threads</h2>
 * Large products run on EJML's own pool; the backend is called from one thread at a time.
 */
package nnj.backend.ejml;
