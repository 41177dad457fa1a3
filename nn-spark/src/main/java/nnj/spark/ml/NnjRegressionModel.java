package nnj.spark.ml;

import nnj.api.data.Task;
import nnj.spark.TrainedNetwork;
import org.apache.spark.ml.util.MLReader;

/** A trained nnj regressor: appends the prediction. */
public final class NnjRegressionModel extends NnjModel<NnjRegressionModel> {
    private static final long serialVersionUID = 1L;

    public NnjRegressionModel(String uid, TrainedNetwork network) {
        super(uid, network);
    }

    @Override
    Task task() {
        return Task.REGRESSION;
    }

    @Override
    NnjRegressionModel newModel(String modelUid, TrainedNetwork net) {
        return new NnjRegressionModel(modelUid, net);
    }

    public static MLReader<NnjRegressionModel> read() {
        return new ModelIO.Reader<>(NnjRegressionModel.class, NnjRegressionModel::new);
    }

    public static NnjRegressionModel load(String path) {
        return read().load(path);
    }
}
