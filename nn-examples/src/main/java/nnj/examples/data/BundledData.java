package nnj.examples.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import nnj.api.data.Dataset;

/**
 * The small real datasets shipped inside the nnj jar (see the README's credits).
 */
public final class BundledData {
    private BundledData() {
    }

    /**
     * Handwritten digits, 8×8 pixels with values 0–16, 1,797 samples, classes 0–9. From the UCI
     * "Optical Recognition of Handwritten Digits" data (E. Alpaydin, C. Kaynak; CC BY 4.0), as
     * shipped by scikit-learn. Pixels are returned as read (0–16); standardise before training.
     */
    public static Dataset digits() {
        List<float[]> rows = readCsv("digits.csv.gz", true);
        int n = rows.size();
        int features = 64;
        float[] x = new float[n * features];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            float[] r = rows.get(i);
            if (r.length != features + 1) {
                throw new IllegalStateException("bundled digits.csv.gz row " + (i + 1) + " has " + r.length
                        + " columns, expected 65; the jar is damaged, rebuild it");
            }
            System.arraycopy(r, 0, x, i * features, features);
            labels[i] = (int) r[features];
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            names.add(Integer.toString(c));
        }
        return Dataset.classification("digits", x, new int[] {8, 8}, labels, names);
    }

    /**
     * Iris flowers: 150 samples × 4 measurements (cm), 3 species. R. A. Fisher (1936), via the UCI
     * Machine Learning Repository, as shipped by scikit-learn (see iris.rst).
     */
    public static Dataset iris() {
        return withClassHeader("iris", "iris.csv");
    }

    /**
     * Wine: 178 samples × 13 chemical measurements, 3 cultivars. Forina et al., via the UCI
     * Machine Learning Repository, as shipped by scikit-learn (see wine_data.rst).
     */
    public static Dataset wine() {
        return withClassHeader("wine", "wine_data.csv");
    }

    /**
     * Breast Cancer Wisconsin (Diagnostic): 569 samples × 30 features, malignant or benign.
     * W. H. Wolberg, W. N. Street and O. L. Mangasarian, via the UCI Machine Learning Repository,
     * as shipped by scikit-learn (see breast_cancer.rst).
     */
    public static Dataset breastCancer() {
        return withClassHeader("breast-cancer", "breast_cancer.csv");
    }

    /**
     * Diabetes: 442 patients × 10 baseline variables (age, sex, bmi, bp, s1–s6, raw units), target a
     * quantitative measure of disease progression one year later. Efron, Hastie, Johnstone and
     * Tibshirani (2004), "Least Angle Regression", as shipped by scikit-learn (see diabetes.rst).
     */
    public static Dataset diabetes() {
        List<String> featureLines = readLines("diabetes_data_raw.csv.gz", true);
        List<String> targetLines = readLines("diabetes_target.csv.gz", true);
        int n = featureLines.size();
        int features = 10;
        if (targetLines.size() != n) {
            throw damaged("diabetes", n + " feature rows but " + targetLines.size() + " targets");
        }
        float[] x = new float[n * features];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            String[] parts = featureLines.get(i).trim().split("\\s+");
            if (parts.length != features) {
                throw damaged("diabetes_data_raw.csv.gz", "row " + (i + 1) + " has " + parts.length + " values");
            }
            for (int j = 0; j < features; j++) {
                x[i * features + j] = Float.parseFloat(parts[j]);
            }
            y[i] = Float.parseFloat(targetLines.get(i).trim());
        }
        return Dataset.regression("diabetes", x, new int[] {features}, y, 1);
    }

    /** The feature names of {@link #diabetes()}, in column order. */
    public static List<String> diabetesFeatureNames() {
        return List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6");
    }

    /**
     * Reads a bundled classification file whose first row is {@code n_samples,n_features,class
     * names…}, followed by rows of n_features values and an integer label.
     */
    static Dataset withClassHeader(String name, String resource) {
        List<String> lines = readLines(resource, false);
        String[] head = lines.get(0).split(",");
        int n = Integer.parseInt(head[0].trim());
        int features = Integer.parseInt(head[1].trim());
        List<String> classNames = new ArrayList<>();
        for (int c = 2; c < head.length; c++) {
            classNames.add(head[c].trim());
        }
        if (lines.size() - 1 != n) {
            throw damaged(resource, "the header promises " + n + " samples, the file has " + (lines.size() - 1));
        }
        float[] x = new float[n * features];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            String[] parts = lines.get(i + 1).split(",");
            if (parts.length != features + 1) {
                throw damaged(resource, "row " + (i + 2) + " has " + parts.length + " columns, expected "
                        + (features + 1));
            }
            for (int j = 0; j < features; j++) {
                x[i * features + j] = Float.parseFloat(parts[j].trim());
            }
            labels[i] = Integer.parseInt(parts[features].trim());
        }
        return Dataset.classification(name, x, new int[] {features}, labels, classNames);
    }

    /** The non-blank lines of a bundled text resource. */
    static List<String> readLines(String resource, boolean gzip) {
        String path = "/nnj/data/" + resource;
        try (InputStream raw = BundledData.class.getResourceAsStream(path)) {
            if (raw == null) {
                throw new IllegalStateException("bundled resource " + path + " is missing from the class path");
            }
            InputStream in = gzip ? new GZIPInputStream(raw) : raw;
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled resource " + path, e);
        }
    }

    private static IllegalStateException damaged(String resource, String what) {
        return new IllegalStateException("bundled " + resource + ": " + what + "; the jar is damaged, rebuild it");
    }

    /** Reads a bundled comma-separated resource of numbers, one sample per line. */
    static List<float[]> readCsv(String resource, boolean gzip) {
        String path = "/nnj/data/" + resource;
        try (InputStream raw = BundledData.class.getResourceAsStream(path)) {
            if (raw == null) {
                throw new IllegalStateException("bundled resource " + path + " is missing from the class path");
            }
            InputStream in = gzip ? new GZIPInputStream(raw) : raw;
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            List<float[]> rows = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",");
                float[] r = new float[parts.length];
                for (int j = 0; j < parts.length; j++) {
                    r[j] = Float.parseFloat(parts[j].trim());
                }
                rows.add(r);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled resource " + path, e);
        }
    }
}
