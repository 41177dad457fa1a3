package nnj.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nnj.api.data.Dataset;

/**
 * Reads an MNIST-style directory: four IDX files under their standard names, each raw or with a
 * {@code .gz} suffix, into a train and a test {@link Dataset}. Images are scaled by 1/255 into
 * [0, 1]; the sample shape is whatever the image header says (28×28 for MNIST).
 *
 * <p>Thread safety: stateless; safe to call from several threads.
 */
public final class IdxDirectory {
    /** The training images' standard file name. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    /** The training labels' standard file name. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    /** The test images' standard file name. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    /** The test labels' standard file name. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** The four standard names, without {@code .gz}. */
    public static final List<String> STANDARD_NAMES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    /** The training and the test part of an IDX directory. */
    public record TrainTest(Dataset train, Dataset test) {
    }

    private IdxDirectory() {
    }

    /**
     * Reads the four standard files of {@code dir}.
     *
     * @param name       the datasets' name, e.g. {@code "mnist"}
     * @param classNames one name per class, or null for "0", "1", … up to the largest label seen
     */
    public static TrainTest read(Path dir, String name, List<String> classNames) {
        List<String> missing = missingFiles(dir);
        if (!missing.isEmpty()) {
            throw new DataFileException(dir + ": missing " + String.join(", ", missing) + " (each may be raw or .gz);"
                    + " an IDX directory needs the four files " + String.join(", ", STANDARD_NAMES));
        }
        checkMemory(dir);
        IdxArray trainImages = IdxReader.read(find(dir, TRAIN_IMAGES).orElseThrow());
        IdxArray trainLabels = IdxReader.read(find(dir, TRAIN_LABELS).orElseThrow());
        IdxArray testImages = IdxReader.read(find(dir, TEST_IMAGES).orElseThrow());
        IdxArray testLabels = IdxReader.read(find(dir, TEST_LABELS).orElseThrow());
        checkImagesAndLabels(dir.resolve(TRAIN_IMAGES), trainImages, dir.resolve(TRAIN_LABELS), trainLabels);
        checkImagesAndLabels(dir.resolve(TEST_IMAGES), testImages, dir.resolve(TEST_LABELS), testLabels);
        int[] trainShape = sampleShape(trainImages);
        int[] testShape = sampleShape(testImages);
        if (!Arrays.equals(trainShape, testShape)) {
            throw new DataFileException(dir + ": training images are " + IdxReader.shape(trainShape)
                    + " but test images are " + IdxReader.shape(testShape) + "; both parts must come from one dataset");
        }
        List<String> names = classNames != null ? classNames : defaultClassNames(trainLabels);
        checkLabels(dir.resolve(TRAIN_LABELS), trainLabels, dir.resolve(TEST_LABELS), testLabels, names);
        return new TrainTest(
                toDataset(name, trainImages, trainLabels, names, dir.resolve(TRAIN_LABELS)),
                toDataset(name, testImages, testLabels, names, dir.resolve(TEST_LABELS)));
    }

    /** The standard names that have neither a raw nor a {@code .gz} file in {@code dir}. */
    public static List<String> missingFiles(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String base : STANDARD_NAMES) {
            if (find(dir, base).isEmpty()) {
                missing.add(base);
            }
        }
        return missing;
    }

    /** The file for a standard name: {@code base} if present, else {@code base.gz}. */
    public static Optional<Path> find(Path dir, String base) {
        for (Path p : List.of(dir.resolve(base), dir.resolve(base + ".gz"))) {
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static void checkImagesAndLabels(Path imagesFile, IdxArray images, Path labelsFile, IdxArray labels) {
        if (images.rank() < 2) {
            throw new DataFileException(imagesFile + ": an image file needs rank 2 or more (count, then the"
                    + " sample's dimensions), got rank " + images.rank());
        }
        if (labels.rank() != 1) {
            throw new DataFileException(labelsFile + ": a label file has rank 1, got rank " + labels.rank()
                    + " (" + IdxReader.shape(labels.dims()) + "); are the images and labels swapped?");
        }
        if (images.dim(0) != labels.dim(0)) {
            throw new DataFileException(imagesFile + " holds " + images.dim(0) + " images but " + labelsFile
                    + " holds " + labels.dim(0) + " labels; they must come from the same set");
        }
    }

    private static int[] sampleShape(IdxArray images) {
        return Arrays.copyOfRange(images.dims(), 1, images.rank());
    }

    /**
     * Refuses, from the four headers alone, a directory whose datasets will not fit in the heap:
     * every element is read as a byte, then held as a 4-byte float (images) or int (labels).
     */
    private static void checkMemory(Path dir) {
        long need = 0;
        StringBuilder what = new StringBuilder();
        for (String base : STANDARD_NAMES) {
            int[] dims = IdxReader.dimensions(find(dir, base).orElseThrow());
            long n = 1;
            for (int d : dims) {
                n *= d;
            }
            need += 5 * n;
            what.append(what.length() == 0 ? "" : " + ").append(IdxReader.shape(dims));
        }
        nnj.api.io.MemoryBudget.shortfall(dir + ": the IDX files declare " + what
                + " elements, which as bytes and then floats", need).ifPresent(msg -> {
                    throw new DataFileException(msg + " (or a subset of the samples)");
                });
    }

    /** Classes 0..K−1, K one more than the largest training label. */
    private static List<String> defaultClassNames(IdxArray trainLabels) {
        int max = 0;
        for (int i = 0; i < trainLabels.size(); i++) {
            max = Math.max(max, trainLabels.unsigned(i));
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c <= max; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    /**
     * Labels must be 0..K−1, every class must occur in training, and the test labels must be
     * classes the training set has: otherwise a stray label silently adds classes to the model.
     */
    private static void checkLabels(Path trainFile, IdxArray train, Path testFile, IdxArray test, List<String> names) {
        int k = names.size();
        if (k < 2) {
            throw new DataFileException(trainFile + ": every label is 0; classification needs at least two classes");
        }
        long[] counts = new long[k];
        for (int i = 0; i < train.size(); i++) {
            int y = train.unsigned(i);
            if (y >= k) {
                throw new DataFileException(trainFile + ": label " + i + " is " + y + ", but the dataset has " + k
                        + " classes (0.." + (k - 1) + ")");
            }
            counts[y]++;
        }
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < k && missing.size() < 10; c++) {
            if (counts[c] == 0) {
                missing.add(Integer.toString(c));
            }
        }
        if (!missing.isEmpty()) {
            throw new DataFileException(trainFile + ": no training label is " + String.join(", ", missing)
                    + (missing.size() == 10 ? ", …" : "") + "; labels must be 0.." + (k - 1)
                    + " with every class present in training (a stray label such as " + (k - 1)
                    + " would add classes that were never seen)");
        }
        for (int i = 0; i < test.size(); i++) {
            int y = test.unsigned(i);
            if (y >= k) {
                throw new DataFileException(testFile + ": label " + i + " is " + y + ", a class the training labels"
                        + " (0.." + (k - 1) + ") never have");
            }
        }
    }

    private static Dataset toDataset(String name, IdxArray images, IdxArray labels, List<String> classNames,
                                     Path labelsFile) {
        int[] y = labels.toInts();
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= classNames.size()) {
                throw new DataFileException(labelsFile + ": label " + i + " is " + y[i] + ", but " + name + " has "
                        + classNames.size() + " classes (0.." + (classNames.size() - 1) + ")");
            }
        }
        return Dataset.classification(name, images.toUnitFloats(), sampleShape(images), y, classNames);
    }
}
