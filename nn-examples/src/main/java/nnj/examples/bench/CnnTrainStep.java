package nnj.examples.bench;

import java.util.Random;
import nnj.api.backend.Backend;
import nnj.api.layers.Sequential;
import nnj.api.loss.Loss;
import nnj.api.loss.Losses;
import nnj.api.optim.Adam;
import nnj.api.optim.Optimizer;
import nnj.api.train.BatchLoader;
import nnj.api.train.Trainer;
import nnj.examples.run.ArchSpec;

/**
 * The benchmarked CNN training step: the {@code --arch cnn} preset on 1×28×28 images (conv 3×3 32
 * same + ReLU, max pool 2, conv 3×3 64 same + ReLU, max pool 2, dense 128 + ReLU, dense 10) with
 * softmax cross-entropy and Adam (lr 1e-3) on synthetic MNIST-shaped data, the same net as
 * {@code /work/shared/tools/torch-cnn}. A step is what the trainer runs per batch
 * ({@link Trainer#step}); consecutive steps walk through the full batches of the data.
 */
public final class CnnTrainStep {
    private final Sequential model;
    private final Loss loss = Losses.softmaxCrossEntropy();
    private final Optimizer optimizer = new Adam(1e-3f);
    private final BatchLoader loader;
    private final int fullBatches;
    private int next;

    /** The model (initialised from seed 42) on {@code backend}, and {@code rows} samples drawn from {@code dataSeed}. */
    public CnnTrainStep(Backend backend, int batch, int rows, long dataSeed) {
        if (batch < 1 || batch > rows) {
            throw new IllegalArgumentException("the batch size must be between 1 and " + rows + ", got " + batch);
        }
        model = mnistCnn().initialize(42).on(backend);
        model.setInputGradientNeeded(false); // as the trainer does: the first layer computes no dX
        optimizer.attach(model.parameters());
        loader = new BatchLoader(backend, MlpTrainStep.syntheticMnist(rows, new Random(dataSeed)), batch);
        fullBatches = rows / batch;
        loader.load(0);
    }

    /** The {@code --arch cnn} preset for 28×28 grey images and 10 classes. */
    public static Sequential mnistCnn() {
        return Sequential.of(ArchSpec.parse("cnn").layers(1, 28, 28, 10, "relu", 0f));
    }

    /** One training step on the next full batch; returns its mean loss. */
    public double step() {
        double value = Trainer.step(model, loss, loader, next, optimizer);
        next = (next + 1) % fullBatches;
        return value;
    }

    /** Samples per step. */
    public int batch() {
        return loader.batchSize();
    }
}
