package nnj.examples.run;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import nnj.api.backend.Backend;
import nnj.api.data.Dataset;
import nnj.api.data.Splits;
import nnj.api.data.Task;
import nnj.examples.cli.options.DatasetOptions;
import nnj.examples.cli.options.ModelOptions;
import nnj.examples.cli.options.OutputOptions;
import nnj.examples.cli.options.TrainingOptions;
import nnj.examples.report.Json;
import nnj.examples.report.ProgressListener;
import nnj.examples.report.Stats;

/**
 * {@code train --folds K}: K models, each tested on its own seeded fold and trained on the rest
 * ({@link Splits#folds}), so every sample is tested once. Reports the mean and the sample
 * standard deviation of the test metric over the folds, for the network and, for regression, for
 * the OLS baseline fitted on the same folds. Small sets such as diabetes give noisy single splits;
 * the spread says how much a single number can be trusted.
 */
public final class CrossValidation {
    private final Backend backend;
    private final DatasetOptions data;
    private final ModelOptions model;
    private final TrainingOptions training;
    private final OutputOptions output;

    public CrossValidation(Backend backend, DatasetOptions data, ModelOptions model, TrainingOptions training,
                    OutputOptions output) {
        this.backend = backend;
        this.data = data;
        this.model = model;
        this.training = training;
        this.output = output;
    }

    public void run(int k, PrintWriter out) {
        if (data.testFractionGiven()) {
            throw new IllegalArgumentException("--test-fraction does not apply with --folds: each of the " + k
                    + " folds is the test part once");
        }
        int epochs = training.epochsFor(data.dataset());
        Dataset all = data.resolveUnsplit();
        List<Splits.Split> parts = Splits.folds(all, k, data.seed());
        boolean regression = all.task() == Task.REGRESSION;
        if (!output.json()) {
            out.printf(Locale.ROOT, "%s: %d folds (seed %d); %s on %s (%d threads), %s%n", all, k, data.seed(),
                    model.describe(all), backend.name(),
                    backend.threads(), training.describe(epochs));
            out.println(regression ? "fold  train  test   test loss        R²   OLS R²"
                    : "fold  train  test   test loss  accuracy");
            out.flush();
        }
        double[] metric = new double[k];
        double[] rmse = new double[k];
        double[] mae = new double[k];
        double[] olsR2 = new double[k];
        double[] olsRmse = new double[k];
        double[] olsMae = new double[k];
        double[] trainLoss = new double[k];
        double[] testLoss = new double[k];
        boolean olsRan = regression;
        String olsSkipped = null;
        double seconds = 0;
        for (int f = 0; f < k; f++) {
            Dataset train = parts.get(f).first();
            Dataset test = parts.get(f).second();
            TrainingRun run = new TrainingRun(backend, model, training, data.seed(), epochs);
            if (output.showProgress()) {
                run.listener(new ProgressListener());
            }
            TrainingRun.Result r = run.fit(train, test);
            TestReport report = TestReport.of(r, train);
            seconds += r.seconds();
            trainLoss[f] = r.train().loss();
            testLoss[f] = r.test().loss();
            if (regression) {
                metric[f] = report.regression().r2();
                rmse[f] = report.regression().rmse();
                mae[f] = report.regression().mae();
                if (report.ols().ran()) {
                    olsR2[f] = report.ols().scores().r2();
                    olsRmse[f] = report.ols().scores().rmse();
                    olsMae[f] = report.ols().scores().mae();
                } else {
                    olsRan = false;
                    olsSkipped = report.ols().skipped();
                }
            } else {
                metric[f] = report.classification().accuracy();
            }
            if (!output.json()) {
                out.printf(Locale.ROOT, "%4d %6d %5d %11.4g %9.4f", f + 1, train.size(), test.size(), testLoss[f],
                        metric[f]);
                out.println(regression && olsRan ? String.format(Locale.ROOT, " %8.4f", olsR2[f]) : "");
                out.flush();
            }
        }
        if (output.json()) {
            JsonObject o = new JsonObject();
            o.addProperty("backend", backend.name());
            o.addProperty("threads", backend.threads());
            o.addProperty("dataset", data.dataset());
            o.addProperty("task", all.task().name().toLowerCase(Locale.ROOT));
            o.addProperty("folds", k);
            o.addProperty("epochs", epochs);
            o.addProperty("seed", data.seed());
            o.addProperty("seconds", seconds);
            o.addProperty("train_loss", Stats.of(trainLoss).mean());
            o.addProperty("test_loss", Stats.of(testLoss).mean());
            if (regression) {
                add(o, "r2", metric);
                add(o, "rmse", rmse);
                add(o, "mae", mae);
                if (olsRan) {
                    add(o, "ols_r2", olsR2);
                    add(o, "ols_rmse", olsRmse);
                    add(o, "ols_mae", olsMae);
                }
            } else {
                add(o, "test_accuracy", metric);
            }
            Json.print(out, o);
            return;
        }
        out.printf(Locale.ROOT, "mean ± std over %d folds (%.1f s of training):%n", k, seconds);
        if (regression) {
            out.println("              R²                 RMSE                 MAE");
            out.printf(Locale.ROOT, "network  %s  %s  %s%n", Stats.of(metric).format(), pm(rmse), pm(mae));
            if (olsRan) {
                out.printf(Locale.ROOT, "OLS      %s  %s  %s%n", Stats.of(olsR2).format(), pm(olsRmse), pm(olsMae));
            } else {
                out.println("OLS baseline skipped: " + olsSkipped);
            }
        } else {
            out.printf(Locale.ROOT, "test accuracy %s%n", Stats.of(metric).format());
        }
        out.flush();
    }

    private static String pm(double[] v) {
        Stats s = Stats.of(v);
        return String.format(Locale.ROOT, "%8.3f ± %-8.3f", s.mean(), s.std());
    }

    /** {@code name} (the mean), {@code name_std} and {@code name_folds} (each fold's value). */
    private static void add(JsonObject o, String name, double[] perFold) {
        Stats s = Stats.of(perFold);
        o.addProperty(name, s.mean());
        o.addProperty(name + "_std", s.std());
        o.add(name + "_folds", Json.array(perFold));
    }
}
