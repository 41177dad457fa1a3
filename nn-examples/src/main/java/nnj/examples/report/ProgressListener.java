package nnj.examples.report;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import nnj.api.train.EpochResult;
import nnj.api.train.History;
import nnj.api.train.TrainingListener;
import nnj.api.train.TrainingPlan;

/** A progress bar on stderr over all training steps, with the last epoch's validation numbers. */
public final class ProgressListener implements TrainingListener {
    private ProgressBar bar;

    @Override
    public void onTrainStart(TrainingPlan plan) {
        bar = new ProgressBarBuilder()
                .setTaskName("train " + plan.backend())
                .setInitialMax((long) plan.epochs() * plan.batchesPerEpoch())
                .setConsumer(new ConsoleProgressBarConsumer(System.err, 120))
                .setUpdateIntervalMillis(200)
                .setUnit(" steps", 1)
                .build();
    }

    @Override
    public void onBatchEnd(int epoch, int batch, double loss) {
        bar.step();
    }

    @Override
    public void onEpochEnd(EpochResult r) {
        String extra = Double.isNaN(r.validationAccuracy()) ? ""
                : String.format(Locale.ROOT, " val_accuracy %.3f", r.validationAccuracy());
        bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d train_loss %.3f val_loss %.3f%s",
                r.epoch(), r.trainLoss(), r.validationLoss(), extra));
    }

    @Override
    public void onTrainEnd(History history) {
        bar.maxHint(bar.getCurrent());
        bar.close();
    }
}
