package nnj.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import nnj.api.data.Standardizer;
import nnj.api.data.Task;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A DataFrame's training samples packed into one {@link Block} per partition and cached on the
 * executors, with what the driver needs to know about them, all found by distributed aggregates
 * whose results are a few numbers per feature: the row count, the feature count, the class count,
 * and the per-feature mean and (population) standard deviation, computed as
 * {@link Standardizer#fit} computes them.
 */
public final class TrainingData implements AutoCloseable {
    final JavaRDD<Block> blocks;
    final long rows;
    final int featureCount;
    final int targetWidth;
    final Task task;
    final Standardizer standardizer;
    final int partitions;

    private TrainingData(JavaRDD<Block> blocks, long rows, int featureCount, int targetWidth, Task task,
                         Standardizer standardizer) {
        this.blocks = blocks;
        this.rows = rows;
        this.featureCount = featureCount;
        this.targetWidth = targetWidth;
        this.task = task;
        this.standardizer = standardizer;
        this.partitions = blocks.getNumPartitions();
    }

    /**
     * Packs {@code df}'s ({@code featuresCol}: ml Vector, {@code labelCol}: double) rows. For
     * classification the labels must be whole numbers 0..classes−1; {@code classes} ≤ 0 means
     * one more than the largest label.
     */
    public static TrainingData of(Dataset<Row> df, String featuresCol, String labelCol, Task task, int classes) {
        int targetWidth = 1;
        if (task == Task.CLASSIFICATION) {
            if (classes <= 0) {
                Row m = df.agg(functions.max(labelCol), functions.min(labelCol)).head();
                if (m.isNullAt(0)) {
                    throw new IllegalArgumentException("the training DataFrame is empty");
                }
                if (m.getDouble(1) < 0) {
                    throw new IllegalArgumentException("column " + labelCol + " holds the label " + m.getDouble(1)
                            + "; class labels must be 0, 1, 2, ... (index them with StringIndexer)");
                }
                classes = Math.max(2, (int) m.getDouble(0) + 1);
            }
            targetWidth = classes;
        }
        final int width = targetWidth;
        final boolean classify = task == Task.CLASSIFICATION;
        JavaRDD<Block> blocks = df.select(featuresCol, labelCol).javaRDD().zipWithIndex()
                .mapPartitionsWithIndex((p, it) -> List.of(pack(p, it, width, classify, labelCol)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        // Cut the lineage (the DataFrame's query plan) once the blocks are cached: every training step
        // is a job whose tasks carry the RDD's lineage, and a DataFrame's is large (it cost ~20 ms a step).
        blocks.rdd().localCheckpoint();

        // pass 1: rows, features, sums
        double[][] sums = new double[1][];
        long[] count = new long[1];
        int[] features = {-1};
        Tuple2<Long, double[]> s = blocks.treeAggregate(new Tuple2<>(0L, (double[]) null), (acc, b) -> {
            if (b.rows == 0) {
                return acc;
            }
            double[] sum = new double[b.featureCount];
            for (int r = 0; r < b.rows; r++) {
                for (int j = 0; j < b.featureCount; j++) {
                    sum[j] += b.features[r * b.featureCount + j];
                }
            }
            return add(acc, new Tuple2<>((long) b.rows, sum));
        }, TrainingData::add, 2);
        count[0] = s._1();
        sums[0] = s._2();
        if (count[0] == 0) {
            blocks.unpersist(false);
            throw new IllegalArgumentException("the training DataFrame is empty");
        }
        features[0] = sums[0].length;
        int f = features[0];
        float[] mean = new float[f];
        for (int j = 0; j < f; j++) {
            mean[j] = (float) (sums[0][j] / count[0]);
        }
        // pass 2: centred squares about the float mean, as Standardizer.fit does
        double[] sq = blocks.treeAggregate(new double[f], (acc, b) -> {
            if (b.rows > 0 && b.featureCount != mean.length) {
                throw new IllegalArgumentException("partition " + b.partition + " has vectors of " + b.featureCount
                        + " features, others " + mean.length + "; every row needs the same length");
            }
            for (int r = 0; r < b.rows; r++) {
                for (int j = 0; j < b.featureCount; j++) {
                    double d = b.features[r * b.featureCount + j] - (double) mean[j];
                    acc[j] += d * d;
                }
            }
            return acc;
        }, (a, b) -> {
            for (int j = 0; j < a.length; j++) {
                a[j] += b[j];
            }
            return a;
        }, 2);
        float[] std = new float[f];
        for (int j = 0; j < f; j++) {
            double sd = Math.sqrt(sq[j] / count[0]);
            std[j] = sd > 1e-12 ? (float) sd : 1f;
        }
        return new TrainingData(blocks, count[0], f, width, task, new Standardizer(mean, std));
    }

    private static Tuple2<Long, double[]> add(Tuple2<Long, double[]> a, Tuple2<Long, double[]> b) {
        if (a._2() == null) {
            return b;
        }
        if (b._2() == null) {
            return a;
        }
        if (a._2().length != b._2().length) {
            throw new IllegalArgumentException("feature vectors of " + a._2().length + " and " + b._2().length
                    + " values in one DataFrame; every row needs the same length");
        }
        double[] sum = a._2();
        for (int j = 0; j < sum.length; j++) {
            sum[j] += b._2()[j];
        }
        return new Tuple2<>(a._1() + b._1(), sum);
    }

    private static Block pack(int partition, Iterator<Tuple2<Row, Long>> it, int targetWidth, boolean classify,
                              String labelCol) {
        List<float[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        int f = -1;
        while (it.hasNext()) {
            Tuple2<Row, Long> t = it.next();
            Row row = t._1();
            if (row.isNullAt(0) || row.isNullAt(1)) {
                throw new IllegalArgumentException("row " + t._2() + " has a null feature vector or label; drop or impute it first");
            }
            double[] v = ((Vector) row.get(0)).toArray();
            if (f < 0) {
                f = v.length;
            } else if (v.length != f) {
                throw new IllegalArgumentException("row " + t._2() + " has " + v.length + " features, earlier rows " + f
                        + "; every row needs the same length");
            }
            float[] x = new float[v.length];
            for (int j = 0; j < v.length; j++) {
                x[j] = (float) v[j];
            }
            xs.add(x);
            ys.add(((Number) row.get(1)).doubleValue());
            ids.add(t._2());
        }
        int n = xs.size();
        f = Math.max(f, 0);
        float[] features = new float[n * f];
        float[] targets = new float[n * targetWidth];
        long[] index = new long[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(xs.get(i), 0, features, i * f, f);
            double y = ys.get(i);
            if (classify) {
                int c = (int) y;
                if (c != y || c < 0 || c >= targetWidth) {
                    throw new IllegalArgumentException("row " + ids.get(i) + " has label " + y + ", not a class 0.."
                            + (targetWidth - 1) + " (column " + labelCol + ")");
                }
                targets[i * targetWidth + c] = 1f;
            } else {
                targets[i] = (float) y;
            }
            index[i] = ids.get(i);
        }
        return new Block(partition, n, f, targetWidth, features, targets, index);
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
