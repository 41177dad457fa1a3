package nnj.spark;

import java.util.List;
import nnj.api.data.Standardizer;
import nnj.api.data.Task;
import nnj.api.train.TargetScaler;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * A DataFrame's training samples packed into one {@link Block} per partition and cached on the
 * executors, with what the driver needs to know about them: the row count and each partition's
 * share, the feature count, the class count, the per-feature mean and (population) standard
 * deviation as {@link Standardizer#fit} computes them, and for regression the target's scaling as
 * {@link TargetScaler#fit} computes it. All of it comes from one Spark job (the packing and a
 * {@link DataSummary} per partition), whose results are a few numbers per feature and partition.
 */
public final class TrainingData implements AutoCloseable {
    final JavaRDD<Block> blocks;
    final long rows;
    final int featureCount;
    final int targetWidth;
    final Task task;
    final Standardizer standardizer;
    final TargetScaler targetScaler; // regression only, else null
    final long[] offsets;            // each partition's first row in the whole set
    final long largestPartition;     // rows of the largest partition
    final int partitions;

    private TrainingData(JavaRDD<Block> blocks, DataSummary s, int targetWidth, Task task) {
        this.blocks = blocks;
        this.rows = s.rows;
        this.featureCount = s.featureCount;
        this.targetWidth = targetWidth;
        this.task = task;
        float[] mean = s.floatMean();
        this.standardizer = new Standardizer(mean, s.floatStd(mean));
        this.targetScaler = task == Task.REGRESSION
                ? TargetScaler.of(new float[] {(float) s.labelMean}, new float[] {s.labelStd()}) : null;
        this.offsets = s.offsets();
        this.largestPartition = java.util.Arrays.stream(s.partitionRows).max().orElse(0);
        this.partitions = blocks.getNumPartitions();
    }

    /**
     * Packs {@code df}'s ({@code featuresCol}: ml Vector, {@code labelCol}: number) rows. For
     * classification the labels must be whole numbers 0..classes−1; {@code classes} ≤ 0 means
     * one more than the largest label (at least 2).
     */
    public static TrainingData of(Dataset<Row> df, String featuresCol, String labelCol, Task task, int classes) {
        final boolean classify = task == Task.CLASSIFICATION;
        JavaRDD<Block> blocks = df.select(featuresCol, labelCol).javaRDD()
                .mapPartitionsWithIndex((p, it) -> List.of(pack(p, it, classify, labelCol)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        // Cut the lineage (the DataFrame's query plan) once the blocks are cached: every training step
        // is a job whose tasks carry the RDD's lineage, and a DataFrame's is large (it cost ~20 ms a step).
        blocks.rdd().localCheckpoint();
        int parts = blocks.getNumPartitions();
        DataSummary s = blocks.map(b -> DataSummary.of(b, parts)).reduce(DataSummary::merge); // packs and caches
        if (s.rows == 0) {
            blocks.unpersist(false);
            throw new IllegalArgumentException("the training DataFrame is empty");
        }
        int width = 1;
        if (classify) {
            int largest = (int) s.labelMax;
            width = classes > 0 ? classes : Math.max(2, largest + 1);
            if (largest >= width) {
                blocks.unpersist(false);
                throw new IllegalArgumentException("column " + labelCol + " holds the label " + largest + ", but there are "
                        + width + " classes (0.." + (width - 1) + ")");
            }
        }
        return new TrainingData(blocks, s, width, task);
    }

    private static Block pack(int partition, java.util.Iterator<Row> it, boolean classify, String labelCol) {
        FloatBuffer xs = new FloatBuffer();
        FloatBuffer ys = new FloatBuffer();
        int f = -1;
        int n = 0;
        while (it.hasNext()) {
            Row row = it.next();
            if (row.isNullAt(0) || row.isNullAt(1)) {
                throw new IllegalArgumentException("row " + n + " of partition " + partition
                        + " has a null feature vector or label; drop or impute it first");
            }
            Vector v = (Vector) row.get(0);
            if (f < 0) {
                f = v.size();
            } else if (v.size() != f) {
                throw new IllegalArgumentException("row " + n + " of partition " + partition + " has " + v.size()
                        + " features, earlier rows " + f + "; every row needs the same length");
            }
            for (int j = 0; j < f; j++) {
                xs.add((float) v.apply(j));
            }
            double y = ((Number) row.get(1)).doubleValue();
            if (classify && (y != Math.rint(y) || y < 0 || y > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("row " + n + " of partition " + partition + " has label " + y
                        + " in column " + labelCol + "; class labels must be 0, 1, 2, ... (index them with StringIndexer)");
            }
            ys.add((float) y);
            n++;
        }
        return new Block(partition, n, Math.max(f, 0), xs.toArray(), ys.toArray());
    }

    /** A growable float array (packing appends row by row without boxing). */
    private static final class FloatBuffer {
        private float[] a = new float[1024];
        private int size;

        void add(float v) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }

    /** The number of training rows. */
    public long rows() {
        return rows;
    }

    /** Features per row. */
    public int featureCount() {
        return featureCount;
    }

    /** Classes (classification) or 1 (regression). */
    public int targetWidth() {
        return targetWidth;
    }

    /** The partitions the work is spread over. */
    public int partitions() {
        return partitions;
    }

    /** Releases the cached blocks. */
    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
