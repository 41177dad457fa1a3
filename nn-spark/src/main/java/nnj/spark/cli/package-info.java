/**
 * {@code ./nnj spark train}: the {@code train} options plus {@code --master}, run on an embedded or
 * real Spark, optionally side by side with Spark MLlib's multilayer perceptron.
 *
 * <h2>Threads</h2>
 * A command runs on the thread that calls it.
 */
package nnj.spark.cli;
