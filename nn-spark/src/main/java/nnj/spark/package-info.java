/**
 * Data-parallel training of nnj models on Apache Spark. Start at
 * {@link nnj.spark.DistributedTrainer}: the samples are packed once into one cached block per
 * partition and never go to the driver; each step either sums the partitions' gradients (weighted
 * by their share of the global batch) for an optimizer step on the driver, or runs K local steps per
 * partition and averages the weights. docs/DISTRIBUTED.md draws one step and models the traffic.
 *
 * <h2>Threads</h2>
 * The trainer runs on the driver's calling thread; each Spark task uses its own backend instance.
 */
package nnj.spark;
