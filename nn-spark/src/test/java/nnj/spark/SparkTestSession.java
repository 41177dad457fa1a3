package nnj.spark;

import org.apache.spark.sql.SparkSession;

/** One small local Spark for a test class: two task slots, no UI, loopback only. */
public final class SparkTestSession {
    private SparkTestSession() {
    }

    public static SparkSession local(String app) {
        return SparkSession.builder()
                .appName(app)
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }
}
