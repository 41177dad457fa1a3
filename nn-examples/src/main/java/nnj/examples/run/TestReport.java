package nnj.examples.run;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.Locale;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import nnj.examples.report.ClassificationScores;
import nnj.examples.report.OlsComparison;
import nnj.examples.report.RegressionScores;

/** The test-part numbers of a run, in the same words for text and JSON. */
public record TestReport(Task task, ClassificationScores classification, RegressionScores regression,
                         OlsComparison ols, double trainAccuracy) {

    public static TestReport of(TrainingRun.Result r, Dataset train) {
        Dataset test = r.testPart();
        if (test.task() == Task.CLASSIFICATION) {
            int[] labels = new int[test.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = test.label(i);
            }
            return new TestReport(Task.CLASSIFICATION,
                    new ClassificationScores(r.model().predictClasses(test), labels, test.classNames()), null, null,
                    r.train().accuracy());
        }
        return new TestReport(Task.REGRESSION, null, RegressionScores.of(r.testPredictions(), test.targetArray()),
                OlsComparison.fit(train, test), Double.NaN);
    }

    public void addTo(JsonObject o) {
        if (task == Task.CLASSIFICATION) {
            o.addProperty("train_accuracy", trainAccuracy);
            o.addProperty("test_accuracy", classification.accuracy());
            return;
        }
        regression.addTo(o, "");
        if (ols.ran()) {
            ols.scores().addTo(o, "ols_");
        }
    }

    public void print(PrintWriter out, TrainingRun.Result r) {
        if (task == Task.CLASSIFICATION) {
            out.printf(Locale.ROOT, "train  loss %.4f  accuracy %.4f%n", r.train().loss(), r.train().accuracy());
            out.printf(Locale.ROOT, "test   loss %.4f  accuracy %.4f%n", r.test().loss(), classification.accuracy());
            return;
        }
        out.printf(Locale.ROOT, "train  loss (MSE) %.6g%n", r.train().loss());
        out.printf(Locale.ROOT, "test   loss (MSE) %.6g%n", r.test().loss());
        out.println("test part     R²       RMSE       MAE");
        row(out, "network", regression);
        if (ols.ran()) {
            row(out, "OLS", ols.scores());
        } else {
            out.println("OLS baseline skipped: " + ols.skipped());
        }
    }

    private static void row(PrintWriter out, String name, RegressionScores s) {
        out.printf(Locale.ROOT, "%-9s %8s %10.4g %9.4g%n", name, s.r2Text("%.4f"), s.rmse(), s.mae());
    }
}
