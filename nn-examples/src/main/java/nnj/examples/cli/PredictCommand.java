package nnj.examples.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nnj.api.backend.Backend;
import nnj.api.data.Task;
import nnj.api.io.AtomicFiles;
import nnj.api.metrics.Metrics;
import nnj.api.model.NonFiniteOutputException;
import nnj.api.model.Predictor;
import nnj.data.CsvTable;
import nnj.examples.cli.options.BackendOptions;
import nnj.examples.cli.options.OutputPaths;
import nnj.examples.run.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nnj predict}: runs a saved model on the rows of a CSV file of features.
 *
 * <p>Output (CSV, one row per input row, in order): for a classifier {@code class} (the predicted
 * class name) and {@code p_<class>} for each class, the softmax probabilities; for regression
 * {@code prediction} (or {@code prediction_1 …} for several targets), in the target's units. The
 * model's stored standardisation is applied to the inputs first.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a saved model on a CSV file of features and write one prediction per row: the class and "
                + "each class's probability, or the predicted value.",
            "With a header line and a model that recorded its feature names (trained on a CSV with a header), "
                + "columns are matched by name: their order does not matter, a missing one is an error and extra ones "
                + "(the target, an id) are ignored with a note. Otherwise columns are taken by position: one per model "
                + "input, in the training order, without the target.", ""})
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by `nnj train --out`.")
    Path modelFile;

    @Option(names = "--input", paramLabel = "CSV", required = true, description = "The features, one sample per row.")
    Path input;

    @Option(names = "--output", paramLabel = "CSV", converter = OutputPaths.CsvFile.class,
            description = "Write the predictions here (atomically) instead of to stdout.")
    Path output;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() throws Exception {
        if (output != null) {
            OutputPaths.requireWritableFile("--output", output);
        }
        SavedModel saved = SavedModel.open(modelFile);
        CsvTable table = CsvTable.read(input);
        float[] features = features(table, saved.model().metadata().featureNames(), saved.model().inputWidth(),
                spec.commandLine().getErr());
        Backend backend = backendOptions.backend();
        saved.model().to(backend);
        int rows = table.rowCount();
        float[] outputs;
        try {
            outputs = saved.model().predict(features, rows);
        } catch (NonFiniteOutputException e) { // name the line of the file, not the row's index
            throw new IllegalArgumentException(input + " line " + table.lineNumber(e.sample()) + ": " + e.detail(), e);
        }
        String csv = format(saved, outputs, rows);
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(csv);
            out.flush();
        } else {
            AtomicFiles.write(output, csv.getBytes(StandardCharsets.UTF_8));
            spec.commandLine().getErr().println("wrote " + rows + " predictions to " + output);
        }
        return 0;
    }

    /**
     * The model's inputs from {@code table}, one row per sample, in the model's feature order. With
     * a header and a model that recorded its feature names, columns are matched by name (a missing
     * one is an error naming it; extra ones are listed on {@code err} and left out); otherwise by
     * position, and the column count must equal the model's input width.
     */
    float[] features(CsvTable table, List<String> featureNames, int width, PrintWriter err) {
        if (!table.hasHeader() || featureNames.isEmpty()) {
            if (table.columnCount() != width) {
                throw new IllegalArgumentException(input + " has " + table.columnCount() + " column"
                        + (table.columnCount() == 1 ? "" : "s") + " but the model " + modelFile + " takes " + width
                        + " features: give one column per feature, in the order it was trained with"
                        + (table.columnCount() == width + 1 ? " (is the target column still in the file? leave it out)"
                        : ""));
            }
            return table.featuresWithout(-1);
        }
        List<String> columns = table.columnNames();
        int[] source = new int[featureNames.size()];
        List<String> missing = new java.util.ArrayList<>();
        for (int j = 0; j < source.length; j++) {
            source[j] = columns.indexOf(featureNames.get(j));
            if (source[j] < 0) {
                missing.add(featureNames.get(j));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(input + " has no column" + (missing.size() == 1 ? " " : "s ")
                    + quoted(missing) + ", which the model " + modelFile + " takes (its features: "
                    + String.join(", ", featureNames) + "); columns are matched by their header names");
        }
        List<String> ignored = new java.util.ArrayList<>(columns);
        ignored.removeAll(featureNames);
        if (!ignored.isEmpty()) {
            err.println("note: ignoring column" + (ignored.size() == 1 ? " " : "s ") + quoted(ignored) + " of " + input
                    + ": the model does not use " + (ignored.size() == 1 ? "it" : "them"));
            err.flush();
        }
        int rows = table.rowCount();
        float[] x = new float[rows * source.length];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < source.length; j++) {
                x[r * source.length + j] = (float) table.value(r, source[j]);
            }
        }
        return x;
    }

    private static String quoted(List<String> names) {
        return "'" + String.join("', '", names) + "'";
    }

    /** The predictions as CSV text with a header line. */
    static String format(SavedModel saved, float[] outputs, int rows) {
        int k = saved.model().outputWidth();
        StringBuilder sb = new StringBuilder();
        if (saved.task() == Task.CLASSIFICATION) {
            List<String> names = classNames(saved, k);
            float[] p = saved.outputsProbabilities() ? outputs : Predictor.softmaxRows(outputs, k);
            int[] predicted = Metrics.argmaxRows(outputs, k);
            sb.append("class");
            for (String n : names) {
                sb.append(',').append(quote("p_" + n));
            }
            sb.append('\n');
            for (int i = 0; i < rows; i++) {
                sb.append(quote(names.get(predicted[i])));
                for (int j = 0; j < k; j++) {
                    sb.append(',').append(String.format(Locale.ROOT, "%.6f", p[i * k + j]));
                }
                sb.append('\n');
            }
        } else {
            for (int j = 0; j < k; j++) {
                sb.append(j == 0 ? "" : ",").append(k == 1 ? "prediction" : "prediction_" + (j + 1));
            }
            sb.append('\n');
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < k; j++) {
                    sb.append(j == 0 ? "" : ",").append(outputs[i * k + j]); // shortest text that reads back exactly
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static List<String> classNames(SavedModel saved, int k) {
        List<String> names = saved.model().metadata().classNames();
        if (names.size() == k) {
            return names;
        }
        String[] generic = new String[k];
        for (int j = 0; j < k; j++) {
            generic[j] = Integer.toString(j);
        }
        return List.of(generic);
    }

    /** RFC 4180 quoting for class names that contain a comma, a quote or a line break. */
    static String quote(String s) {
        boolean plain = s.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? s : '"' + s.replace("\"", "\"\"") + '"';
    }
}
