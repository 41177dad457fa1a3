/**
 * What makes a trained network a model: its metadata ({@link nnj.api.model.ModelMetadata}: input
 * scaling, task, class names), inference ({@link nnj.api.model.Predictor}) and the model file
 * ({@link nnj.api.model.ModelFile}). {@link nnj.api.layers.Sequential}'s {@code save}, {@code load}
 * and {@code predict} are façades over these.
 *
 * <h2>Threads</h2>
 * Metadata belongs to its model (one thread at a time); the file and predictor functions are
 * stateless.
 */
package nnj.api.model;
