package nnj.examples.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import nnj.api.train.EpochResult;
import nnj.api.train.History;
import nnj.examples.report.ClassificationScores;
import nnj.examples.report.Plots;

/**
 * The PNGs of {@code train --plot DIR}: loss per epoch (train and validation), accuracy per epoch
 * and the test confusion matrix for classification, and for a regression on one feature the
 * fitted curve over the data. Returns the files written, so the command can list them.
 */
public final class TrainPlots {
    private static final int CURVE_POINTS = 400;

    private TrainPlots() {
    }

    public static List<Path> write(Path dir, String title, TrainingRun.Result run, ClassificationScores testScores)
            throws IOException {
        List<Path> written = new ArrayList<>();
        History h = run.history();
        String lossName = run.task() == Task.REGRESSION ? "MSE on standardised targets" : "cross-entropy";
        written.add(save(dir.resolve("loss.png"), p -> Plots.perEpoch(p, title + ": loss", lossName,
                h.trainLoss(), h.validationLoss())));
        if (run.task() == Task.CLASSIFICATION) {
            double[] validation = h.epochs().stream().mapToDouble(EpochResult::validationAccuracy).toArray();
            written.add(save(dir.resolve("accuracy.png"), p -> Plots.perEpoch(p, title + ": accuracy", "accuracy",
                    run.trainAccuracy(), validation)));
            written.add(save(dir.resolve("confusion.png"), p -> Plots.confusionMatrix(p,
                    title + ": test confusion matrix", testScores.confusion(), testScores.classNames())));
        } else if (run.testPart().featureCount() == 1 && run.testPart().targetWidth() == 1) {
            written.add(save(dir.resolve("fit.png"), p -> fittedCurve(p, title, run)));
        }
        return written;
    }

    /** The training and test points, and the model's prediction on a fine grid across their x range. */
    private static void fittedCurve(Path png, String title, TrainingRun.Result run) throws IOException {
        Dataset train = run.trainingPart();
        Dataset test = run.testPart();
        int n = train.size() + test.size();
        double[] x = new double[n];
        double[] y = new double[n];
        int k = 0;
        for (Dataset d : List.of(train, test)) {
            for (int i = 0; i < d.size(); i++, k++) {
                x[k] = d.feature(i, 0);
                y[k] = d.target(i, 0);
            }
        }
        double lo = Arrays.stream(x).min().orElse(0);
        double hi = Arrays.stream(x).max().orElse(1);
        float[] grid = new float[CURVE_POINTS];
        double[] gridX = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            gridX[i] = lo + (hi - lo) * i / (CURVE_POINTS - 1);
            grid[i] = (float) gridX[i];
        }
        float[] out = run.model().predict(grid, CURVE_POINTS);
        double[] gridY = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            gridY[i] = out[i];
        }
        Plots.fittedCurve(png, title + ": model over the data", x, y, gridX, gridY);
    }

    private interface Drawing {
        void draw(Path png) throws IOException;
    }

    private static Path save(Path png, Drawing drawing) throws IOException {
        drawing.draw(png);
        return png;
    }
}
