package nnj.examples.cli;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nnj.api.backend.Backend;
import nnj.api.data.Dataset;
import nnj.api.train.Checkpoint;
import nnj.examples.cli.options.BackendOptions;
import nnj.examples.cli.options.DatasetOptions;
import nnj.examples.cli.options.ModelOptions;
import nnj.examples.cli.options.OutputOptions;
import nnj.examples.cli.options.OutputPaths;
import nnj.examples.cli.options.RunStateOptions;
import nnj.examples.cli.options.TrainingOptions;
import nnj.examples.data.DatasetResolver;
import nnj.examples.report.Json;
import nnj.examples.report.ProgressListener;
import nnj.examples.run.CrossValidation;
import nnj.examples.run.TestReport;
import nnj.examples.run.TrainPlots;
import nnj.examples.run.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code nnj train}: trains an MLP on a dataset (the bundled handwritten digits by default) and
 * reports train and test numbers: accuracy for classification; R², RMSE and MAE beside an OLS
 * baseline for regression. {@code --folds K} cross-validates instead ({@link CrossValidation}).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a multi-layer perceptron, by default on the bundled handwritten digits (8x8, 1,797 "
                + "samples).",
            "The data is split at random from the seed into train and test (stratified by class); 10%% of train is "
                + "held out for validation (with --test-dataset none, unless --early-stopping needs it). Features are "
                + "standardised on the training part; the scaling is saved with the model. Classification uses "
                + "softmax cross-entropy; regression the mean squared error on a linear output, compared with an "
                + "ordinary-least-squares baseline fitted on the same split.", ""})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions data = new DatasetOptions();

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Mixin
    TrainingOptions training = new TrainingOptions();

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Option(names = "--folds", paramLabel = "K",
            description = "Cross-validate: train K models on K seeded folds and report the mean and spread of the "
                    + "test metric (and of the OLS baseline's, for regression).")
    Integer folds;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "Write PNG charts to DIR: loss and accuracy per epoch, the test confusion matrix, and for "
                    + "one-feature regression the fitted curve.")
    Path plotDir;

    @Option(names = "--out", paramLabel = "FILE", converter = OutputPaths.ModelFile.class,
            description = "Save the trained model (.safetensors).")
    Path out;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    RunStateOptions runState = new RunStateOptions();

    /** Set on the command that {@code --resume} rebuilds ({@link ResumedRun}): the checkpoint and the options to keep saving. */
    Checkpoint resumeFrom;
    List<String> resumedOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (runState.resumeDir() != null && resumeFrom == null) {
            return resume();
        }
        modelOptions.validate(); // a typo fails before a large dataset is loaded
        training.separateTestData(data.testDataset() != null).validate();
        if (folds != null) {
            if (runState.checkpointDir() != null || runState.resumeDir() != null || runState.diagnose()) {
                throw new IllegalArgumentException("--checkpoint, --resume and --diagnose apply to a single run; drop --folds");
            }
            if (out != null || plotDir != null) {
                throw new IllegalArgumentException("--folds trains " + folds + " models; --out and --plot apply to a"
                        + " single run, so leave them out or drop --folds");
            }
            Backend backend = backendOptions.backend();
            new CrossValidation(backend, data, modelOptions, training, output).run(folds, stdout);
            return 0;
        }
        requireWritableOutputs(); // before hours of training, not after
        Backend backend = backendOptions.backend();
        int epochs = training.epochsFor(data.dataset());
        DatasetResolver.Split split = data.resolve();
        Dataset train = split.train();
        modelOptions.requireFitsHeap(train, training.batchSize()); // refused before anything is printed
        if (!output.json()) {
            stdout.println(split.description());
            stdout.printf(Locale.ROOT, "%s on %s (%d threads), %s%n",
                    modelOptions.describe(train), backend.name(),
                    backend.threads(), training.describe(epochs));
            stdout.flush();
        }
        TrainingRun run = new TrainingRun(backend, modelOptions, training, data.seed(), epochs)
                .trackTrainAccuracy(plotDir != null);
        if (output.showProgress()) {
            run.listener(new ProgressListener());
        }
        if (!output.json()) {
            run.beforeTraining(model -> {
                stdout.print(model.summary());
                stdout.flush();
            });
        }
        addRunState(run, stdout, epochs);
        TrainingRun.Result r = run.fit(train, split.test());
        TestReport report = TestReport.of(r, train);
        if (out != null) {
            data.record().save(r.model(), out);
        }
        List<Path> plots = plotDir == null ? List.of()
                : TrainPlots.write(plotDir, train.name(), r, report.classification());
        if (output.json()) {
            JsonObject o = training.jsonHead(backend.name(), backend.threads(), data.dataset(), train.task(),
                    r.history().epochs().size(), data.seed());
            o.addProperty("parameters", r.model().parameterCount());
            o.addProperty("architecture", modelOptions.describe(train));
            o.addProperty("schedule", training.schedule());
            o.addProperty("validation_fraction", training.validationFraction());
            o.addProperty("train_samples", r.trainingPart().size());
            o.addProperty("test_samples", r.testPart().size());
            if (data.testDataset() != null) {
                o.addProperty("test_dataset", data.testDataset());
            }
            if (training.patience() > 0) {
                o.addProperty("early_stopping", training.patience());
                o.addProperty("best_epoch", r.history().bestEpoch());
            }
            o.addProperty("seconds", r.seconds());
            o.addProperty("train_loss", r.train().loss());
            o.addProperty("test_loss", r.test().loss());
            report.addTo(o);
            if (out != null) {
                o.addProperty("model", out.toString());
            }
            Json.print(stdout, o);
        } else {
            stdout.printf(Locale.ROOT, "trained %d epochs in %.2f s (%d train, %d validation, %d test samples; "
                            + "%,d parameters)%n", r.history().epochs().size(), r.seconds(), r.trainingPart().size(),
                    r.validationPart() == null ? 0 : r.validationPart().size(), r.testPart().size(), r.model().parameterCount());
            report.print(stdout, r);
            for (Path p : plots) {
                stdout.println("wrote " + p);
            }
            if (out != null) {
                stdout.println("saved the model to " + out);
            }
        }
        stdout.flush();
        return 0;
    }

    /** {@code --out}, {@code --plot} and {@code --checkpoint}: refused now unless nnj can write there. */
    private void requireWritableOutputs() {
        if (out != null) {
            OutputPaths.requireWritableFile("--out", out);
        }
        if (plotDir != null) {
            OutputPaths.requireWritableDirectory("--plot", plotDir);
        }
        if (runState.checkpointDir() != null) {
            OutputPaths.requireWritableDirectory("--checkpoint", runState.checkpointDir());
        }
    }

    /** {@code --checkpoint}, a resumed checkpoint and {@code --diagnose}, wired into the run. */
    private void addRunState(TrainingRun run, PrintWriter stdout, int epochs) throws java.io.IOException {
        if (runState.checkpointDir() != null) {
            List<String> options = resumedOptions != null ? resumedOptions
                    : ResumedRun.optionsOf(spec.commandLine().getParseResult());
            ResumedRun.saveOptions(runState.checkpointDir(), options);
            Path file = runState.checkpointDir().resolve(RunStateOptions.CHECKPOINT_FILE);
            run.customize(b -> b.checkpoint(file));
        }
        if (resumeFrom != null) {
            run.resumeFrom(resumeFrom);
            if (!output.json()) {
                stdout.printf(Locale.ROOT, "resuming from %s: %d of %d epochs done (%s, step %d)%n", resumeFrom.path(),
                        resumeFrom.epoch(), epochs, resumeFrom.optimizer(), resumeFrom.steps());
                if (epochs != resumeFrom.epochs() && training.schedule().equalsIgnoreCase("cosine")) {
                    stdout.printf(Locale.ROOT, "note: the cosine schedule now spans %d epochs instead of %d%n", epochs,
                            resumeFrom.epochs());
                }
            }
        }
        if (runState.diagnose()) {
            // with --json, stdout carries only the JSON object
            PrintWriter to = output.json() ? spec.commandLine().getErr() : stdout;
            run.diagnose(line -> {
                to.println(line);
                to.flush();
            });
        }
    }

    /** {@code --resume DIR}: rebuilds the checkpointed run with the options given now, and runs it. */
    private Integer resume() throws Exception {
        Path dir = runState.resumeDir();
        Path file = dir.resolve(RunStateOptions.CHECKPOINT_FILE);
        CommandLine line = ResumedRun.rebuild(dir, spec.commandLine().getParseResult());
        if (!java.nio.file.Files.exists(file)) {
            throw new IllegalArgumentException(dir + " holds the options of a run but no " + RunStateOptions.CHECKPOINT_FILE
                    + " (it stopped before its first epoch ended); start it again without --resume");
        }
        line.setOut(spec.commandLine().getOut());
        line.setErr(spec.commandLine().getErr());
        TrainCommand resumed = line.getCommand();
        resumed.resumeFrom = Checkpoint.read(file);
        resumed.resumedOptions = ResumedRun.optionsOf(line.getParseResult());
        resumed.runState.checkpointDirIfUnset(dir); // keep checkpointing where the run was
        return resumed.call();
    }
}
