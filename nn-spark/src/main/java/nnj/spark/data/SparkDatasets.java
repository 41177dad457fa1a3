package nnj.spark.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import nnj.data.CsvDatasets;
import nnj.data.IdxDirectory;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * nnj datasets as Spark DataFrames of {@code features} (an ml Vector) and {@code label} (a double:
 * the class index, or the regression target), and IDX directories and CSV files read through nnj's
 * own readers into such DataFrames.
 *
 * <p>The rows keep the dataset's order, split into contiguous slices, one per partition, so row i of
 * the DataFrame is sample i of the dataset (the index the seeded shuffle of training orders).
 * Vectors are stored compressed (sparse when most values are zero, as in images).
 */
public final class SparkDatasets {
    /** The schema: features (Vector), label (double). */
    public static final StructType SCHEMA = new StructType()
            .add("features", SQLDataTypes.VectorType(), false)
            .add("label", DataTypes.DoubleType, false);

    private SparkDatasets() {
    }

    /** {@code data} as a DataFrame of {@code partitions} contiguous slices. */
    public static org.apache.spark.sql.Dataset<Row> toDataFrame(SparkSession spark, Dataset data, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        int f = data.featureCount();
        List<Row> rows = new ArrayList<>(data.size());
        double[] x = new double[f];
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < f; j++) {
                x[j] = data.feature(i, j);
            }
            double y = data.task() == Task.CLASSIFICATION ? data.label(i) : data.target(i, 0);
            rows.add(RowFactory.create(Vectors.dense(x.clone()).compressed(), y));
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(sc.parallelize(rows, partitions), SCHEMA);
    }

    /** The training and test parts of an IDX directory (the four standard files), read by nnj's IDX reader. */
    public static TrainTest idx(SparkSession spark, Path dir, int partitions) {
        IdxDirectory.TrainTest tt = IdxDirectory.read(dir, dir.getFileName() == null ? "idx" : dir.getFileName().toString(), null);
        return new TrainTest(toDataFrame(spark, tt.train(), partitions), toDataFrame(spark, tt.test(), partitions));
    }

    /** A CSV file read by nnj's CSV reader; {@code target} is a header name or 1-based number (null: the last column). */
    public static org.apache.spark.sql.Dataset<Row> csv(SparkSession spark, Path file, String target, Task task,
                                                         int partitions) {
        return toDataFrame(spark, CsvDatasets.read(file, target, task).dataset(), partitions);
    }

    /** A training and a test DataFrame. */
    public record TrainTest(org.apache.spark.sql.Dataset<Row> train, org.apache.spark.sql.Dataset<Row> test) {
    }
}
