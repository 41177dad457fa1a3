package nnj.api.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory dataset on the host: n samples of {@link #featureCount()} floats, and for each a
 * target row of {@link #targetWidth()} floats. For classification the target row is one-hot over
 * the classes and {@link #label(int)} gives the class index.
 *
 * <p>Samples are stored row-major in one array, so a batch is assembled by copying rows. A sample
 * may have a shape (for example (28, 28) for an image); the features are that shape flattened.
 *
 * <p>Immutable after construction (the arrays are copied in and never handed out), so safe to
 * share between threads.
 */
public final class Dataset {
    private final String name;
    private final Task task;
    private final int size;
    private final int[] sampleShape;
    private final int featureCount;
    private final float[] features;
    private final int targetWidth;
    private final float[] targets;
    private final int[] labels;
    private final List<String> classNames;
    private final List<String> featureNames;

    private Dataset(String name, Task task, int size, int[] sampleShape, float[] features, int targetWidth,
                    float[] targets, int[] labels, List<String> classNames) {
        this(name, task, size, sampleShape, features, targetWidth, targets, labels, classNames, List.of());
    }

    private Dataset(String name, Task task, int size, int[] sampleShape, float[] features, int targetWidth,
                    float[] targets, int[] labels, List<String> classNames, List<String> featureNames) {
        this.name = name;
        this.task = task;
        this.size = size;
        this.sampleShape = sampleShape;
        this.featureCount = Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
        this.features = features;
        this.targetWidth = targetWidth;
        this.targets = targets;
        this.labels = labels;
        this.classNames = classNames;
        this.featureNames = featureNames;
        if (featureNames.size() != 0 && featureNames.size() != featureCount) {
            throw new IllegalArgumentException(name + ": " + featureNames.size() + " feature names for "
                    + featureCount + " features");
        }
        if (features.length != (long) size * featureCount) {
            throw new IllegalArgumentException(name + ": " + size + " samples of " + featureCount
                    + " features need " + ((long) size * featureCount) + " floats, got " + features.length);
        }
        if (targets.length != (long) size * targetWidth) {
            throw new IllegalArgumentException(name + ": " + size + " samples of " + targetWidth
                    + " targets need " + ((long) size * targetWidth) + " floats, got " + targets.length);
        }
        for (int i = 0; i < features.length; i++) {
            if (!Float.isFinite(features[i])) {
                throw new IllegalArgumentException(name + ": feature " + (i % featureCount) + " of sample "
                        + (i / featureCount) + " is " + features[i] + "; clean or impute the data first");
            }
        }
        for (int i = 0; i < targets.length; i++) {
            if (!Float.isFinite(targets[i])) {
                throw new IllegalArgumentException(name + ": target " + (i % targetWidth) + " of sample "
                        + (i / targetWidth) + " is " + targets[i]);
            }
        }
    }

    /**
     * A classification dataset.
     *
     * @param features   n × featureCount floats, row-major (copied)
     * @param sampleShape the shape of one sample, e.g. {@code {64}} or {@code {28, 28}}
     * @param labels     n class indices in [0, classNames.size()) (copied)
     * @param classNames one name per class
     */
    public static Dataset classification(String name, float[] features, int[] sampleShape, int[] labels,
                                         List<String> classNames) {
        int classes = classNames.size();
        if (classes < 2) {
            throw new IllegalArgumentException(name + ": classification needs at least 2 classes, got " + classes);
        }
        requireMemory(name, 4L * features.length + 4L * labels.length * classes + 4L * labels.length);
        float[] oneHot = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name + ": sample " + i + " has label " + labels[i]
                        + ", outside the " + classes + " classes [0, " + (classes - 1) + "]");
            }
            oneHot[i * classes + labels[i]] = 1f;
        }
        return new Dataset(name, Task.CLASSIFICATION, labels.length, sampleShape.clone(), features.clone(),
                classes, oneHot, labels.clone(), List.copyOf(classNames));
    }

    /**
     * A regression dataset.
     *
     * @param features    n × featureCount floats, row-major (copied)
     * @param sampleShape the shape of one sample
     * @param targets     n × targetWidth floats, row-major (copied)
     */
    public static Dataset regression(String name, float[] features, int[] sampleShape, float[] targets,
                                     int targetWidth) {
        if (targetWidth < 1) {
            throw new IllegalArgumentException(name + ": target width must be at least 1");
        }
        requireMemory(name, 4L * features.length + 4L * targets.length);
        int n = targets.length / targetWidth;
        return new Dataset(name, Task.REGRESSION, n, sampleShape.clone(), features.clone(), targetWidth,
                targets.clone(), null, List.of());
    }

    /** Refuses, before copying, a dataset whose copy (features, targets) will not fit in the heap. */
    private static void requireMemory(String name, long bytes) {
        nnj.api.io.MemoryBudget.shortfall(name + ": the dataset's copy of its features and targets", bytes)
                .ifPresent(msg -> {
                    throw new IllegalArgumentException(msg);
                });
    }

    /** A short name for messages and reports, e.g. {@code "digits"}. */
    public String name() {
        return name;
    }

    /** Whether the targets are class labels or real values. */
    public Task task() {
        return task;
    }

    /** The number of samples. */
    public int size() {
        return size;
    }

    /** The number of floats per sample. */
    public int featureCount() {
        return featureCount;
    }

    /** The shape of one sample (a copy). */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** Floats per target row: the class count for classification. */
    public int targetWidth() {
        return targetWidth;
    }

    /** The class names; empty for regression. */
    public List<String> classNames() {
        return classNames;
    }

    /** The class count; 0 for regression. */
    public int classCount() {
        return classNames.size();
    }

    /** Feature j of sample i. */
    public float feature(int i, int j) {
        return features[i * featureCount + j];
    }

    /** Target j of sample i. */
    public float target(int i, int j) {
        return targets[i * targetWidth + j];
    }

    /** The class of sample i. */
    public int label(int i) {
        if (labels == null) {
            throw new IllegalStateException(name + " is a regression dataset and has no labels");
        }
        return labels[i];
    }

    /** Copies sample i's features into {@code dst[offset…]}. */
    public void copyFeatures(int i, float[] dst, int offset) {
        System.arraycopy(features, i * featureCount, dst, offset, featureCount);
    }

    /** Copies sample i's target row into {@code dst[offset…]}. */
    public void copyTarget(int i, float[] dst, int offset) {
        System.arraycopy(targets, i * targetWidth, dst, offset, targetWidth);
    }

    /** A copy of all features, n × featureCount, row-major. Allocates. */
    public float[] featureArray() {
        return features.clone();
    }

    /** A copy of all targets, n × targetWidth, row-major. Allocates. */
    public float[] targetArray() {
        return targets.clone();
    }

    /** A new dataset of the given samples, in the given order. */
    public Dataset subset(int[] indices) {
        float[] f = new float[indices.length * featureCount];
        float[] t = new float[indices.length * targetWidth];
        int[] l = labels == null ? null : new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            int i = indices[r];
            Objects.checkIndex(i, size);
            System.arraycopy(features, i * featureCount, f, r * featureCount, featureCount);
            System.arraycopy(targets, i * targetWidth, t, r * targetWidth, targetWidth);
            if (l != null) {
                l[r] = labels[i];
            }
        }
        return new Dataset(name, task, indices.length, sampleShape, f, targetWidth, t, l, classNames, featureNames);
    }

    /** The same samples and targets with the features replaced (same count per sample). */
    public Dataset withFeatures(float[] newFeatures) {
        return new Dataset(name, task, size, sampleShape, newFeatures.clone(), targetWidth, targets, labels,
                classNames, featureNames);
    }

    /**
     * The names of the features, in column order (a CSV file's header), or an empty list when the
     * features have no names (images, generated data). A model trained on named features records
     * them, so that prediction can match columns by name.
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The same data with these feature names (one per feature; an empty list for none). */
    public Dataset withFeatureNames(List<String> names) {
        return new Dataset(name, task, size, sampleShape, features, targetWidth, targets, labels, classNames,
                List.copyOf(names));
    }

    /**
     * The same samples labelled by name over {@code names}, for example a test set over its
     * training set's classes: a test file without any sample of some class has fewer classes of its
     * own, so its class indices differ from the training set's although its names agree.
     *
     * @throws IllegalArgumentException naming every class that some sample has but {@code names} lacks
     */
    public Dataset relabelledOver(List<String> names) {
        if (task != Task.CLASSIFICATION) {
            throw new IllegalArgumentException(name + " is a regression dataset; only class labels can be mapped");
        }
        int[] index = new int[classNames.size()];
        for (int c = 0; c < index.length; c++) {
            index[c] = names.indexOf(classNames.get(c));
        }
        int[] mapped = new int[size];
        boolean[] missing = new boolean[index.length];
        for (int i = 0; i < size; i++) {
            mapped[i] = index[labels[i]];
            missing[labels[i]] |= mapped[i] < 0;
        }
        List<String> unknown = new ArrayList<>();
        for (int c = 0; c < missing.length; c++) {
            if (missing[c]) {
                unknown.add(classNames.get(c));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(name + " has samples of class" + (unknown.size() > 1 ? "es " : " ")
                    + String.join(", ", unknown) + ", not among the classes " + String.join(", ", names));
        }
        return classification(name, features, sampleShape, mapped, names).withFeatureNames(featureNames);
    }

    @Override
    public String toString() {
        return name + " (" + task.name().toLowerCase() + ", " + size + " samples × " + featureCount + " features"
                + (task == Task.CLASSIFICATION ? ", " + classNames.size() + " classes)" : ")");
    }
}
