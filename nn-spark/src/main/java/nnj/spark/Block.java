package nnj.spark;

import java.io.Serializable;

/**
 * One partition's training samples, packed once into plain arrays: row-major features and one
 * label per row (the class index, or the regression target). Row r of partition p is row
 * {@code offset(p) + r} of the whole training set (the index the seeded shuffle orders); the driver
 * learns the offsets from the partitions' row counts. Lives in the executors' block manager (a
 * cached RDD of one block per partition) and never travels to the driver.
 */
final class Block implements Serializable {
    private static final long serialVersionUID = 2L;

    final int partition;
    final int rows;
    final int featureCount;
    final float[] features;
    final float[] labels;

    Block(int partition, int rows, int featureCount, float[] features, float[] labels) {
        this.partition = partition;
        this.rows = rows;
        this.featureCount = featureCount;
        this.features = features;
        this.labels = labels;
    }
}
