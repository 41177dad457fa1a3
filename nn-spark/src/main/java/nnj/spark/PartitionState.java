package nnj.spark;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.data.Splits;
import nnj.api.data.Task;
import nnj.api.layers.Sequential;
import nnj.api.loss.Loss;
import nnj.api.loss.Losses;
import nnj.api.optim.Optimizer;
import nnj.api.train.GradientStep;

/**
 * One partition's training state on its executor, kept between steps: its own backend (a backend
 * serves one caller thread at a time, and a partition's tasks never overlap), the model rebuilt from
 * the {@link NetworkSpec}, the loss, its block with the features standardised once, and the sample
 * order of the current epoch.
 *
 * <p>Synchronous mode replays the one-machine trainer's shuffle: the global order of epoch e is the
 * order of epoch e−1 shuffled by {@code new Random(seed + 2)}, as {@code Trainer} does; batch b is
 * positions [b·B, (b+1)·B) of it, and this partition contributes the rows it holds among them.
 */
final class PartitionState implements AutoCloseable {
    private final Block block;
    private final TrainingConfig config;
    private final long globalRows;
    private final long offset; // this block's first row in the whole set
    private final Backend backend;
    private final Sequential model;
    private final Loss loss;
    private final float[] features; // standardised copy of block.features
    private final int targetWidth;
    private final float[] targets;  // one-hot classes or standardised regression targets
    private final float[] scratch;
    private final Map<Integer, Tensor[]> batchTensors = new HashMap<>();
    private float[] xBuf = new float[0];
    private float[] yBuf = new float[0];

    // synchronous mode: the global order and where this partition's rows sit in it
    private int[] globalOrder;
    private int[] inverse;
    private Random globalShuffle;
    private int epoch = -1;
    private int[] localByPosition; // local rows sorted by their position in the epoch's order
    private int[] positions;       // those positions, ascending

    // averaging mode: a local optimizer and a local order
    private Optimizer localOptimizer;
    private int[] localOrder;
    private Random localShuffle;
    private int localEpoch = -1;

    PartitionState(Block block, PartitionSetup setup) {
        this.block = block;
        this.config = setup.config();
        this.globalRows = setup.rows();
        this.offset = setup.offsets()[block.partition];
        this.backend = ExecutorBackends.create(config.backend(), config.executorThreads());
        NetworkSpec spec = setup.spec();
        this.model = spec.build();
        model.initialize(config.seed() + 1); // overwritten by the driver's weights before any use
        model.to(backend);
        model.setInputGradientNeeded(false);
        this.loss = spec.task() == Task.CLASSIFICATION ? Losses.softmaxCrossEntropy() : Losses.mse();
        this.features = block.features.clone();
        int f = block.featureCount;
        float[] mean = setup.mean();
        float[] std = setup.std();
        for (int r = 0; r < block.rows; r++) {
            for (int j = 0; j < f; j++) {
                int i = r * f + j;
                features[i] = (features[i] - mean[j]) / std[j];
            }
        }
        this.targetWidth = spec.outputs();
        this.targets = new float[block.rows * targetWidth];
        for (int r = 0; r < block.rows; r++) {
            if (spec.task() == Task.CLASSIFICATION) {
                targets[r * targetWidth + (int) block.labels[r]] = 1f; // one-hot
            } else { // standardised, as TargetScaler.apply does; the driver folds the scaling back in
                targets[r] = (block.labels[r] - setup.targetMean()[0]) / setup.targetStd()[0];
            }
        }
        this.scratch = new float[Math.max(1, ParameterVector.largest(model))];
    }

    /** The gradient of this partition's share of global batch {@code b} of {@code e}, weighted by that share. */
    StepResult gradient(int e, int b, float[] weights) {
        advanceTo(e);
        int batch = (int) Math.min(config.batchSize(), globalRows);
        long from = (long) b * batch;
        long to = Math.min(from + batch, globalRows);
        int lo = lowerBound(positions, from);
        int hi = lowerBound(positions, to);
        int k = hi - lo;
        if (k == 0) {
            return new StepResult();
        }
        ParameterVector.setValues(model, weights);
        Tensor[] xy = load(localByPosition, lo, k);
        double value = GradientStep.compute(model, loss, xy[0], xy[1]);
        float[] g = new float[weights.length];
        // the loss is the mean over the k rows; the global batch's mean weights them by k / batch rows
        ParameterVector.addGradients(model, (float) k / (to - from), g, scratch);
        return new StepResult(g, value * k, k, k);
    }

