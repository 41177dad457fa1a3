package nnj.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import nnj.api.layers.Sequential;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores rows on an executor, a batch at a time. The network is rebuilt at most once per task slot
 * of the executor JVM and then reused by every later partition (a pool keyed by the model), each
 * copy on a backend of its own, since a backend and a model serve one thread at a time.
 */
public final class Scoring {
    private static final int BATCH = 256;
    private static final Map<String, ConcurrentLinkedQueue<Sequential>> MODELS = new ConcurrentHashMap<>();

    private Scoring() {
    }

    /**
     * The rows of {@code rows} with new columns appended: for a classifier the raw outputs, the
     * probabilities and the prediction; for a regressor the prediction.
     */
    public static Iterator<Row> score(Iterator<Row> rows, int featureIndex, String key, TrainedNetwork net,
                                      boolean classifier, String backendName, int threads) {
        ConcurrentLinkedQueue<Sequential> pool = MODELS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>());
        Sequential pooled = pool.poll();
        Sequential model = pooled != null ? pooled : net.toModel(ExecutorBackends.create(backendName, threads));
        return new Batches(rows, featureIndex, model, net.spec().inputs(), net.spec().outputs(), classifier, () -> pool.add(model));
    }

    /** Scores lazily, a batch at a time, and gives the model back to the pool when the rows run out. */
    private static final class Batches implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final int featureIndex;
        private final Sequential model;
        private final int f;
        private final int width;
        private final boolean classifier;
        private Runnable release;
        private final float[] x;
        private final List<Row> in = new ArrayList<>(BATCH);
        private final List<Row> out = new ArrayList<>(BATCH);
        private int next;

        Batches(Iterator<Row> rows, int featureIndex, Sequential model, int f, int width, boolean classifier,
                Runnable release) {
            this.rows = rows;
            this.featureIndex = featureIndex;
            this.model = model;
            this.f = f;
            this.width = width;
            this.classifier = classifier;
            this.release = release;
            this.x = new float[BATCH * f];
            org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) context -> releaseOnce()); // also when the rows are not all read
            }
        }

        @Override
        public boolean hasNext() {
            if (next < out.size()) {
                return true;
            }
            if (!rows.hasNext()) {
                releaseOnce();
                return false;
            }
            fill();
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return out.get(next++);
        }

        private void fill() {
            in.clear();
            out.clear();
            next = 0;
            while (rows.hasNext() && in.size() < BATCH) {
                Row r = rows.next();
                if (r.isNullAt(featureIndex)) {
                    throw new IllegalArgumentException("a row has a null feature vector; drop or impute it first");
                }
                double[] v = ((Vector) r.get(featureIndex)).toArray();
                if (v.length != f) {
                    throw new IllegalArgumentException("a row has " + v.length + " features; the model takes " + f);
                }
                int base = in.size() * f;
                for (int j = 0; j < f; j++) {
                    x[base + j] = (float) v[j];
                }
                in.add(r);
            }
            int n = in.size();
            float[] y = model.predict(n == BATCH ? x : java.util.Arrays.copyOf(x, n * f), n);
            for (int i = 0; i < n; i++) {
                out.add(append(in.get(i), y, i * width, width, classifier));
            }
        }

        private synchronized void releaseOnce() {
            if (release != null) {
                release.run();
                release = null;
            }
        }
    }

    private static Row append(Row row, float[] y, int off, int width, boolean classifier) {
        int m = row.length();
        Object[] values = new Object[m + (classifier ? 3 : 1)];
        for (int i = 0; i < m; i++) {
            values[i] = row.get(i);
        }
        if (!classifier) {
            values[m] = (double) y[off];
            return RowFactory.create(values);
        }
        double[] raw = new double[width];
        double max = Double.NEGATIVE_INFINITY;
        int best = 0;
        for (int j = 0; j < width; j++) {
            raw[j] = y[off + j];
            if (raw[j] > max) {
                max = raw[j];
                best = j;
            }
        }
        double[] p = new double[width];
        double sum = 0;
        for (int j = 0; j < width; j++) {
            p[j] = Math.exp(raw[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < width; j++) {
            p[j] /= sum;
        }
        values[m] = Vectors.dense(raw);
        values[m + 1] = Vectors.dense(p);
        values[m + 2] = (double) best;
        return RowFactory.create(values);
    }
}
