package nnj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import nnj.api.backend.Backends;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import nnj.api.layers.Sequential;
import nnj.api.optim.Optimizers;
import nnj.api.train.Trainer;
import nnj.examples.data.DatasetResolver;
import nnj.spark.data.SparkDatasets;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Synchronous data-parallel training against one-machine nnj, and what travels to the driver. */
class DistributedTrainerTest {
    private static SparkSession spark;
    private static JavaSparkContext sc;
    private static Dataset digits;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.local("DistributedTrainerTest");
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        digits = DatasetResolver.resolve("digits", new DatasetResolver.Options().seed(42).testFraction(0.2)).train();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Dataset first(Dataset data, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return data.subset(idx);
    }

    @Test
    void synchronousModeOnThreePartitionsGivesTheOneMachineWeights() {
        Dataset train = first(digits, 600);
        NetworkSpec spec = new NetworkSpec(64, new int[] {32}, "relu", 0f, 10, Task.CLASSIFICATION);
        TrainingConfig config = new TrainingConfig("adam", 0.01f, "cosine", 50, 3, 7, Mode.SYNC, 1, "naive", 1);

        Sequential reference = spec.build();
        Trainer.on(Backends.named("naive")).optimizer(Optimizers.named("adam", 0.01f)).batchSize(50).epochs(3).seed(7)
                .validationSplit(0).schedule(TrainingConfig.schedule("cosine", 3)).build().fit(reference, train, null);
        float[] expected = ParameterVector.values(reference);

        org.apache.spark.sql.Dataset<Row> df = SparkDatasets.toDataFrame(spark, train, 3);
        try (TrainingData data = TrainingData.of(df, "features", "label", Task.CLASSIFICATION, 10)) {
            assertEquals(3, data.partitions());
            DistributedTrainer.Result r = new DistributedTrainer(config, Backends.named("naive"))
                    .fit(sc, data, spec, DistributedTrainer.indexNames(10));
            assertEquals(3 * 12, r.steps()); // 600 / 50 batches, 3 epochs
            float[] actual = ParameterVector.values(r.model());
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
            }
            // Only the summation order of the batch gradient differs (3 partial sums instead of one
            // sum over 50 rows): ~1e-7 relative per step; Adam's normalised steps of at most lr = 0.01
            // carry such differences for 36 steps to well under 1e-4.
            assertTrue(worst < 1e-4, "largest weight difference from one-machine training: " + worst);
        }
    }

    @Test
    void averagingRoundsThatCrossEpochsTakeTheSameStepsAsRoundsWithinEpochs() {
        // On one partition averaging is the identity, so the round length K must not change the steps:
        // the same shuffles, dropout masks and per-epoch learning rates whether or not a round crosses
        // an epoch's end (300 rows, batch 50: 6 steps an epoch, 18 in all).
        Dataset train = first(digits, 300);
        NetworkSpec spec = new NetworkSpec(64, new int[] {32}, "relu", 0.1f, 10, Task.CLASSIFICATION);
        org.apache.spark.sql.Dataset<Row> df = SparkDatasets.toDataFrame(spark, train, 1);
        try (TrainingData data = TrainingData.of(df, "features", "label", Task.CLASSIFICATION, 10)) {
            float[] whole = averaged(data, spec, 18);
            for (int k : new int[] {4, 6}) {
                float[] w = averaged(data, spec, k);
                double worst = 0;
                for (int i = 0; i < w.length; i++) {
                    worst = Math.max(worst, Math.abs(w[i] - whole[i]));
                }
                // each round multiplies the weights by the samples seen and divides again: ≤ 1 ulp a round
                assertTrue(worst < 1e-5, "K = " + k + " against one round: largest weight difference " + worst);
            }
        }
    }

    private static float[] averaged(TrainingData data, NetworkSpec spec, int k) {
        TrainingConfig config = new TrainingConfig("adam", 0.01f, "cosine", 50, 3, 7, Mode.AVERAGE, k, "naive", 1);
        DistributedTrainer.Result r = new DistributedTrainer(config, Backends.named("naive"))
                .fit(sc, data, spec, DistributedTrainer.indexNames(10));
        assertEquals((18 + k - 1) / k, r.steps(), "rounds for K = " + k);
        return ParameterVector.values(r.model());
    }

    @Test
    void regressionOnRawTargetsMatchesOneMachineTrainingWithTargetScaling() {
        // diabetes: targets 25..346 (sd ~77), which the trainer must standardise to learn at lr 0.01
        Dataset train = DatasetResolver.resolve("diabetes", new DatasetResolver.Options().seed(42).testFraction(0.2)).train();
        NetworkSpec spec = new NetworkSpec(10, new int[] {16}, "relu", 0f, 1, Task.REGRESSION);
        TrainingConfig config = new TrainingConfig("adam", 0.01f, "cosine", 32, 4, 7, Mode.SYNC, 1, "naive", 1);

        Sequential reference = spec.build();
        Trainer.on(Backends.named("naive")).optimizer(Optimizers.named("adam", 0.01f)).batchSize(32).epochs(4).seed(7)
                .validationSplit(0).standardizeTargets(true).schedule(TrainingConfig.schedule("cosine", 4)).build()
                .fit(reference, train, null);
        float[] expected = reference.predict(train);

        org.apache.spark.sql.Dataset<Row> df = SparkDatasets.toDataFrame(spark, train, 2);
        try (TrainingData data = TrainingData.of(df, "features", "label", Task.REGRESSION, 0)) {
            Sequential model = new DistributedTrainer(config, Backends.named("naive"))
                    .fit(sc, data, spec, java.util.List.of()).model();
            float[] actual = model.predict(train);
            double worst = 0;
            double mean = 0;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
                mean += actual[i] / expected.length;
            }
            // as in the classification test, only the gradient's summation order differs (~1e-7 relative
            // a step); in target units (sd ~77) that stays far below 0.01 after 48 steps
            assertTrue(worst < 0.01, "largest prediction difference from one-machine training: " + worst);
            // and the predictions are in the data's units (an unscaled net would predict near 0 after 48 steps)
            assertTrue(mean > 100 && mean < 200, "mean prediction " + mean);
        }
    }

    @Test
    void theDriverReceivesBytesThatGrowWithStepsAndParametersNotWithTheData() throws Exception {
        NetworkSpec spec = new NetworkSpec(64, new int[] {16}, "relu", 0f, 10, Task.CLASSIFICATION);
        long small = resultBytes(first(digits, 400), spec, 100);  // 4 steps
        long large = resultBytes(first(digits, 1200), spec, 300); // 4 steps, 3x the data
        long params = 64 * 16 + 16 + 16 * 10 + 10;
        long dataBytes = 1200L * 64 * 4;
        // the same steps and parameters: the same traffic within task-metadata noise, though 3x the data
        assertTrue(Math.abs(large - small) < 0.25 * small, "result bytes " + small + " vs " + large);
        // each step returns at most one gradient per partition (2 partitions, 4-byte floats), plus a few
        // KB of task metadata per task (there are 2 tasks per step and a few setup jobs)
        long bound = 4 * 2 * (params * 4 + 8_192) + 20 * 8_192;
        assertTrue(large < bound, "result bytes " + large + " exceed the per-step bound " + bound);
        assertTrue(large < dataBytes / 2, "result bytes " + large + " against " + dataBytes + " bytes of data");
    }

    private long resultBytes(Dataset train, NetworkSpec spec, int batch) throws Exception {
        AtomicLong bytes = new AtomicLong();
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskMetrics() != null) {
                    bytes.addAndGet(end.taskMetrics().resultSize());
                }
            }
        };
        org.apache.spark.sql.Dataset<Row> df = SparkDatasets.toDataFrame(spark, train, 2);
        spark.sparkContext().addSparkListener(listener);
        try (TrainingData data = TrainingData.of(df, "features", "label", Task.CLASSIFICATION, 10)) {
            TrainingConfig config = new TrainingConfig("sgd", 0.1f, "constant", batch, 1, 1, Mode.SYNC, 1, "naive", 1);
            new DistributedTrainer(config, Backends.named("naive")).fit(sc, data, spec, DistributedTrainer.indexNames(10));
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
        return bytes.get();
    }
}
