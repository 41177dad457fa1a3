package nnj.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.List;
import nnj.api.data.Dataset;
import nnj.api.layers.BatchNorm;
import nnj.api.layers.Dense;
import nnj.api.layers.Dropout;
import nnj.api.layers.ReLU;
import nnj.api.layers.Sequential;
import nnj.api.layers.Tanh;
import nnj.api.loss.Loss;
import nnj.api.loss.Losses;
import nnj.api.optim.Adam;
import nnj.api.optim.Optimizer;
import nnj.api.optim.Sgd;
import nnj.api.testing.Blobs;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class TrainerTest {

    static Dataset blobs(int n, long seed) {
        return Blobs.of(n, seed);
    }

    static Sequential mlp() {
        return Sequential.of(new Dense(4, 16), new ReLU(), new Dropout(0.1f), new Dense(16, 3));
    }

    @Test
    void learnsASeparableProblem() {
        Dataset data = blobs(300, 1);
        Sequential model = mlp();
        Trainer trainer = Trainer.on(new NaiveBackend()).optimizer(new Adam(1e-2f)).epochs(15).batchSize(32).seed(3).build();
        History h = trainer.fit(model, data);
        assertEquals(15, h.epochs().size());
        assertTrue(h.last().trainLoss() < h.epochs().get(0).trainLoss() / 3, h.toCsv());
        Evaluation e = trainer.evaluate(model, blobs(150, 2));
        assertTrue(e.accuracy() > 0.95, "held-out accuracy " + e.accuracy());
    }

    @Test
    void sameSeedGivesBitwiseIdenticalLosses() {
        double[][] runs = new double[2][];
        for (int run = 0; run < 2; run++) {
            Trainer t = Trainer.on(new NaiveBackend()).epochs(4).batchSize(16).seed(11).build();
            History h = t.fit(mlp(), blobs(200, 5));
            runs[run] = concat(h.trainLoss(), h.validationLoss());
        }
        assertArrayEquals(runs[0], runs[1], 0.0, "two runs with seed 11");
        Trainer other = Trainer.on(new NaiveBackend()).epochs(4).batchSize(16).seed(12).build();
        double[] different = concat(other.fit(mlp(), blobs(200, 5)).trainLoss(), new double[0]);
        assertTrue(different[0] != runs[0][0], "another seed should give another run");
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void listenersAreCalledInOrder() {
        TrainingListener listener = mock(TrainingListener.class);
        Dataset data = blobs(50, 1); // 45 train after the 10% split: batches of 20, 20, 5
        Trainer trainer = Trainer.on(new NaiveBackend()).epochs(2).batchSize(20).seed(1).listener(listener).build();
        trainer.fit(mlp(), data);
        InOrder order = inOrder(listener);
        order.verify(listener).onTrainStart(new TrainingPlan(2, 3, 45, 5, "naive"));
        for (int epoch = 0; epoch < 2; epoch++) {
            order.verify(listener).onEpochStart(epoch);
            for (int b = 0; b < 3; b++) {
                order.verify(listener).onBatchEnd(eq(epoch), eq(b), anyDouble());
            }
            order.verify(listener).onEpochEnd(any(EpochResult.class));
        }
        order.verify(listener).onTrainEnd(any(History.class));
        order.verifyNoMoreInteractions();
        verify(listener, times(6)).onBatchEnd(anyInt(), anyInt(), anyDouble());
    }

    @Test
    void earlyStoppingEndsARunThatStopsImprovingAndRestoresTheBestWeights() {
        assertEarlyStoppingRestoresTheBestEpoch(mlp());
    }

    @Test
    void earlyStoppingAlsoRestoresBatchNormsRunningStatistics() {
        // Evaluation normalises with the running statistics, so restoring γ and β but not the
        // running mean and variance would give another validation loss than the best epoch's.
        assertEarlyStoppingRestoresTheBestEpoch(
                Sequential.of(new Dense(4, 16), new BatchNorm(16), new ReLU(), new Dense(16, 3)));
    }

    private static void assertEarlyStoppingRestoresTheBestEpoch(Sequential model) {
        // Validation labels rotated by one class: the better the model learns the real mapping, the
        // worse its validation loss gets, so the run must stop early.
        Dataset train = blobs(150, 3);
        Dataset fresh = blobs(60, 4);
        int[] wrong = new int[fresh.size()];
        float[] x = fresh.featureArray();
        for (int i = 0; i < wrong.length; i++) {
            wrong[i] = (fresh.label(i) + 1) % 3;
        }
        Dataset misleading = Dataset.classification("misleading", x, new int[] {4}, wrong, List.of("a", "b", "c"));
        Trainer trainer = Trainer.on(new NaiveBackend()).optimizer(new Adam(1e-2f)).epochs(60).batchSize(16).seed(2)
                .earlyStopping(3, 0.0).build();
        History h = trainer.fit(model, train, misleading);
        assertTrue(h.stoppedEarly(), h.toCsv());
        assertEquals(h.bestEpoch() + 3, h.epochs().size(), "stops 3 epochs after the best one (epochs count from 1)");
        assertEquals(h.bestEpoch(), h.epochs().get(h.bestEpoch() - 1).epoch());
        double bestLoss = h.epochs().get(h.bestEpoch() - 1).validationLoss();
        assertEquals(bestLoss, trainer.evaluate(model, misleading).loss(), 1e-6,
                "the restored weights give the best epoch's validation loss");
    }

    @Test
    void aTimedStepTimesEveryPhaseAndATooShortTimerIsRefusedBeforeTheStep() {
        NaiveBackend backend = new NaiveBackend();
        Sequential model = mlp().initialize(5).on(backend);
        model.setInputGradientNeeded(false);
        Optimizer optimizer = mock(Optimizer.class);
        BatchLoader loader = new BatchLoader(backend, blobs(40, 6), 8);
        Loss loss = Losses.softmaxCrossEntropy();

        long[] nanos = new long[Trainer.STEP_PHASES.size()];
        Trainer.step(model, loss, loader, 0, optimizer, nanos);
        for (int p = 0; p < nanos.length; p++) {
            assertTrue(nanos[p] > 0, Trainer.STEP_PHASES.get(p) + " was not timed");
        }
        verify(optimizer, times(1)).step();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.step(model, loss, loader, 1, optimizer, new long[2]));
        assertTrue(e.getMessage().contains("one slot per phase"), e.getMessage());
        verify(optimizer, times(1)).step(); // refused before anything ran
    }

    @Test
    void aMismatchedModelIsRefusedWithBothWidths() {
        Trainer trainer = Trainer.on(new NaiveBackend()).epochs(1).build();
        Sequential wrongOut = Sequential.of(new Dense(4, 8), new ReLU(), new Dense(8, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(wrongOut, blobs(30, 1)));
        assertTrue(e.getMessage().contains("5") && e.getMessage().contains("3"), e.getMessage());
    }

    @Test
    void aDivergingRunFailsWithAClearMessage() {
        float[] x = new float[40];
        float[] y = new float[20];
        for (int i = 0; i < 20; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = 1e38f;
        }
        Dataset huge = Dataset.regression("huge", x, new int[] {2}, y, 1);
        Trainer trainer = Trainer.on(new NaiveBackend()).optimizer(new Sgd(1000f)).epochs(5).validationSplit(0).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> trainer.fit(Sequential.of(new Dense(2, 1)), huge));
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
    }
}
