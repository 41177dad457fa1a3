package nnj.examples.report;

import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Ordinary least squares with an intercept (Apache Commons Math), the baseline that a regression
 * network should beat. Fitted on the same training split the network sees.
 */
public final class OlsBaseline {
    private final double[] beta; // beta[0] is the intercept

    private OlsBaseline(double[] beta) {
        this.beta = beta;
    }

    /**
     * Fits y ≈ β₀ + Σⱼ βⱼ·xⱼ by least squares.
     *
     * @param x n rows of p features (n &gt; p)
     * @throws IllegalArgumentException if the data cannot determine the coefficients
     */
    public static OlsBaseline fit(double[][] x, double[] y) {
        if (x.length <= x[0].length + 1) {
            throw new IllegalArgumentException("OLS needs more samples than features: " + x.length + " samples, "
                    + x[0].length + " features");
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        try {
            return new OlsBaseline(ols.estimateRegressionParameters());
        } catch (SingularMatrixException e) {
            throw new IllegalArgumentException("OLS baseline: the features are collinear (a constant or duplicated"
                    + " column?), so least squares has no unique solution", e);
        }
    }

    /** The prediction for one row of features. */
    public double predict(double[] row) {
        double s = beta[0];
        for (int j = 0; j < row.length; j++) {
            s += beta[j + 1] * row[j];
        }
        return s;
    }

    /** Predictions for many rows. */
    public double[] predict(double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = predict(rows[i]);
        }
        return out;
    }
}
