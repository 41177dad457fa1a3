package nnj.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import nnj.api.data.Dataset;
import nnj.api.data.Task;

/**
 * Turns a user's CSV file ({@link CsvTable}) into a {@link Dataset}: one column is the target,
 * every other column a feature.
 *
 * <p>The task is inferred from the target unless given: whole numbers with few distinct values
 * (at most {@value #MAX_INFERRED_CLASSES}, and on average at least two samples per value) mean
 * classification; anything else means regression. For classification the distinct target
 * values, sorted, become classes 0, 1, …, and their printed values become the class names, so
 * labels {-1, 1} or {1, 2, 3} work as well as {0, 1}.
 *
 * <p>Thread safety: stateless; safe to call from several threads.
 */
public final class CsvDatasets {
    /** The most distinct integer values a target may have to be taken as class labels. */
    public static final int MAX_INFERRED_CLASSES = 20;

    private CsvDatasets() {
    }

    /** A dataset read from CSV, with what the user may want to know about how it was read. */
    public record Loaded(Dataset dataset, String targetName, List<String> featureNames, String taskReason) {
    }

    /**
     * Reads {@code file} with column {@code target} (a header name or a 1-based number; null means
     * the last column) as the target.
     *
     * @param task the task, or null to infer it from the target values
     */
    public static Loaded read(Path file, String target, Task task) {
        return fromTable(CsvTable.read(file), target, task);
    }

    /**
     * Reads a test file for a model trained on {@code training}: the same task, and for
     * classification labels over the training classes by name. A test file may hold only some of
     * those classes (even one), or a constant regression target: it is scored, not learned from.
     *
     * @throws DataFileException naming the target values that are not training classes
     */
    public static Loaded readTestSet(Path file, String target, Dataset training) {
        return fromTable(CsvTable.read(file), target, training.task(),
                training.task() == Task.CLASSIFICATION ? training.classNames() : List.of());
    }

    /** As {@link #read(Path, String, Task)}, from a table already read. */
    public static Loaded fromTable(CsvTable table, String target, Task task) {
        return fromTable(table, target, task, null);
    }

    /**
     * @param knownClasses null for a training file (the classes are its distinct values, at least
     *     two; the regression target must vary); else a test file's: the class names to label
     *     over (empty for regression)
     */
    private static Loaded fromTable(CsvTable table, String target, Task task, List<String> knownClasses) {
        if (table.columnCount() < 2) {
            throw new DataFileException(table.source() + ": " + table.columnCount()
                    + " column; a dataset needs at least one feature column and a target column"
                    + " (is the delimiter a comma, tab, semicolon or space?)");
        }
        int t = target == null ? table.columnCount() - 1 : table.columnIndex(target);
        String targetName = table.columnNames().get(t);
        float[] y = table.floatColumn(t);
        String reason;
        if (task == null) {
            Inference inferred = infer(y);
            task = inferred.task();
            reason = inferred.reason();
        } else {
            reason = task.name().toLowerCase() + " (as requested)";
        }
        List<String> featureNames = new ArrayList<>(table.columnNames());
        featureNames.remove(t);
        float[] x = table.featuresWithout(t);
        String name = fileStem(table.source());
        int[] shape = {featureNames.size()};
        Dataset dataset;
        if (task == Task.CLASSIFICATION) {
            double[] classes = distinctIntegers(table, t, y);
            int[] labels = new int[y.length];
            for (int i = 0; i < y.length; i++) {
                labels[i] = java.util.Arrays.binarySearch(classes, y[i]);
            }
            List<String> names = new ArrayList<>();
            for (double c : classes) {
                names.add(Long.toString((long) c));
            }
            if (knownClasses != null) {
                labels = labelsOver(knownClasses, names, labels, table.source(), targetName);
                names = knownClasses;
            } else if (names.size() < 2) {
                throw new DataFileException(table.source() + ": target column '" + targetName
                        + "' has a single value (" + names.get(0) + "); classification needs at least two classes");
            }
            dataset = Dataset.classification(name, x, shape, labels, names);
        } else {
            boolean constant = true;
            for (float v : y) {
                constant &= v == y[0];
            }
            if (constant && knownClasses == null) {
                throw new DataFileException(table.source() + ": target column '" + targetName + "' has a single value ("
                        + y[0] + ") in every row; there is nothing to learn (is the target column the right one?)");
            }
            dataset = Dataset.regression(name, x, shape, y, 1);
        }
        if (table.hasHeader()) { // real names, so that a model can match prediction columns by name
            dataset = dataset.withFeatureNames(featureNames);
        }
        return new Loaded(dataset, targetName, List.copyOf(featureNames), reason);
    }

    /** The inferred task for target values {@code y}: {@link Task#CLASSIFICATION} or REGRESSION. */
    public static Task inferTask(double[] y) {
        float[] f = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            f[i] = (float) y[i];
        }
        return infer(f).task();
    }

    /** An inferred task and the words that say why. */
    record Inference(Task task, String reason) {
    }

    static Inference infer(float[] y) {
        TreeSet<Double> distinct = new TreeSet<>();
        for (double v : y) {
            if (v != Math.rint(v)) {
                return regression("(the target has non-integer values such as " + (float) v + ")");
            }
            distinct.add(v);
            if (distinct.size() > MAX_INFERRED_CLASSES) {
                return regression("(the target has more than " + MAX_INFERRED_CLASSES
                        + " distinct values; use --task classification to override)");
            }
        }
        if (distinct.size() < 2) {
            return regression("(the target has a single value)");
        }
        if (distinct.size() * 2L > y.length) {
            return regression("(" + distinct.size() + " distinct values in " + y.length
                    + " rows are too many for class labels; use --task classification to override)");
        }
        return new Inference(Task.CLASSIFICATION, "classification (integer target with " + distinct.size()
                + " distinct values)");
    }

    private static Inference regression(String why) {
        return new Inference(Task.REGRESSION, "regression " + why);
    }

    /** Whole numbers up to 2^24 are exact as floats; beyond, two labels could read as one. */
    private static final double MAX_LABEL = 1 << 24;

    /** {@code labels} (indices into the file's own {@code names}) as indices into {@code known}. */
    private static int[] labelsOver(List<String> known, List<String> names, int[] labels, String source, String target) {
        int[] index = new int[names.size()];
        List<String> strays = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            index[c] = known.indexOf(names.get(c));
            if (index[c] < 0) {
                strays.add(names.get(c));
            }
        }
        if (!strays.isEmpty()) {
            throw new DataFileException(source + ": target column '" + target + "' has class" + (strays.size() > 1 ? "es " : " ")
                    + String.join(", ", strays) + ", not among the training classes " + String.join(", ", known));
        }
        int[] mapped = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            mapped[i] = index[labels[i]];
        }
        return mapped;
    }

    private static double[] distinctIntegers(CsvTable table, int t, float[] y) {
        TreeSet<Double> distinct = new TreeSet<>();
        for (int i = 0; i < y.length; i++) {
            if (y[i] != Math.rint(y[i]) || Math.abs(y[i]) > MAX_LABEL) {
                throw new DataFileException(table.source() + " line " + table.lineNumber(i) + ", column " + (t + 1)
                        + ": class label " + y[i] + " is not a whole number of at most 2^24 in size;"
                        + " classification needs integer labels (or use --task regression)");
            }
            distinct.add((double) y[i]);
        }
        return distinct.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String fileStem(String source) {
        String name = Path.of(source).getFileName().toString();
        for (String suffix : new String[] {".gz", ".csv", ".tsv", ".txt"}) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }
}
