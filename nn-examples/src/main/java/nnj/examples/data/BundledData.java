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
