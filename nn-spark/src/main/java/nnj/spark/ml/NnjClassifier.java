package nnj.spark.ml;

import nnj.api.data.Task;
import nnj.spark.TrainedNetwork;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * A Spark ML estimator that trains an nnj multi-layer perceptron classifier (softmax cross-entropy
 * on logits) data-parallel over the DataFrame's partitions. Labels are class indices 0, 1, ...
 *
 * <pre>{@code
 * NnjClassificationModel model = new NnjClassifier().setLayers("256,128").setEpochs(20).fit(train);
 * model.transform(test).select("prediction", "probability");
 * }</pre>
 */
public final class NnjClassifier extends NnjEstimator<NnjClassificationModel, NnjClassifier> {
    private static final long serialVersionUID = 1L;

    public NnjClassifier() {
        this(Identifiable.randomUID("nnjClassifier"));
    }

    public NnjClassifier(String uid) {
        super(uid);
    }

    @Override
    Task task() {
        return Task.CLASSIFICATION;
    }

    @Override
    NnjClassificationModel newModel(String modelUid, TrainedNetwork network) {
        return new NnjClassificationModel(modelUid, network);
    }

    /** Spark ML's loader (Pipelines and CrossValidator find it by reflection). */
    public static MLReader<NnjClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static NnjClassifier load(String path) {
        return read().load(path);
    }
}
