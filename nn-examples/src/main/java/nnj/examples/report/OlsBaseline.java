package nnj.examples.report;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Ordinary least squares with an intercept (centred normal equations, solved by Apache Commons
 * Math's QR), the baseline that a regression
 * network should beat. Fitted on the same training split the network sees.
 */
public final class OlsBaseline {
    private final double[] beta; // beta[0] is the intercept

    private OlsBaseline(double[] beta) {
        this.beta = beta;
    }

    /**
     * Training data as the fit reads it, in place: {@code size()} rows of {@code features()} values
     * and a target each. The fit makes two passes and never copies the rows.
     */
    public interface Samples {
        int size();

        int features();

        double x(int i, int j);

        double y(int i);
    }

    /**
     * Fits y ≈ β₀ + Σⱼ βⱼ·xⱼ by least squares.
     *
     * @param x n rows of p features (n &gt; p)
     * @throws IllegalArgumentException if the data cannot determine the coefficients
     */
    public static OlsBaseline fit(double[][] x, double[] y) {
        return fit(new Samples() {
            @Override
            public int size() {
                return x.length;
            }

            @Override
            public int features() {
                return x[0].length;
            }

            @Override
            public double x(int i, int j) {
                return x[i][j];
            }

            @Override
            public double y(int i) {
                return y[i];
            }
        });
    }

    /**
     * Fits y ≈ β₀ + Σⱼ βⱼ·xⱼ by least squares on {@code data} (n &gt; p + 1 rows), read in place.
     *
     * @throws IllegalArgumentException if the data cannot determine the coefficients
     */
    public static OlsBaseline fit(Samples data) {
        int n = data.size();
        int p = data.features();
        if (n <= p + 1) {
            throw new IllegalArgumentException("least squares needs more samples than features: " + n
                    + " samples, " + p + " features");
        }
        // Centred normal equations, accumulated in O(p²) memory: the data is never copied, so a
        // training set that fits in the heap can always be fitted (the QR of the whole n×p design
        // matrix needs two more copies of it). Centring first keeps the intercept out of the system
        // and its conditioning close to that of the data.
        double[] mx = new double[p];
        double my = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                mx[j] += data.x(i, j);
            }
            my += data.y(i);
        }
        for (int j = 0; j < p; j++) {
            mx[j] /= n;
        }
        my /= n;
        double[][] xtx = new double[p][p];
        double[] xty = new double[p];
        double[] c = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                c[j] = data.x(i, j) - mx[j];
            }
            double cy = data.y(i) - my;
            for (int j = 0; j < p; j++) {
                xty[j] += c[j] * cy;
                for (int k = 0; k <= j; k++) {
                    xtx[j][k] += c[j] * c[k];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = j + 1; k < p; k++) {
                xtx[j][k] = xtx[k][j];
            }
        }
        double[] slopes;
        try {
            double scale = 0;
            for (int j = 0; j < p; j++) {
                scale = Math.max(scale, xtx[j][j]);
            }
            // Relative rank threshold: a pivot below 1e-12 of the largest diagonal entry is collinearity.
            DecompositionSolver solver = new QRDecomposition(new Array2DRowRealMatrix(xtx, false), 1e-12 * scale)
                    .getSolver();
            if (!solver.isNonSingular()) {
                throw new SingularMatrixException();
            }
            slopes = solver.solve(new ArrayRealVector(xty, false)).toArray();
        } catch (SingularMatrixException e) {
            throw new IllegalArgumentException("the features are collinear (a constant or duplicated column?), so"
                    + " least squares has no unique solution", e);
        }
        double[] beta = new double[p + 1];
        beta[0] = my;
        for (int j = 0; j < p; j++) {
            beta[j + 1] = slopes[j];
            beta[0] -= slopes[j] * mx[j];
        }
        return new OlsBaseline(beta);
    }

    /** The prediction for one row of features. */
    public double predict(double[] row) {
        double s = beta[0];
        for (int j = 0; j < row.length; j++) {
            s += beta[j + 1] * row[j];
        }
        return s;
    }

    /** The prediction for row {@code i} of {@code data}. */
    public double predict(Samples data, int i) {
        double s = beta[0];
        for (int j = 0; j < data.features(); j++) {
            s += beta[j + 1] * data.x(i, j);
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
