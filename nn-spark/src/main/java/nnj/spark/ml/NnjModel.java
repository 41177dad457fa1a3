package nnj.spark.ml;

import java.util.UUID;
import nnj.api.data.Task;
import nnj.api.layers.Sequential;
import nnj.spark.TrainedNetwork;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
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
public abstract class NnjModel<M extends NnjModel<M>> extends Model<M> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    final NnjParams p;
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

    abstract Task task();

    abstract M newModel(String modelUid, TrainedNetwork net);

    @SuppressWarnings("unchecked")
    private M self() {
        return (M) this;
    }

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

    public Param<String> featuresCol() {
        return p.featuresCol;
    }

    public String getFeaturesCol() {
        return (String) getOrDefault(p.featuresCol);
    }

    public M setFeaturesCol(String value) {
        set(p.featuresCol, value);
        return self();
    }

    public Param<String> labelCol() {
        return p.labelCol;
    }

    public String getLabelCol() {
        return (String) getOrDefault(p.labelCol);
    }

    public M setLabelCol(String value) {
        set(p.labelCol, value);
        return self();
    }

    public Param<String> predictionCol() {
        return p.predictionCol;
    }

    public String getPredictionCol() {
        return (String) getOrDefault(p.predictionCol);
    }

    public M setPredictionCol(String value) {
        set(p.predictionCol, value);
        return self();
    }

    public Param<String> probabilityCol() {
        return p.probabilityCol;
    }

    public String getProbabilityCol() {
        return (String) getOrDefault(p.probabilityCol);
    }

    public M setProbabilityCol(String value) {
        set(p.probabilityCol, value);
        return self();
    }

    public Param<String> rawPredictionCol() {
        return p.rawPredictionCol;
    }

    public String getRawPredictionCol() {
        return (String) getOrDefault(p.rawPredictionCol);
    }

    public M setRawPredictionCol(String value) {
        set(p.rawPredictionCol, value);
        return self();
    }

    public Param<String> layers() {
        return p.layers;
    }

    public String getLayers() {
        return (String) getOrDefault(p.layers);
    }

    public M setLayers(String value) {
        set(p.layers, value);
        return self();
    }

    public Param<String> activation() {
        return p.activation;
    }

    public String getActivation() {
        return (String) getOrDefault(p.activation);
    }

    public M setActivation(String value) {
        set(p.activation, value);
        return self();
    }

    public DoubleParam dropout() {
        return p.dropout;
    }

    public double getDropout() {
        return (Double) getOrDefault(p.dropout);
    }

    public M setDropout(double value) {
        set(p.dropout, value);
        return self();
    }

    public Param<String> optimizer() {
        return p.optimizer;
    }

    public String getOptimizer() {
        return (String) getOrDefault(p.optimizer);
    }

    public M setOptimizer(String value) {
        set(p.optimizer, value);
        return self();
    }

    public DoubleParam learningRate() {
        return p.learningRate;
    }

    public double getLearningRate() {
        return (Double) getOrDefault(p.learningRate);
    }

    public M setLearningRate(double value) {
        set(p.learningRate, value);
        return self();
    }

    public Param<String> schedule() {
        return p.schedule;
    }

    public String getSchedule() {
        return (String) getOrDefault(p.schedule);
    }

    public M setSchedule(String value) {
        set(p.schedule, value);
        return self();
    }

    public IntParam epochs() {
        return p.epochs;
    }

    public int getEpochs() {
        return (Integer) getOrDefault(p.epochs);
    }

    public M setEpochs(int value) {
        set(p.epochs, value);
        return self();
    }

    public IntParam batchSize() {
        return p.batchSize;
    }

    public int getBatchSize() {
        return (Integer) getOrDefault(p.batchSize);
    }

    public M setBatchSize(int value) {
        set(p.batchSize, value);
        return self();
    }

    public LongParam seed() {
        return p.seed;
    }

    public long getSeed() {
        return (Long) getOrDefault(p.seed);
    }

    public M setSeed(long value) {
        set(p.seed, value);
        return self();
    }

    public Param<String> backend() {
        return p.backend;
    }

    public String getBackend() {
        return (String) getOrDefault(p.backend);
    }

    public M setBackend(String value) {
        set(p.backend, value);
        return self();
    }

    public IntParam threads() {
        return p.threads;
    }

    public int getThreads() {
        return (Integer) getOrDefault(p.threads);
    }

    public M setThreads(int value) {
        set(p.threads, value);
        return self();
    }

    public Param<String> mode() {
        return p.mode;
    }

    public String getMode() {
        return (String) getOrDefault(p.mode);
    }

    public M setMode(String value) {
        set(p.mode, value);
        return self();
    }

    public IntParam localSteps() {
        return p.localSteps;
    }

    public int getLocalSteps() {
        return (Integer) getOrDefault(p.localSteps);
    }

    public M setLocalSteps(int value) {
        set(p.localSteps, value);
        return self();
    }
}
