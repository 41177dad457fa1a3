/**
 * Optimizers (SGD with momentum and Nesterov, Adam and AdamW, RMSProp) and learning-rate
 * schedules. Each optimizer's math lives in its own class, written with the backend's primitives;
 * a backend with {@link nnj.api.backend.FusedUpdates} runs the same update in one pass.
 *
 * <h2>Threads</h2>
 * An optimizer holds per-parameter state: one thread at a time. Schedules are immutable.
 */
package nnj.api.optim;
