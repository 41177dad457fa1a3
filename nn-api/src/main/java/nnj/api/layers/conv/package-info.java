/**
 * Layers for image batches in NCHW layout, (batch, channels, height, width):
 * {@link nnj.api.layers.conv.Conv2D}, {@link nnj.api.layers.conv.MaxPool2D},
 * {@link nnj.api.layers.conv.AvgPool2D} and {@link nnj.api.layers.conv.GlobalAvgPool2D}. Like every
 * layer they are written once against the backend SPI (its image primitives {@code conv2d},
 * {@code maxPool2d}, ...), own their workspaces, and allocate nothing in a warm step. Their maths,
 * forward and backward, is derived in docs/MATH.md.
 */
package nnj.api.layers.conv;
