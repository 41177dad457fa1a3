/**
 * A training run as the CLI does it. Start at {@link nnj.examples.run.TrainingRun} (build the model
 * from the options, hold out validation data, train, score), used by {@code train} and
 * {@code compare}; {@link nnj.examples.run.CrossValidation} repeats it over folds. A trained model is
 * saved with its {@link nnj.examples.run.TrainingRecord} (the data and seed it was trained on) and
 * opened again as a {@link nnj.examples.run.SavedModel} by {@code evaluate} and {@code predict}.
 */
package nnj.examples.run;
