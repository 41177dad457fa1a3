/**
 * The Spark ML API: {@link nnj.spark.ml.NnjClassifier} and {@code NnjRegressor} estimators with
 * Params, whose models transform DataFrames on the executors and save as Spark ML directories
 * holding an ordinary nnj {@code .safetensors} model file.
 *
 * <h2>Threads</h2>
 * As Spark ML stages: configure on one thread; transforms run in Spark's tasks.
 */
package nnj.spark.ml;
