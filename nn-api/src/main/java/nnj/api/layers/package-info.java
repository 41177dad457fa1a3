/**
 * Layers written once against the backend SPI, each with its forward and backward pass by hand:
 * {@link nnj.api.layers.Dense}, the activations, {@link nnj.api.layers.Dropout},
 * {@link nnj.api.layers.Flatten}, {@link nnj.api.layers.BatchNorm}, and the container
 * {@link nnj.api.layers.Sequential}. The convolutional layers live in {@link nnj.api.layers.conv}.
 */
package nnj.api.layers;
