package nnj.examples.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import nnj.api.metrics.Metrics;

/**
 * Accuracy, the confusion matrix and per-class precision and recall of a classifier's predictions.
 * Precision of class c: of the samples predicted c, the share that are c; recall: of the samples
 * that are c, the share predicted c. A class never predicted has precision NaN (shown as "-").
 */
public final class ClassificationScores {
    private final List<String> classNames;
    private final int[][] confusion; // [actual][predicted]
    private final double accuracy;

    public ClassificationScores(int[] predicted, int[] labels, List<String> classNames) {
        this.classNames = List.copyOf(classNames);
        this.confusion = Metrics.confusionMatrix(predicted, labels, classNames.size());
        this.accuracy = Metrics.accuracy(predicted, labels);
    }

    public double accuracy() {
        return accuracy;
    }

    public int[][] confusion() {
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    public List<String> classNames() {
        return classNames;
    }

    public double precision(int c) {
        int predictedC = 0;
        for (int[] row : confusion) {
            predictedC += row[c];
        }
        return predictedC == 0 ? Double.NaN : confusion[c][c] / (double) predictedC;
    }

    public double recall(int c) {
        int support = support(c);
        return support == 0 ? Double.NaN : confusion[c][c] / (double) support;
    }

    public int support(int c) {
        int s = 0;
        for (int v : confusion[c]) {
            s += v;
        }
        return s;
    }

    /** The per-class table, then the confusion matrix with actual classes as rows. */
    public void print(PrintWriter out) {
        int nameWidth = Math.max(5, classNames.stream().mapToInt(String::length).max().orElse(1));
        out.printf(Locale.ROOT, "%-" + nameWidth + "s  precision  recall  support%n", "class");
        for (int c = 0; c < classNames.size(); c++) {
            out.printf(Locale.ROOT, "%-" + nameWidth + "s  %9s  %6s  %7d%n", classNames.get(c), fixed(precision(c)),
                    fixed(recall(c)), support(c));
        }
        out.println();
        out.println("confusion matrix (rows: actual class, columns: predicted class)");
        // Long class names would make every column wide: then columns are numbered and rows say which is which.
        boolean numbered = classNames.stream().anyMatch(n -> n.length() > 5);
        List<String> columns = new java.util.ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            columns.add(numbered ? Integer.toString(c) : classNames.get(c));
        }
        int rowLabel = numbered ? nameWidth + 3 : nameWidth;
        int cell = 4;
        for (int[] row : confusion) {
            for (int v : row) {
                cell = Math.max(cell, Integer.toString(v).length() + 1);
            }
        }
        for (String name : columns) {
            cell = Math.max(cell, name.length() + 1);
        }
        out.printf("%-" + rowLabel + "s", "");
        for (String name : columns) {
            out.printf("%" + cell + "s", name);
        }
        out.println();
        for (int a = 0; a < confusion.length; a++) {
            String label = numbered ? String.format("%-" + nameWidth + "s %2d", classNames.get(a), a) : classNames.get(a);
            out.printf("%-" + rowLabel + "s", label);
            for (int v : confusion[a]) {
                out.printf("%" + cell + "d", v);
            }
            out.println();
        }
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
