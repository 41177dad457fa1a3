/**
 * What the CLI reports: classification and regression scores
 * ({@link nnj.examples.report.ClassificationScores}, {@link nnj.examples.report.RegressionScores}),
 * the OLS baseline beside a regression ({@link nnj.examples.report.OlsComparison}), statistics over
 * folds, the one-line JSON of {@code --json} ({@link nnj.examples.report.Json}), PNG charts
 * ({@link nnj.examples.report.Plots}) and the training progress bar.
 */
package nnj.examples.report;
