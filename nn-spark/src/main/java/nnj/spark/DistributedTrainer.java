package nnj.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import nnj.api.backend.Backend;
import nnj.api.data.Task;
import nnj.api.layers.Sequential;
import nnj.api.optim.Optimizer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Data-parallel training of an nnj network on Spark. The training samples stay in their
 * partitions ({@link TrainingData}); only weights go out and gradients (or weights) come back.
 *
 * <p>{@link Mode#SYNC}, one step: the driver broadcasts the weights; each partition computes, on
 * its executor's nnj backend, the gradient of the loss over its rows of the global batch, weighted by
 * their share of it (the loss is a batch mean); treeAggregate sums the partitions' gradients; the
 * driver's optimizer (any nnj optimizer) takes the step. With the same seed this is one machine's
 * training on the same global batches, up to float rounding in the sum.
 *
 * <p>{@link Mode#AVERAGE}, one round: the driver broadcasts the weights; each partition takes K local
 * steps of batch B on its own rows with its own optimizer; the driver averages the weights, weighted
 * by the samples each partition saw. An epoch is over when every partition has seen its rows once;
 * a round may cross epochs (K is chosen from the network and batch size unless given, see
 * {@link #localSteps}), so small data trains in a few Spark jobs.
 *
 * <p>Regression trains on standardised targets (from the distributed summary, as
 * {@code TargetScaler.fit} computes them) and folds the scaling into the output layer at the end,
 * as one-JVM nnj does; the epoch losses are then in standardised units.
 */
public final class DistributedTrainer {
    private final TrainingConfig config;
    private final Backend driverBackend;

    /** A trainer whose driver-side model (and optimizer state) lives on {@code driverBackend}. */
    public DistributedTrainer(TrainingConfig config, Backend driverBackend) {
        this.config = config;
        this.driverBackend = driverBackend;
    }

    /**
     * The outcome of {@link #fit}.
     *
     * @param model      the trained model on the driver's backend, with the data's standardisation and task
     * @param epochLoss  the sample-weighted mean training loss of each epoch (of the steps as taken)
     * @param steps      Spark jobs that moved weights: optimizer steps (sync) or rounds (average)
     * @param seconds    wall time of the training loop (the data already packed and cached)
     */
    public record Result(Sequential model, double[] epochLoss, long steps, double seconds) {
    }

    /** Trains a new network of shape {@code spec} on {@code data}. */
    public Result fit(JavaSparkContext sc, TrainingData data, NetworkSpec spec, List<String> classNames) {
        if (spec.inputs() != data.featureCount) {
            throw new IllegalArgumentException("the network takes " + spec.inputs() + " inputs but the data has "
                    + data.featureCount + " features");
        }
        if (spec.outputs() != data.targetWidth) {
            throw new IllegalArgumentException("the network has " + spec.outputs() + " outputs but the data has "
                    + data.targetWidth + (data.task == Task.CLASSIFICATION ? " classes" : " targets"));
        }
        Sequential model = spec.build();
        model.initialize(config.seed() + 1); // as Trainer draws the initial weights
        model.to(driverBackend);
        model.setInputGradientNeeded(false);
        model.metadata().setNormalization(data.standardizer);
        model.metadata().setTask(data.task, classNames);

        String runId = UUID.randomUUID().toString();
        PartitionJob.StateFactory states = new PartitionJob.StateFactory(runId, PartitionSetup.of(data, spec, config));
        // A step's broadcast is destroyed off the training thread: destroy() waits for every executor
        // to drop its copy, a few ms a step that the next step need not wait for.
        ExecutorService cleaner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "nnj-broadcast-cleaner");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        try {
            double[] losses;
            long[] steps = new long[1];
            if (config.mode() == Mode.SYNC) {
                losses = synchronous(sc, data, model, states, cleaner, steps);
            } else {
                losses = averaging(sc, data, model, states, cleaner, steps);
            }
            if (data.targetScaler != null) {
                data.targetScaler.foldInto(model); // trained on standardised targets; predicts raw units
            }
            return new Result(model, losses, steps[0], (System.nanoTime() - start) / 1e9);
        } finally {
            cleaner.shutdown();
            awaitQuietly(cleaner);
            PartitionJob.release(data.blocks, runId);
        }
    }

    private static void awaitQuietly(ExecutorService cleaner) {
        try {
            cleaner.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private double[] synchronous(JavaSparkContext sc, TrainingData data, Sequential model,
                                 PartitionJob.StateFactory states, ExecutorService cleaner, long[] steps) {
        TrainingConfig c = config;
        long n = data.rows;
        int batch = (int) Math.min(c.batchSize(), n);
        int batches = (int) ((n + batch - 1) / batch);
        Optimizer optimizer = c.newOptimizer();
        optimizer.attach(model.parameters());
        float[] weights = ParameterVector.values(model);
        double[] losses = new double[c.epochs()];
        for (int epoch = 0; epoch < c.epochs(); epoch++) {
            optimizer.setLearningRate(c.rate(epoch)); // the schedule, as Trainer applies it per epoch
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                Broadcast<float[]> w = sc.broadcast(weights);
                StepResult r = PartitionJob.sum(data.blocks, states, new GradientWork(epoch, b, w));
                cleaner.execute(() -> destroyQuietly(w));
                ParameterVector.setGradients(model, r.vector);
                optimizer.step();
                weights = ParameterVector.values(model);
                lossSum += r.lossSum;
                steps[0]++;
            }
            losses[epoch] = lossSum / n;
        }
        return losses;
    }

    private double[] averaging(JavaSparkContext sc, TrainingData data, Sequential model,
                               PartitionJob.StateFactory states, ExecutorService cleaner, long[] steps) {
        TrainingConfig c = config;
        long batch = Math.min(c.batchSize(), Math.max(1, data.largestPartition));
        int slotsPerEpoch = (int) ((data.largestPartition + batch - 1) / batch);
        long slots = (long) slotsPerEpoch * c.epochs();
        int k = (int) Math.min(slots, localSteps(c, model.parameterCount()));
        long rounds = (slots + k - 1) / k;
        float[] weights = ParameterVector.values(model);
        double[] losses = new double[c.epochs()];
        for (long round = 0; round < rounds; round++) {
            Broadcast<float[]> w = sc.broadcast(weights);
            StepResult r = PartitionJob.sum(data.blocks, states, new RoundWork(round * k, k, slotsPerEpoch, w));
            cleaner.execute(() -> destroyQuietly(w));
            if (r.weight > 0) {
                float inv = (float) (1.0 / r.weight);
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = r.vector[i] * inv;
                }
                for (int e = 0; e < losses.length; e++) {
                    losses[e] += r.epochLoss[e] / data.rows;
                }
            }
            steps[0]++;
        }
        ParameterVector.setValues(model, weights);
        return losses;
    }

    /**
     * Local steps per averaging round: {@link TrainingConfig#localSteps()}, or when that is
     * {@value TrainingConfig#AUTO} enough that a partition's round does about
     * {@value #AUTO_ROUND_FLOP} floating-point operations (≈ 6 per parameter and sample: forward,
     * and backward for inputs and weights), and at least {@value #AUTO_MIN_STEPS}. A Spark job costs
     * 5–30 ms whatever it computes, so small networks and batches need long rounds for the arithmetic
     * to outweigh it; large ones average more often.
     */
    static long localSteps(TrainingConfig c, long parameters) {
        if (c.localSteps() != TrainingConfig.AUTO) {
            return c.localSteps();
        }
        double perStep = 6.0 * parameters * c.batchSize();
        return Math.max(AUTO_MIN_STEPS, (long) Math.ceil(AUTO_ROUND_FLOP / perStep));
    }

    static final double AUTO_ROUND_FLOP = 1e9;
    static final int AUTO_MIN_STEPS = 8;

    /** A partition's weighted gradient for batch {@code batch} of {@code epoch}. */
    private record GradientWork(int epoch, int batch, Broadcast<float[]> weights) implements PartitionJob.Work {
        @Override
        public StepResult run(PartitionState state) {
            return state.gradient(epoch, batch, weights.value());
        }
    }

    /** A partition's local steps in slots [firstSlot, firstSlot + slots) of the run's step clock. */
    private record RoundWork(long firstSlot, int slots, int slotsPerEpoch, Broadcast<float[]> weights)
            implements PartitionJob.Work {
        @Override
        public StepResult run(PartitionState state) {
            return state.localRound(firstSlot, slots, slotsPerEpoch, weights.value());
        }
    }

    /** The class names "0", "1", ... for {@code classes} classes. */
    public static List<String> indexNames(int classes) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    /**
     * Frees a step's broadcast off the training thread. A failure (Spark stopping under it) only
     * means the blocks are freed with the context: nothing to report, and no stack trace on stderr.
     */
    private static void destroyQuietly(Broadcast<float[]> w) {
        try {
            w.destroy();
        } catch (RuntimeException e) {
            // freed when the SparkContext stops
        }
    }
}
