/**
 * Losses: mean squared error, softmax cross-entropy (fused with its gradient) and binary
 * cross-entropy on logits. {@code forward} returns the batch-mean loss; {@code gradient} is
 * dL/d(output), ready for the model's backward pass.
 *
 * <h2>Threads</h2>
 * A loss owns workspaces: one thread at a time. {@link nnj.api.loss.Losses} is stateless.
 */
package nnj.api.loss;
