/**
 * The conformance kit a backend's tests extend: {@link nnj.backend.tck.BackendConformanceKit}
 * checks every kernel against the naive reference on awkward shapes, and
 * {@link nnj.backend.tck.LearningConformance} runs gradient checks and a small training run on the
 * backend under test. A backend is done when both pass.
 *
 * <h2>Threads</h2>
 * JUnit runs each kit instance on one thread.
 */
package nnj.backend.tck;
