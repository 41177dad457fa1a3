package nnj.api.model;

import java.util.List;
import nnj.api.data.Standardizer;
import nnj.api.data.Task;

/**
 * What a trained model knows besides its layers and weights: the scaling its inputs were
 * standardised with, the task it was trained for, the class names of a classifier, and the names
 * of its input features when the training data had them. The
 * {@link Predictor} applies the scaling; the {@link ModelFile} stores all of it.
 */
public final class ModelMetadata {
    private final int inputWidth;
    private Standardizer normalization;
    private Task task;
    private List<String> classNames = List.of();
    private List<String> featureNames = List.of();

    /** Metadata of a model taking {@code inputWidth} features per sample (−1 when unknown). */
    public ModelMetadata(int inputWidth) {
        this.inputWidth = inputWidth;
    }

    /** The scaling applied to raw inputs before the first layer, or null. */
    public Standardizer normalization() {
        return normalization;
    }

    /** Sets the input scaling that prediction applies and model files store; null for none. */
    public void setNormalization(Standardizer normalization) {
        if (normalization != null && inputWidth >= 0 && normalization.featureCount() != inputWidth) {
            throw new IllegalArgumentException("normalization has " + normalization.featureCount()
                    + " features but the model takes " + inputWidth);
        }
        this.normalization = normalization;
    }

    /** What the model was trained for, or null when unknown. */
    public Task task() {
        return task;
    }

    /** Class names for a classifier (empty otherwise). */
    public List<String> classNames() {
        return classNames;
    }

    /** The input features' names, in order (empty when the training data had none). */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Records the input features' names; an empty list for none. */
    public void setFeatureNames(List<String> names) {
        List<String> copy = names == null ? List.of() : List.copyOf(names);
        if (!copy.isEmpty() && inputWidth >= 0 && copy.size() != inputWidth) {
            throw new IllegalArgumentException(copy.size() + " feature names but the model takes " + inputWidth
                    + " features");
        }
        this.featureNames = copy;
    }

    /** Records the task and class names. */
    public void setTask(Task task, List<String> classNames) {
        this.task = task;
        this.classNames = classNames == null ? List.of() : List.copyOf(classNames);
    }
}
