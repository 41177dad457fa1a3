package nnj.examples.report;

/** Mean and spread of a few numbers, such as one metric over cross-validation folds. */
public record Stats(double mean, double std) {

    /** The mean and the sample standard deviation (n − 1; 0 for a single value). */
    public static Stats of(double[] values) {
        double m = 0;
        for (double v : values) {
            m += v;
        }
        m /= values.length;
        double ss = 0;
        for (double v : values) {
            ss += (v - m) * (v - m);
        }
        return new Stats(m, values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0);
    }

    /** {@code 0.4812 ± 0.0523}. */
    public String format() {
        return String.format(java.util.Locale.ROOT, "%.4f ± %.4f", mean, std);
    }
}
