package nnj.examples.report;

import nnj.api.data.Dataset;

/**
 * The ordinary-least-squares baseline on the same split as the network: fitted on the training
 * part (raw features; OLS does not care about their scale), scored on the test part.
 *
 * @param scores  the baseline's R², RMSE and MAE on the test part, or null when it could not run
 * @param skipped why it did not run, in words that follow "OLS baseline skipped: " (null when it did)
 */
public record OlsComparison(RegressionScores scores, String skipped) {

    public static OlsComparison fit(Dataset train, Dataset test) {
        if (train.targetWidth() != 1) {
            return new OlsComparison(null, "it is for one target, not " + train.targetWidth());
        }
        try {
            OlsBaseline ols = OlsBaseline.fit(samples(train));
            OlsBaseline.Samples rows = samples(test);
            float[] predicted = new float[test.size()];
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = (float) ols.predict(rows, i);
            }
            return new OlsComparison(RegressionScores.of(predicted, test.targetArray()), null);
        } catch (IllegalArgumentException e) {
            return new OlsComparison(null, e.getMessage());
        }
    }

    public boolean ran() {
        return scores != null;
    }

    /** The dataset's features and first target, read in place (no n × p copy of a large training set). */
    private static OlsBaseline.Samples samples(Dataset d) {
        return new OlsBaseline.Samples() {
            @Override
            public int size() {
                return d.size();
            }

            @Override
            public int features() {
                return d.featureCount();
            }

            @Override
            public double x(int i, int j) {
                return d.feature(i, j);
            }

            @Override
            public double y(int i) {
                return d.target(i, 0);
            }
        };
    }
}