    /**
     * One averaging round: local steps in slots {@code [firstSlot, firstSlot + slots)} of the run's
     * step clock, which has {@code slotsPerEpoch} slots an epoch (the largest partition's steps);
     * this partition takes a step of its own shuffled rows in each slot it has rows for, at the
     * learning rate of that slot's epoch, starting from {@code weights}. A round may cross epochs.
     * Returns the new weights times the samples seen (the driver divides by their sum) and the loss
     * summed per epoch.
     */
    StepResult localRound(long firstSlot, int slots, int slotsPerEpoch, float[] weights) {
        if (localOptimizer == null) {
            localOptimizer = config.newOptimizer();
            localOptimizer.attach(model.parameters());
            localOrder = new int[block.rows];
            for (int i = 0; i < localOrder.length; i++) {
                localOrder[i] = i;
            }
            localShuffle = new Random(config.seed() + 7 + 1_000_003L * block.partition);
        }
        int batch = Math.min(config.batchSize(), Math.max(1, block.rows));
        double[] epochLoss = new double[config.epochs()];
        double lossSum = 0;
        int seen = 0;
        for (long t = firstSlot; t < firstSlot + slots; t++) {
            int e = (int) (t / slotsPerEpoch);
            int start = (int) (t % slotsPerEpoch) * batch;
            if (e >= config.epochs() || start >= block.rows) {
                continue;
            }
            while (localEpoch < e) {
                Splits.shuffle(localOrder, localShuffle);
                localEpoch++;
                model.resetNoise(config.seed() + 3 + localEpoch * 0x9E3779B97F4A7C15L + block.partition);
            }
            if (seen == 0) {
                ParameterVector.setValues(model, weights);
            }
            localOptimizer.setLearningRate(config.rate(e));
            int k = Math.min(batch, block.rows - start);
            Tensor[] xy = load(localOrder, start, k);
            double l = GradientStep.compute(model, loss, xy[0], xy[1]) * k;
            localOptimizer.step();
            lossSum += l;
            epochLoss[e] += l;
            seen += k;
        }
        if (seen == 0) {
            return new StepResult();
        }
        float[] w = ParameterVector.values(model);
        for (int i = 0; i < w.length; i++) {
            w[i] *= seen;
        }
        StepResult r = new StepResult(w, lossSum, seen, seen);
        r.epochLoss = epochLoss;
        return r;
    }

    /** Uploads local rows {@code rows[from .. from+k)} into (k, features) and (k, targets) tensors, reused per k. */
    private Tensor[] load(int[] rows, int from, int k) {
        int f = block.featureCount;
        int t = targetWidth;
        Tensor[] xy = batchTensors.computeIfAbsent(k, n -> new Tensor[] {backend.tensor(n, f), backend.tensor(n, t)});
        if (xBuf.length < k * f) {
            xBuf = new float[k * f];
            yBuf = new float[k * t];
        }
        for (int i = 0; i < k; i++) {
            int r = rows[from + i];
            System.arraycopy(features, r * f, xBuf, i * f, f);
            System.arraycopy(targets, r * t, yBuf, i * t, t);
        }
        backend.upload(xBuf, 0, xy[0]);
        backend.upload(yBuf, 0, xy[1]);
        return xy;
    }

    /** Replays the global shuffle up to epoch {@code e} and locates this partition's rows in it. */
    private void advanceTo(int e) {
        if (globalOrder == null) {
            globalOrder = new int[(int) globalRows];
            for (int i = 0; i < globalOrder.length; i++) {
                globalOrder[i] = i;
            }
            inverse = new int[globalOrder.length];
            globalShuffle = new Random(config.seed() + 2); // Trainer's ShuffleRandom draws the same numbers
        }
        if (epoch == e) {
            return;
        }
        if (e < epoch) {
            throw new IllegalStateException("partition " + block.partition + " asked for epoch " + e + " after " + epoch);
        }
        while (epoch < e) {
            Splits.shuffle(globalOrder, globalShuffle);
            epoch++;
        }
        model.resetNoise(config.seed() + 3 + e * 0x9E3779B97F4A7C15L + 1_000_003L * block.partition);
        for (int p = 0; p < globalOrder.length; p++) {
            inverse[globalOrder[p]] = p;
        }
        long[] keyed = new long[block.rows];
        for (int r = 0; r < block.rows; r++) {
            keyed[r] = ((long) inverse[(int) (offset + r)] << 32) | r;
        }
        Arrays.sort(keyed);
        localByPosition = new int[block.rows];
        positions = new int[block.rows];
        for (int i = 0; i < keyed.length; i++) {
            positions[i] = (int) (keyed[i] >>> 32);
            localByPosition[i] = (int) keyed[i];
        }
    }

    /** The first index whose value is ≥ {@code key}. */
    private static int lowerBound(int[] a, long key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public void close() {
        backend.close();
    }
}
