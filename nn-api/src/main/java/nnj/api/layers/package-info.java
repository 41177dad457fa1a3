/**
 * Layers and the {@link nnj.api.layers.Sequential} model that stacks them.
 *
 * <p>Every layer writes its forward and backward pass by hand against the backend SPI and never
 * knows which backend it runs on. {@code backward(dY)} returns dL/d(input) when the layer below
 * needs it and leaves the parameter gradients in its {@link nnj.api.layers.Parameter}s. Workspaces
 * ({@link nnj.api.layers.Workspace}) are reused while the batch size stays the same, so a warm
 * step allocates nothing. The derivations are in {@code docs/MATH.md}.
 *
 * <h2>Threads</h2>
 * Not thread-safe: a layer or model belongs to one thread at a time; predictions from several
 * threads need one model each. {@link nnj.api.layers.Mode} is an immutable enum.
 */
package nnj.api.layers;
