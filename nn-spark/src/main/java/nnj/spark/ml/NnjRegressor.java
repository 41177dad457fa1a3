package nnj.spark.ml;

import nnj.api.data.Task;
import nnj.spark.TrainedNetwork;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * A Spark ML estimator that trains an nnj multi-layer perceptron regressor (mean squared error on a
 * linear output, inputs standardised) data-parallel over the DataFrame's partitions.
 */
public final class NnjRegressor extends NnjEstimator<NnjRegressionModel, NnjRegressor> {
    private static final long serialVersionUID = 1L;

    public NnjRegressor() {
        this(Identifiable.randomUID("nnjRegressor"));
    }

    public NnjRegressor(String uid) {
        super(uid);
    }

    @Override
    Task task() {
        return Task.REGRESSION;
    }

    @Override
    NnjRegressionModel newModel(String modelUid, TrainedNetwork network) {
        return new NnjRegressionModel(modelUid, network);
    }

    public static MLReader<NnjRegressor> read() {
        return new DefaultParamsReader<>();
    }

    public static NnjRegressor load(String path) {
        return read().load(path);
    }
}
