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
        implements HasNnjParams<S>, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final NnjParams p;
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

    @Override
    public NnjParams nnjParams() {
        return p;
    }

    /** The task this estimator learns. */
    abstract Task task();

    /** A model holding {@code network}. */
    abstract M newModel(String modelUid, TrainedNetwork network);

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
}
