package nnj.examples.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nnj.api.backend.Backend;
import nnj.api.backend.BackendStatus;
import nnj.api.backend.Backends;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import nnj.api.layers.Parameter;
import nnj.api.train.EpochResult;
import nnj.examples.cli.options.BackendOptions;
import nnj.examples.cli.options.DatasetOptions;
import nnj.examples.cli.options.ModelOptions;
import nnj.examples.cli.options.OutputOptions;
import nnj.examples.cli.options.TrainingOptions;
import nnj.examples.data.DatasetResolver;
import nnj.examples.report.Json;
import nnj.examples.report.ProgressListener;
import nnj.examples.run.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nnj compare}: trains the same model, from the same seed and on the same split, on every
 * supported backend, one after the other, and prints per backend the median time per epoch, the
 * final training loss, the test metric and the largest difference of any final weight from the
 * reference backend's (naive when present). Same seed means the same initial weights and batch
 * order everywhere, so the weight difference shows only how far the backends' float rounding has
 * carried the runs apart.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the same model with the same seed on every supported backend and compare time per "
                + "epoch, train loss (as train reports it: the trained model on its training samples), test metric "
                + "and the largest weight difference from the naive reference. "
                + "This is how to choose a backend for your model and machine.", ""})
final class CompareCommand implements Callable<Integer> {
    static final String REFERENCE = "naive";

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions data = new DatasetOptions();

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Mixin
    TrainingOptions training = new TrainingOptions();

    @Option(names = "--backends", paramLabel = "NAME", split = ",", splitSynopsisLabel = ",",
            description = "Only these backends, separated by commas, e.g. naive,simd (default: every supported one).")
    List<String> only;

    @Option(names = "--threads", paramLabel = "N", description = "Threads every backend may use (default: each backend's own).")
    Integer threads;

    @Mixin
    OutputOptions output = new OutputOptions();

    /** One backend's numbers. */
    record Row(String backend, int threads, double secondsPerEpoch, double trainLoss, double testMetric,
               double maxWeightDiff, double relativeWeightDiff) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        modelOptions.validate();
        training.separateTestData(data.testDataset() != null).validate();
        int epochs = training.epochsFor(data.dataset());
        List<String> names = backendNames();
        DatasetResolver.Split split = data.resolve();
        Dataset train = split.train();
        modelOptions.requireFitsHeap(train, training.batchSize()); // refused before anything is printed
        boolean classification = train.task() == Task.CLASSIFICATION;
        String metricName = classification ? "test accuracy" : "test R²";
        if (!output.json()) {
            out.println(split.description());
            out.printf(Locale.ROOT, "%s, %s, seed %d%n", modelOptions.describe(train), training.describe(epochs), data.seed());
            out.flush();
        }
        List<Row> rows = new ArrayList<>();
        float[][] reference = null;
        for (String name : names) {
            Backend backend = BackendOptions.of(name, threads).backend();
            TrainingRun run = new TrainingRun(backend, modelOptions, training, data.seed(), epochs);
            if (output.showProgress()) {
                run.listener(new ProgressListener());
            }
            TrainingRun.Result r = run.fit(train, split.test());
            float[][] weights = weights(r);
            if (reference == null) {
                reference = weights; // the first backend listed is the reference (naive comes first)
            }
            double metric = classification ? r.test().accuracy() : r.test().metric("r2");
            double[] diff = difference(weights, reference);
            rows.add(new Row(backend.name(), backend.threads(), medianEpochSeconds(r), r.train().loss(), // as train reports it, not the last epoch's running mean
                    metric, diff[0], diff[1]));
        }
        if (output.json()) {
            JsonObject o = new JsonObject();
            o.addProperty("dataset", data.dataset());
            o.addProperty("task", train.task().name().toLowerCase(Locale.ROOT));
            o.addProperty("epochs", epochs);
            o.addProperty("seed", data.seed());
            o.addProperty("reference", rows.get(0).backend());
            JsonArray list = new JsonArray();
            for (Row row : rows) {
                JsonObject e = new JsonObject();
                e.addProperty("backend", row.backend());
                e.addProperty("threads", row.threads());
                e.addProperty("seconds_per_epoch", row.secondsPerEpoch());
                e.addProperty("train_loss", row.trainLoss());
                Json.addMetric(e, classification ? "test_accuracy" : "r2", row.testMetric());
                e.addProperty("max_weight_diff", row.maxWeightDiff());
                e.addProperty("max_weight_diff_relative", row.relativeWeightDiff());
                list.add(e);
            }
            o.add("backends", list);
            Json.print(out, o);
            return 0;
        }
        String ref = rows.get(0).backend();
        out.printf(Locale.ROOT, "%-8s %7s %10s %8s %11s %13s %19s%n", "backend", "threads", "s/epoch", "speed-up",
                "train loss", metricName, "max |w − w_" + ref + "|");
        double base = rows.get(0).secondsPerEpoch();
        for (Row row : rows) {
            out.printf(Locale.ROOT, "%-8s %7d %10.4f %7.2f× %11.5f %13s %19.3g%n", row.backend(), row.threads(),
                    row.secondsPerEpoch(), base / row.secondsPerEpoch(), row.trainLoss(),
                    Double.isFinite(row.testMetric()) ? String.format(Locale.ROOT, "%.4f", row.testMetric()) : "n/a",
                    row.maxWeightDiff());
        }
        out.println("s/epoch is the median over the epochs (validation included); speed-up is against " + ref
                + ". Weight differences are float rounding carried through training.");
        out.flush();
        return 0;
    }

    /** The supported backends to run, the reference first, then by falling priority. */
    private List<String> backendNames() {
        List<String> supported = new ArrayList<>();
        for (BackendStatus s : Backends.list()) {
            if (s.support().supported()) {
                supported.add(s.name());
            }
        }
        List<String> names = new ArrayList<>();
        if (only != null && !only.isEmpty()) {
            for (String n : only) {
                Backends.named(n.trim()); // an unknown or unsupported name fails here, listing them all
                names.add(n.trim().toLowerCase(Locale.ROOT));
            }
        } else {
            names.addAll(supported);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no supported backend to compare\n" + Backends.registry().table());
        }
        names.sort((a, b) -> Boolean.compare(!a.equalsIgnoreCase(REFERENCE), !b.equalsIgnoreCase(REFERENCE)));
        return names;
    }

    private static double medianEpochSeconds(TrainingRun.Result r) {
        double[] s = r.history().epochs().stream().mapToDouble(EpochResult::seconds).sorted().toArray();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static float[][] weights(TrainingRun.Result r) {
        List<Parameter> params = r.model().parameters();
        float[][] w = new float[params.size()][];
        for (int i = 0; i < w.length; i++) {
            w[i] = params.get(i).values();
        }
        return w;
    }

    /** {max |a − b|, that divided by max |b|} over every weight. */
    static double[] difference(float[][] a, float[][] b) {
        double maxDiff = 0;
        double maxRef = 0;
        for (int p = 0; p < a.length; p++) {
            for (int i = 0; i < a[p].length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs((double) a[p][i] - b[p][i]));
                maxRef = Math.max(maxRef, Math.abs(b[p][i]));
            }
        }
        return new double[] {maxDiff, maxRef == 0 ? 0 : maxDiff / maxRef};
    }
}
