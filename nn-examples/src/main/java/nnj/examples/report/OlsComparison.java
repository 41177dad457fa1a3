package nnj.examples.report;

import nnj.api.data.Dataset;

/**
 * The ordinary-least-squares baseline on the same split as the network: fitted on the training
 * part (raw features; OLS does not care about their scale), scored on the test part.
 *
 * @param scores  the baseline's R², RMSE and MAE on the test part, or null when it could not run
 * @param skipped why it did not run (null when it did)
 */
public record OlsComparison(RegressionScores scores, String skipped) {

    public static OlsComparison fit(Dataset train, Dataset test) {
        if (train.targetWidth() != 1) {
            return new OlsComparison(null, "the OLS baseline is for one target, not " + train.targetWidth());
        }
        try {
            OlsBaseline ols = OlsBaseline.fit(rows(train), targets(train));
            double[] p = ols.predict(rows(test));
            float[] predicted = new float[p.length];
            for (int i = 0; i < p.length; i++) {
                predicted[i] = (float) p[i];
            }
            return new OlsComparison(RegressionScores.of(predicted, test.targetArray()), null);
        } catch (IllegalArgumentException e) {
            return new OlsComparison(null, e.getMessage());
        }
    }

    public boolean ran() {
        return scores != null;
    }

    private static double[][] rows(Dataset d) {
        double[][] x = new double[d.size()][d.featureCount()];
        for (int i = 0; i < d.size(); i++) {
            for (int j = 0; j < d.featureCount(); j++) {
                x[i][j] = d.feature(i, j);
            }
        }
        return x;
    }

    private static double[] targets(Dataset d) {
        double[] y = new double[d.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = d.target(i, 0);
        }
        return y;
    }
}
