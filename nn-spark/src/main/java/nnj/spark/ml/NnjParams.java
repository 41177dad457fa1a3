package nnj.spark.ml;

import java.io.Serializable;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The Params shared by the nnj estimators and their models (Spark copies an estimator's values into
 * its model, and saves and loads them with it). One instance per owner, created with its uid.
 */
public final class NnjParams implements Serializable {
    private static final long serialVersionUID = 1L;

    final Param<String> featuresCol;
    final Param<String> labelCol;
    final Param<String> predictionCol;
    final Param<String> probabilityCol;
    final Param<String> rawPredictionCol;
    final Param<String> layers;
    final Param<String> activation;
    final DoubleParam dropout;
    final Param<String> optimizer;
    final DoubleParam learningRate;
    final Param<String> schedule;
    final IntParam epochs;
    final IntParam batchSize;
    final LongParam seed;
    final Param<String> backend;
    final IntParam threads;
    final Param<String> mode;
    final IntParam localSteps;

    NnjParams(String uid) {
        featuresCol = new Param<>(uid, "featuresCol", "features column (an ml Vector)");
        labelCol = new Param<>(uid, "labelCol", "label column: class index 0, 1, ... or a regression target");
        predictionCol = new Param<>(uid, "predictionCol", "prediction column");
        probabilityCol = new Param<>(uid, "probabilityCol", "class probabilities column (classifier)");
        rawPredictionCol = new Param<>(uid, "rawPredictionCol", "raw outputs (logits) column (classifier)");
        layers = new Param<>(uid, "layers", "hidden layer widths, e.g. 128,64, or none");
        activation = new Param<>(uid, "activation", "relu, leaky_relu, tanh or sigmoid");
        dropout = new DoubleParam(uid, "dropout", "dropout rate after each hidden layer, in [0, 1)");
        optimizer = new Param<>(uid, "optimizer", "adam, adamw, sgd, momentum, nesterov or rmsprop");
        learningRate = new DoubleParam(uid, "learningRate", "learning rate");
        schedule = new Param<>(uid, "schedule", "learning-rate schedule: constant or cosine");
        epochs = new IntParam(uid, "epochs", "passes over the data");
        batchSize = new IntParam(uid, "batchSize", "global mini-batch size (split over the partitions)");
        seed = new LongParam(uid, "seed", "seed of the weights, the shuffling and dropout");
        backend = new Param<>(uid, "backend", "nnj backend on the executors; empty for the usual rules");
        threads = new IntParam(uid, "threads", "threads each task's backend may use");
        mode = new Param<>(uid, "mode", "sync (gradients summed every step) or average (K local steps, then weights averaged)");
        localSteps = new IntParam(uid, "localSteps", "local steps per round in average mode; 0 chooses them from the network and batch size");
    }

    void setDefaults(Params owner) {
        owner.setDefault(featuresCol, "features");
        owner.setDefault(labelCol, "label");
        owner.setDefault(predictionCol, "prediction");
        owner.setDefault(probabilityCol, "probability");
        owner.setDefault(rawPredictionCol, "rawPrediction");
        owner.setDefault(layers, "128,64");
        owner.setDefault(activation, "relu");
        owner.setDefault(dropout, 0.0);
        owner.setDefault(optimizer, "adam");
        owner.setDefault(learningRate, 0.002);
        owner.setDefault(schedule, "cosine");
        owner.setDefault(epochs, 10);
        owner.setDefault(batchSize, 64);
        owner.setDefault(seed, 42L);
        owner.setDefault(backend, "");
        owner.setDefault(threads, 1);
        owner.setDefault(mode, "sync");
        owner.setDefault(localSteps, 0);
    }
}
