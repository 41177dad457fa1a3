package nnj.examples.report;

import nnj.api.metrics.Metrics;

/**
 * R², RMSE and MAE of regression predictions, in the target's own units.
 *
 * @param r2   1 − SS_res/SS_tot: 1 is perfect, 0 is no better than predicting the mean; NaN when the
 *             targets are constant (SS_tot = 0), where R² has no value ({@link #r2Text})
 * @param rmse the root of the mean squared error
 * @param mae  the mean absolute error
 */
public record RegressionScores(double r2, double rmse, double mae) {

    public static RegressionScores of(float[] predicted, float[] target) {
        return new RegressionScores(Metrics.r2(predicted, target), Math.sqrt(Metrics.mse(predicted, target)),
                Metrics.mae(predicted, target));
    }

    /** Whether R² has a value: the targets vary. */
    public boolean hasR2() {
        return Double.isFinite(r2);
    }

    /** R² in {@code format} (e.g. {@code %.4f}), or {@code n/a} for constant targets. */
    public String r2Text(String format) {
        return hasR2() ? String.format(java.util.Locale.ROOT, format, r2) : "n/a";
    }

    /** r2, rmse and mae (each with {@code prefix}) into a JSON object; an undefined R² as null. */
    public void addTo(com.google.gson.JsonObject o, String prefix) {
        Json.addMetric(o, prefix + "r2", r2);
        o.addProperty(prefix + "rmse", rmse);
        o.addProperty(prefix + "mae", mae);
    }
}
