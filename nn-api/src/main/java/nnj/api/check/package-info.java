/**
 * Gradient checks: central finite differences in float32 against a layer's or loss's analytic
 * backward pass, with the tolerances {@code docs/MATH.md} explains. The conformance kit runs them on
 * every backend.
 *
 * <h2>Threads</h2>
 * Stateless; the layer under test belongs to the calling thread.
 */
package nnj.api.check;
