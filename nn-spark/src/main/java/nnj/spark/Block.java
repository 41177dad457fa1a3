package nnj.spark;

import java.io.Serializable;

/**
 * One partition's training samples, packed: row-major features and targets, and each row's index
 * in the whole training set (the index the seeded shuffle orders). Lives in the executors' block
 * manager (a cached RDD of one block per partition) and never travels to the driver.
 */
final class Block implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    final int rows;
    final int featureCount;
    final int targetWidth;
    final float[] features;
    final float[] targets;
    final long[] globalIndex;

    Block(int partition, int rows, int featureCount, int targetWidth, float[] features, float[] targets,
          long[] globalIndex) {
        this.partition = partition;
        this.rows = rows;
        this.featureCount = featureCount;
        this.targetWidth = targetWidth;
        this.features = features;
        this.targets = targets;
        this.globalIndex = globalIndex;
    }
}
