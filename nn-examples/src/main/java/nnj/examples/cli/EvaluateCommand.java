package nnj.examples.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import nnj.api.backend.Backend;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import nnj.api.train.Evaluation;
import nnj.api.train.Trainer;
import nnj.examples.cli.options.BackendOptions;
import nnj.examples.cli.options.DatasetOptions;
import nnj.examples.data.DatasetResolver;
import nnj.examples.report.ClassificationScores;
import nnj.examples.report.Json;
import nnj.examples.report.RegressionScores;
import nnj.examples.run.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nnj evaluate}: scores a saved model on the test part of a dataset.
 *
 * <p>Which samples: the test part drawn exactly as {@code train} drew it. A model saved by
 * {@code train --out} records its dataset, seed and test fraction, and those are the defaults here,
 * so {@code nnj evaluate --model m.safetensors} reproduces the test numbers that {@code train}
 * printed. Each can be overridden ({@code --dataset}, {@code --seed}, {@code --test-fraction});
 * {@code --all} scores every sample instead (for example a new CSV file).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a saved model on a dataset: accuracy, per-class precision and recall and the "
                + "confusion matrix for classification; R², RMSE and MAE for regression.",
            "By default it uses the test part of the dataset the model was trained on, drawn with the seed and "
                + "test fraction stored in the model file by `nnj train --out`, so it reproduces train's test "
                + "numbers.", ""})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by `nnj train --out`.")
    Path modelFile;

    @Mixin
    DatasetOptions data = new DatasetOptions();

    @Option(names = "--all", description = "Score every sample of the dataset, not only its test part.")
    boolean all;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Option(names = "--json", description = "Print only the metrics, as one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SavedModel saved = SavedModel.open(modelFile);
        data.fillFrom(saved.record());
        data.csvTaskDefault(saved.task()); // read the CSV target the way the model sees it
        Dataset samples;
        String what;
        if (all) {
            samples = data.resolveUnsplit();
            what = samples + ", every sample";
        } else {
            DatasetResolver.Split split = data.resolve();
            samples = split.test();
            what = split.description() + "; evaluating the " + samples.size() + " test samples";
        }
        saved.requireFits(samples);
        Backend backend = backendOptions.backend();
        saved.model().to(backend);
        Evaluation eval = Trainer.on(backend).build().evaluate(saved.model(), samples);
        float[] outputs = saved.model().predict(samples);

        JsonObject o = new JsonObject();
        o.addProperty("model", modelFile.toString());
        o.addProperty("backend", backend.name());
        o.addProperty("dataset", data.dataset());
        o.addProperty("task", samples.task().name().toLowerCase(Locale.ROOT));
        o.addProperty("samples", samples.size());
        o.addProperty("seed", data.seed());
        // --all scores every sample, training ones included: its numbers are not test numbers
        String prefix = all ? "" : "test_";
        o.addProperty("part", all ? "all" : "test");
        o.addProperty(prefix + "loss", eval.loss());
        if (!json) {
            out.println("model " + modelFile + ": " + saved.describe()
                    + (saved.record() == null ? "" : ", trained on " + saved.record().describe()));
            out.println(what);
            out.printf(Locale.ROOT, "on %s (%d threads)%n", backend.name(), backend.threads());
        }
        if (samples.task() == Task.CLASSIFICATION) {
            int[] labels = new int[samples.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = samples.label(i);
            }
            ClassificationScores scores = new ClassificationScores(
                    nnj.api.metrics.Metrics.argmaxRows(outputs, saved.model().outputWidth()), labels,
                    samples.classNames());
            if (json) {
                o.addProperty(prefix + "accuracy", scores.accuracy());
                JsonObject precision = new JsonObject();
                JsonObject recall = new JsonObject();
                JsonArray confusion = new JsonArray();
                for (int c = 0; c < scores.classNames().size(); c++) {
                    precision.addProperty(scores.classNames().get(c), scores.precision(c));
                    recall.addProperty(scores.classNames().get(c), scores.recall(c));
                    JsonArray row = new JsonArray();
                    for (int v : scores.confusion()[c]) {
                        row.add(v);
                    }
                    confusion.add(row);
                }
                o.add("precision", precision);
                o.add("recall", recall);
                o.add("confusion_matrix", confusion);
            } else {
                out.printf(Locale.ROOT, "loss %.4f  accuracy %.4f%n%n", eval.loss(), scores.accuracy());
                scores.print(out);
            }
        } else {
            RegressionScores s = RegressionScores.of(outputs, samples.targetArray());
            if (json) {
                s.addTo(o, "");
            } else {
                out.printf(Locale.ROOT, "loss (MSE) %.6g%n", eval.loss());
                out.printf(Locale.ROOT, "R² %s  RMSE %.4g  MAE %.4g%n", s.r2Text("%.4f"), s.rmse(), s.mae());
            }
        }
        if (json) {
            Json.print(out, o);
        }
        out.flush();
        return 0;
    }
}
