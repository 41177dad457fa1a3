package nnj.spark;

import java.io.Serializable;

/**
 * What every partition of a training run needs besides its block, shipped with each task (it is a
 * few numbers per feature and partition): the network and settings, the input standardisation, the
 * regression target's scaling (null for classification), each partition's first row in the whole
 * set, and the total row count.
 */
record PartitionSetup(NetworkSpec spec, TrainingConfig config, float[] mean, float[] std, float[] targetMean,
                      float[] targetStd, long[] offsets, long rows) implements Serializable {

    static PartitionSetup of(TrainingData data, NetworkSpec spec, TrainingConfig config) {
        float[] tm = null;
        float[] ts = null;
        if (data.targetScaler != null) {
            tm = new float[] {data.targetScaler.mean(0)};
            ts = new float[] {data.targetScaler.std(0)};
        }
        return new PartitionSetup(spec, config, data.standardizer.mean(), data.standardizer.std(), tm, ts,
                data.offsets, data.rows);
    }
}
