package nnj.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * by the samples each partition saw. An epoch is over when every partition has seen its rows once.
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
        Broadcast<float[]> mean = sc.broadcast(data.standardizer.mean());
        Broadcast<float[]> std = sc.broadcast(data.standardizer.std());
        long start = System.nanoTime();
        try {
            double[] losses;
            long[] steps = new long[1];
            if (config.mode() == Mode.SYNC) {
                losses = synchronous(sc, data, spec, model, runId, mean, std, steps);
            } else {
                losses = averaging(sc, data, spec, model, runId, mean, std, steps);
            }
            return new Result(model, losses, steps[0], (System.nanoTime() - start) / 1e9);
        } finally {
            PartitionJob.release(data.blocks, runId);
            mean.destroy();
            std.destroy();
        }
    }

    private double[] synchronous(JavaSparkContext sc, TrainingData data, NetworkSpec spec, Sequential model,
                                 String runId, Broadcast<float[]> mean, Broadcast<float[]> std, long[] steps) {
        TrainingConfig c = config;
        long n = data.rows;
        PartitionJob.StateFactory states = new PartitionJob.StateFactory(runId, spec, c, mean, std, n);
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
                w.destroy();
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

    private double[] averaging(JavaSparkContext sc, TrainingData data, NetworkSpec spec, Sequential model,
                               String runId, Broadcast<float[]> mean, Broadcast<float[]> std, long[] steps) {
        TrainingConfig c = config;
        long n = data.rows;
        PartitionJob.StateFactory states = new PartitionJob.StateFactory(runId, spec, c, mean, std, n);
        long largest = data.blocks.map(b -> (long) b.rows).reduce(Math::max);
        long perRound = (long) c.localSteps() * Math.min(c.batchSize(), Math.max(1, largest));
        int rounds = (int) ((largest + perRound - 1) / perRound);
        float[] weights = ParameterVector.values(model);
        double[] losses = new double[c.epochs()];
        for (int epoch = 0; epoch < c.epochs(); epoch++) {
            float rate = c.rate(epoch);
            double lossSum = 0;
            for (int round = 0; round < rounds; round++) {
                Broadcast<float[]> w = sc.broadcast(weights);
                StepResult r = PartitionJob.sum(data.blocks, states, new RoundWork(epoch, round, w, rate));
                w.destroy();
                if (r.weight > 0) {
                    float inv = (float) (1.0 / r.weight);
                    for (int i = 0; i < weights.length; i++) {
                        weights[i] = r.vector[i] * inv;
                    }
                }
                lossSum += r.lossSum;
                steps[0]++;
            }
            losses[epoch] = lossSum / n;
        }
        ParameterVector.setValues(model, weights);
        return losses;
    }

    /** A partition's weighted gradient for batch {@code batch} of {@code epoch}. */
    private record GradientWork(int epoch, int batch, Broadcast<float[]> weights) implements PartitionJob.Work {
        @Override
        public StepResult run(PartitionState state) {
            return state.gradient(epoch, batch, weights.value());
        }
    }

    /** A partition's local steps of averaging round {@code round} of {@code epoch}. */
    private record RoundWork(int epoch, int round, Broadcast<float[]> weights, float rate) implements PartitionJob.Work {
        @Override
        public StepResult run(PartitionState state) {
            return state.localRound(epoch, round, weights.value(), rate);
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
}
