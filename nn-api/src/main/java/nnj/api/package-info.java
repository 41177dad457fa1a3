/**
 * nnj's core: tensors, plus the packages that build a neural network on any backend. Start here.
 *
 * <h2>Where to start</h2>
 * <ol>
 *   <li>{@link nnj.api.backend.Backends#best()} picks a compute backend found on the class path
 *       ({@code nnj.api.backend}: the SPI every backend implements).</li>
 *   <li>{@link nnj.api.layers.Sequential#of} stacks layers ({@code nnj.api.layers}); each layer's
 *       forward and backward pass is written out by hand.</li>
 *   <li>{@link nnj.api.train.Trainer} fits it to a {@link nnj.api.data.Dataset}, with a loss
 *       ({@code nnj.api.loss}) and an optimizer ({@code nnj.api.optim}).</li>
 *   <li>{@link nnj.api.layers.Sequential#save} and {@link nnj.api.layers.Sequential#load} write and
 *       read a {@code .safetensors} model ({@code nnj.api.model}).</li>
 * </ol>
 * {@code docs/MATH.md} derives every formula the code computes; {@code docs/ARCHITECTURE.md}
 * maps the modules and packages.
 *
 * <h2>Threads</h2>
 * Unless a type says otherwise: values (shapes, enums, records, results) are immutable and may be
 * shared; everything that holds tensors or workspaces (models, layers, losses, optimizers,
 * trainers, backends) belongs to one thread at a time.
 */
package nnj.api;
