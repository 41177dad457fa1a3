package nnj.spark.ml;

import nnj.api.data.Task;
import nnj.spark.TrainedNetwork;
import org.apache.spark.ml.util.MLReader;

/** A trained nnj classifier: appends rawPrediction (logits), probability (softmax) and prediction (arg-max). */
public final class NnjClassificationModel extends NnjModel<NnjClassificationModel> {
    private static final long serialVersionUID = 1L;

    public NnjClassificationModel(String uid, TrainedNetwork network) {
        super(uid, network);
    }

    @Override
    Task task() {
        return Task.CLASSIFICATION;
    }

    @Override
    NnjClassificationModel newModel(String modelUid, TrainedNetwork net) {
        return new NnjClassificationModel(modelUid, net);
    }

    public static MLReader<NnjClassificationModel> read() {
        return new ModelIO.Reader<>(NnjClassificationModel.class, NnjClassificationModel::new);
    }

    public static NnjClassificationModel load(String path) {
        return read().load(path);
    }
}
