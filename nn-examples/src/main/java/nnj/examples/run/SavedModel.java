package nnj.examples.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import nnj.api.layers.Dense;
import nnj.api.layers.Layer;
import nnj.api.layers.Sequential;
import nnj.api.layers.Softmax;

/**
 * A model file opened for {@code evaluate} and {@code predict}: the model (with its stored input
 * standardisation), where it came from, and the {@link TrainingRecord} when {@code train --out}
 * wrote one. Checks that data fits the model before anything is computed.
 */
public record SavedModel(Path path, Sequential model, TrainingRecord record) {

    public static SavedModel open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("model file " + path + " is a directory; give the .safetensors file"
                    + " that `nnj train --out` wrote");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("model file " + path + ": no such file (train one with "
                    + "`nnj train --out " + path + "`)");
        }
        return new SavedModel(path, Sequential.loadOnHost(path), TrainingRecord.read(path));
    }

    public Task task() {
        return model.metadata().task() != null ? model.metadata().task()
                : model.metadata().classNames().isEmpty() ? Task.REGRESSION : Task.CLASSIFICATION;
    }

    /** Whether the model ends in a Softmax layer (then its outputs already are probabilities). */
    public boolean outputsProbabilities() {
        List<Layer> layers = model.layers();
        return layers.get(layers.size() - 1) instanceof Softmax;
    }

    /** One line: {@code MLP 64-128-64-10 (classification, 10 classes)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder("MLP ").append(model.inputWidth());
        for (Layer l : model.layers()) {
            if (l instanceof Dense) {
                sb.append('-').append(((Dense) l).outputs());
            }
        }
        sb.append(" (").append(task().name().toLowerCase(Locale.ROOT));
        if (task() == Task.CLASSIFICATION) {
            sb.append(", ").append(model.outputWidth()).append(" classes");
        }
        return sb.append(')').toString();
    }

    /** Refuses data of the wrong width, task or class count, naming both sides. */
    public void requireFits(Dataset data) {
        String trainedOn = record == null ? "" : "; it was trained on " + TrainingRecord.printable(record.dataset());
        if (data.featureCount() != model.inputWidth()) {
            throw new IllegalArgumentException("the model " + path + " takes " + model.inputWidth()
                    + " input features but " + data.name() + " has " + data.featureCount() + trainedOn);
        }
        if (data.task() != task()) {
            throw new IllegalArgumentException("the model " + path + " was trained for "
                    + task().name().toLowerCase(Locale.ROOT) + " but " + data.name() + " is a "
                    + data.task().name().toLowerCase(Locale.ROOT) + " dataset" + trainedOn);
        }
        if (data.targetWidth() != model.outputWidth()) {
            throw new IllegalArgumentException("the model " + path + " outputs " + model.outputWidth()
                    + (task() == Task.CLASSIFICATION ? " classes" : " values") + " but " + data.name() + " has "
                    + data.targetWidth() + trainedOn);
        }
    }
}
