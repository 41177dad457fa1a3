/**
 * Files: the {@code .safetensors} format ({@link nnj.api.io.SafeTensors}, validated before it
 * allocates) and the one atomic writer every output goes through ({@link nnj.api.io.AtomicFiles}).
 *
 * <h2>Threads</h2>
 * Stateless; two threads must not write the same path at once.
 */
package nnj.api.io;
