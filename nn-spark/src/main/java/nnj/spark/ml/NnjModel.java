package nnj.spark.ml;

import java.util.UUID;
import nnj.api.data.Task;
import nnj.api.layers.Sequential;
import nnj.spark.TrainedNetwork;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What the nnj models share: the Params (copied from the estimator), the trained network, scoring
 * on the executors ({@link #transform}: batches of rows through the network, the model built once
 * per executor task slot and reused), and saving as a Spark ML directory whose
 * {@code data/model.safetensors} is the same file {@code nnj predict} and {@code Sequential.load} read.
 *
 * @param <M> the model itself
 */
public abstract class NnjModel<M extends NnjModel<M>> extends Model<M>
        implements HasNnjParams<M>, MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final NnjParams p;
    private TrainedNetwork network;
    private final String key = UUID.randomUUID().toString(); // names this model's cached copies on executors

    protected NnjModel(String uid, TrainedNetwork network) {
        this.uid = uid;
        this.p = new NnjParams(uid);
        this.network = network;
        p.setDefaults(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public NnjParams nnjParams() {
        return p;
    }

    abstract Task task();

    abstract M newModel(String modelUid, TrainedNetwork net);

    /** The trained network: shape, weights, standardisation. */
    public TrainedNetwork network() {
        return network;
    }

    void setNetwork(TrainedNetwork network) {
        this.network = network;
    }

    /** The network as an nnj model on the host (place it with {@code to(backend)}). */
    public Sequential toSequential() {
        return network.toModel(null);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        Broadcast<TrainedNetwork> net = sc.broadcast(network);
        int featureIndex = dataset.schema().fieldIndex(getFeaturesCol());
        String cacheKey = key;
        ScoringKind kind = task() == Task.CLASSIFICATION ? ScoringKind.CLASSIFIER : ScoringKind.REGRESSOR;
        String backendName = getBackend();
        int threads = getThreads();
        MapPartitionsFunction<Row, Row> score = rows -> nnj.spark.Scoring.score(rows, featureIndex, cacheKey,
                net.value(), kind == ScoringKind.CLASSIFIER, backendName, threads);
        return dataset.toDF().mapPartitions(score, Encoders.row(out));
    }

    /** Which columns scoring appends. */
    enum ScoringKind { CLASSIFIER, REGRESSOR }

    @Override
    public StructType transformSchema(StructType schema) {
        SchemaChecks.requireVector(schema, getFeaturesCol());
        return SchemaChecks.withOutputs(schema, task(), getPredictionCol(), getProbabilityCol(), getRawPredictionCol());
    }

    @Override
    public M copy(ParamMap extra) {
        M copy = newModel(uid, network);
        copyValues(copy, extra);
        return copy.setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new ModelIO.Writer(this);
    }
}
