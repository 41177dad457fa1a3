package nnj.spark.ml;

import java.util.List;
import nnj.api.backend.Backend;
import nnj.api.data.Task;
import nnj.spark.DistributedTrainer;
import nnj.spark.Mode;
import nnj.spark.NetworkSpec;
import nnj.spark.TrainedNetwork;
import nnj.spark.TrainingConfig;
import nnj.spark.TrainingData;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * What {@link NnjClassifier} and {@link NnjRegressor} share: the Params, and {@code fit}, which
 * packs the DataFrame into cached per-partition blocks and trains with {@link DistributedTrainer}.
 *
 * @param <M> the model it fits
 * @param <S> the estimator itself, for chained setters
 */
public abstract class NnjEstimator<M extends NnjModel<M>, S extends NnjEstimator<M, S>> extends Estimator<M>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    final NnjParams p;
    private transient DistributedTrainer.Result lastRun;

    protected NnjEstimator(String uid) {
        this.uid = uid;
        this.p = new NnjParams(uid);
        p.setDefaults(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The task this estimator learns. */
    abstract Task task();

    /** A model holding {@code network}. */
    abstract M newModel(String modelUid, TrainedNetwork network);

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** The last {@link #fit}'s loss per epoch, step count and wall time, or null. */
    public DistributedTrainer.Result lastRun() {
        return lastRun;
    }

    /** The training settings these Params describe. */
    public TrainingConfig trainingConfig() {
        String b = getBackend();
        return new TrainingConfig(getOptimizer(), (float) getLearningRate(), getSchedule(), getBatchSize(), getEpochs(),
                getSeed(), Mode.parse(getMode()), getLocalSteps(), b == null || b.isBlank() ? null : b, getThreads());
    }

    @Override
    public M fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        TrainingConfig config = trainingConfig();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        try (TrainingData data = TrainingData.of(dataset.toDF(), getFeaturesCol(), getLabelCol(), task(), 0)) {
            NetworkSpec spec = new NetworkSpec(data.featureCount(), NetworkSpec.parseWidths(getLayers()), getActivation(),
                    (float) getDropout(), data.targetWidth(), task());
            Backend driver = nnj.spark.ExecutorBackends.create(config.backend(), 1);
            try {
                List<String> names = task() == Task.CLASSIFICATION ? DistributedTrainer.indexNames(data.targetWidth()) : List.of();
                DistributedTrainer.Result r = new DistributedTrainer(config, driver).fit(sc, data, spec, names);
                lastRun = r;
                M model = newModel(org.apache.spark.ml.util.Identifiable.randomUID(uid.replaceAll("_.*", "") + "Model"),
                        TrainedNetwork.of(spec, r.model()));
                copyValues(model, ParamMap.empty());
                return model.setParent(this);
            } finally {
                driver.close();
            }
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        SchemaChecks.requireVector(schema, getFeaturesCol());
        SchemaChecks.requireNumeric(schema, getLabelCol());
        return SchemaChecks.withOutputs(schema, task(), getPredictionCol(), getProbabilityCol(), getRawPredictionCol());
    }

    @Override
    public S copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public Param<String> featuresCol() {
        return p.featuresCol;
    }

    public String getFeaturesCol() {
        return (String) getOrDefault(p.featuresCol);
    }

    public S setFeaturesCol(String value) {
        set(p.featuresCol, value);
        return self();
    }

    public Param<String> labelCol() {
        return p.labelCol;
    }

    public String getLabelCol() {
        return (String) getOrDefault(p.labelCol);
    }

    public S setLabelCol(String value) {
        set(p.labelCol, value);
        return self();
    }

    public Param<String> predictionCol() {
        return p.predictionCol;
    }

    public String getPredictionCol() {
        return (String) getOrDefault(p.predictionCol);
    }

    public S setPredictionCol(String value) {
        set(p.predictionCol, value);
        return self();
    }

    public Param<String> probabilityCol() {
        return p.probabilityCol;
    }

    public String getProbabilityCol() {
        return (String) getOrDefault(p.probabilityCol);
    }

    public S setProbabilityCol(String value) {
        set(p.probabilityCol, value);
        return self();
    }

    public Param<String> rawPredictionCol() {
        return p.rawPredictionCol;
    }

    public String getRawPredictionCol() {
        return (String) getOrDefault(p.rawPredictionCol);
    }

    public S setRawPredictionCol(String value) {
        set(p.rawPredictionCol, value);
        return self();
    }

    public Param<String> layers() {
        return p.layers;
    }

    public String getLayers() {
        return (String) getOrDefault(p.layers);
    }

    public S setLayers(String value) {
        set(p.layers, value);
        return self();
    }

    public Param<String> activation() {
        return p.activation;
    }

    public String getActivation() {
        return (String) getOrDefault(p.activation);
    }

    public S setActivation(String value) {
        set(p.activation, value);
        return self();
    }

    public DoubleParam dropout() {
        return p.dropout;
    }

    public double getDropout() {
        return (Double) getOrDefault(p.dropout);
    }

    public S setDropout(double value) {
        set(p.dropout, value);
        return self();
    }

    public Param<String> optimizer() {
        return p.optimizer;
    }

    public String getOptimizer() {
        return (String) getOrDefault(p.optimizer);
    }

    public S setOptimizer(String value) {
        set(p.optimizer, value);
        return self();
    }

    public DoubleParam learningRate() {
        return p.learningRate;
    }

    public double getLearningRate() {
        return (Double) getOrDefault(p.learningRate);
    }

    public S setLearningRate(double value) {
        set(p.learningRate, value);
        return self();
    }

    public Param<String> schedule() {
        return p.schedule;
    }

    public String getSchedule() {
        return (String) getOrDefault(p.schedule);
    }

    public S setSchedule(String value) {
        set(p.schedule, value);
        return self();
    }

    public IntParam epochs() {
        return p.epochs;
    }

    public int getEpochs() {
        return (Integer) getOrDefault(p.epochs);
    }

    public S setEpochs(int value) {
        set(p.epochs, value);
        return self();
    }

    public IntParam batchSize() {
        return p.batchSize;
    }

    public int getBatchSize() {
        return (Integer) getOrDefault(p.batchSize);
    }

    public S setBatchSize(int value) {
        set(p.batchSize, value);
        return self();
    }

    public LongParam seed() {
        return p.seed;
    }

    public long getSeed() {
        return (Long) getOrDefault(p.seed);
    }

    public S setSeed(long value) {
        set(p.seed, value);
        return self();
    }

    public Param<String> backend() {
        return p.backend;
    }

    public String getBackend() {
        return (String) getOrDefault(p.backend);
    }

    public S setBackend(String value) {
        set(p.backend, value);
        return self();
    }

    public IntParam threads() {
        return p.threads;
    }

    public int getThreads() {
        return (Integer) getOrDefault(p.threads);
    }

    public S setThreads(int value) {
        set(p.threads, value);
        return self();
    }

    public Param<String> mode() {
        return p.mode;
    }

    public String getMode() {
        return (String) getOrDefault(p.mode);
    }

    public S setMode(String value) {
        set(p.mode, value);
        return self();
    }

    public IntParam localSteps() {
        return p.localSteps;
    }

    public int getLocalSteps() {
        return (Integer) getOrDefault(p.localSteps);
    }

    public S setLocalSteps(int value) {
        set(p.localSteps, value);
        return self();
    }
}
