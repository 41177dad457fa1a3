/**
 * Layers written once against the backend SPI, each with its forward and backward pass by hand:
 * {@link nnj.api.layers.Dense}, the activations, {@link nnj.api.layers.Dropout},
 * {@link nnj.api.layers.Flatten}, {@link nnj.api.layers.BatchNorm}, and the container
 * {@link nnj.api.layers.Sequential}. The convolutional layers live in {@link nnj.api.layers.conv}.
 *
 * <p>{@code backward(dY)} returns dL/d(input) when the layer below needs it and leaves the
 * parameter gradients in its {@link nnj.api.layers.Parameter}s. Workspaces
 * ({@link nnj.api.layers.Workspace}) are reused while the batch size stays the same, so a warm
 * step allocates nothing. The derivations are in {@code docs/MATH.md}.
 *
 * <h2>Threads</h2>
 * Not thread-safe: a layer or model belongs to one thread at a time; predictions from several
 * threads need one model each. {@link nnj.api.layers.Mode} is an immutable enum.
 */
package nnj.api.layers;
