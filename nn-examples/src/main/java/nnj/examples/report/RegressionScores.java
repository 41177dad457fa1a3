package nnj.examples.report;

import nnj.api.metrics.Metrics;

/**
 * R², RMSE and MAE of regression predictions, in the target's own units.
 *
 * @param r2   1 − SS_res/SS_tot: 1 is perfect, 0 is no better than predicting the mean
 * @param rmse the root of the mean squared error
 * @param mae  the mean absolute error
 */
public record RegressionScores(double r2, double rmse, double mae) {

    public static RegressionScores of(float[] predicted, float[] target) {
        return new RegressionScores(Metrics.r2(predicted, target), Math.sqrt(Metrics.mse(predicted, target)),
                Metrics.mae(predicted, target));
    }
}
