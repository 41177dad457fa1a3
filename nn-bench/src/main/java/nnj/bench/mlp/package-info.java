/**
 * The JMH benchmark of the 784-256-128-10 MLP ({@link nnj.bench.mlp.MlpBench}): one training step
 * as the trainer runs it, and one inference pass, per batch size.
 */
package nnj.bench.mlp;
