package nnj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nnj.examples.data.DatasetResolver;
import nnj.spark.data.SparkDatasets;
import nnj.spark.ml.NnjClassificationModel;
import nnj.spark.ml.NnjClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and two workers, each its own JVM started
 * from the Spark jars that Maven lays out as a Spark home ({@code target/spark-home/jars}, where a
 * worker builds its executors' class path). The driver (this JVM) ships nnj as the thin application
 * jar ({@code spark.jars}), trains through spark://127.0.0.1:PORT and scores, then everything stops.
 */
class StandaloneClusterIT {
    private static final String OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED "
            + "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED "
            + "--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED "
            + "--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED "
            + "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED "
            + "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED "
            + "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED";

    @Test
    void trainsAndScoresOnAMasterAndTwoWorkers() throws Exception {
        Path sparkHome = Path.of(System.getProperty("nnj.sparkHome", "target/spark-home")).toAbsolutePath();
        Path appJar = Path.of(System.getProperty("nnj.appJar", "target/nnj-spark-app.jar")).toAbsolutePath();
        assertTrue(Files.isDirectory(sparkHome.resolve("jars")), "no Spark jars under " + sparkHome + " (run mvn verify)");
        assertTrue(Files.isRegularFile(appJar), "no application jar " + appJar + " (run mvn verify)");
        Files.writeString(sparkHome.resolve("RELEASE"), "Spark laid out by nn-spark's integration test\n");
        Path work = sparkHome.getParent().resolve("spark-work");
        Files.createDirectories(work);

        int masterPort = freePort();
        String master = "spark://127.0.0.1:" + masterPort;
        List<Process> processes = new ArrayList<>();
        SparkSession spark = null;
        try {
            processes.add(start(sparkHome, work, "master", "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(freePort())));
            waitForPort(masterPort, processes.get(0), work.resolve("master.log"));
            for (int w = 1; w <= 2; w++) {
                Path dir = Files.createDirectories(work.resolve("worker" + w));
                processes.add(start(sparkHome, work, "worker" + w, "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port", Integer.toString(freePort()),
                        "--work-dir", dir.toString(), master));
            }
            spark = SparkSession.builder().appName("nnj StandaloneClusterIT").master(master)
                    .config("spark.jars", appJar.toString())
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.executor.memory", "640m")
                    .config("spark.executor.cores", "1")
                    .config("spark.cores.max", "2")
                    .config("spark.ui.enabled", "false")
                    .config("spark.executor.extraJavaOptions", "--add-modules jdk.incubator.vector")
                    .getOrCreate();
            waitForExecutors(spark, 2, work);

            DatasetResolver.Split digits = DatasetResolver.resolve("digits", new DatasetResolver.Options().seed(42).testFraction(0.2));
            org.apache.spark.sql.Dataset<Row> train = SparkDatasets.toDataFrame(spark, digits.train(), 2);
            org.apache.spark.sql.Dataset<Row> test = SparkDatasets.toDataFrame(spark, digits.test(), 2);
            NnjClassificationModel model = new NnjClassifier().setLayers("64").setEpochs(10).setSeed(42).fit(train);
            double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(model.transform(test));
            // 10 synchronous epochs of a 64-64-10 network reach ~0.95-0.96 on one machine and on local[2]
            assertTrue(accuracy >= 0.93, "test accuracy on the cluster " + accuracy);
            long hosts = spark.sparkContext().statusTracker().getExecutorInfos().length;
            assertEquals(3, hosts, "the driver and two executors");
        } finally {
            if (spark != null) {
                spark.stop();
            }
            for (int i = processes.size() - 1; i >= 0; i--) {
                processes.get(i).destroy();
                if (!processes.get(i).waitFor(20, TimeUnit.SECONDS)) {
                    processes.get(i).destroyForcibly();
                }
            }
        }
    }

    private static Process start(Path sparkHome, Path work, String name, String mainClass, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.addAll(List.of(OPENS.split(" ")));
        cmd.add("-cp");
        cmd.add(sparkHome.resolve("jars") + File.separator + "*");
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return pb.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the Spark master exited: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the Spark master did not listen on " + port + " within 60 s: " + Files.readString(log));
    }

    private static void waitForExecutors(SparkSession spark, int n, Path work) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (spark.sparkContext().statusTracker().getExecutorInfos().length < n + 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(n + " executors did not register within 90 s; see the logs in " + work);
            }
            Thread.sleep(250);
        }
    }
}
