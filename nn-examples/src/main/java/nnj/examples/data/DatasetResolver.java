package nnj.examples.data;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nnj.api.data.Dataset;
import nnj.api.data.Splits;
import nnj.api.data.Task;
import nnj.data.CsvDatasets;
import nnj.data.DataFileException;
import nnj.data.IdxDirectory;

/**
 * Turns a {@code --dataset} value into a training and a test {@link Dataset}.
 *
 * <pre>{@code
 * DatasetResolver.Split data = DatasetResolver.resolve("iris", new DatasetResolver.Options().seed(7));
 * }</pre>
 *
 * <p>Bundled sets, the sine curve and CSV files are split at random from the seed (stratified for
 * classification; see {@link Splits#stratified}). IDX sets come with their own test files, which are
 * used as the test part. Features are returned raw except IDX images, which are scaled by 1/255;
 * standardising is the trainer's job (fitted on the training part only).
 */
public final class DatasetResolver {
    /** The dataset used when none is given. */
    public static final String DEFAULT = "digits";

    /** Every accepted form with a one-line description, in the order to show them. */
    public static final Map<String, String> CHOICES = choices();

    /** The sets in the jar (and the generated sine curve): resolving one reads no file and downloads nothing. */
    private static final java.util.Set<String> BUNDLED = java.util.Set.of("digits", "iris", "wine", "breast-cancer",
            "diabetes", "sine");

    private DatasetResolver() {
    }

    /** Whether {@code spec} names a bundled set, so that resolving it touches no file and no network. */
    public static boolean isBundled(String spec) {
        return spec != null && BUNDLED.contains(spec.trim().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The training part, the test part, and a line saying what they are and where they came from. */
    public record Split(Dataset train, Dataset test, String description) {
    }

    /**
     * Resolves a {@code --dataset} value.
     *
     * @param spec a name from {@link #CHOICES}, {@code idx:DIR} or {@code csv:FILE}; null or blank
     *             means {@value #DEFAULT}
     * @throws IllegalArgumentException for an unknown name (the message lists the valid ones) or
     *                                  bad options
     * @throws nnj.data.DataFileException for a file that cannot be read as data
     * @throws DatasetUnavailableException when a named set can be neither found nor downloaded
     */
    public static Split resolve(String spec, Options options) {
        String s = spec == null || spec.isBlank() ? DEFAULT : spec.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("idx:")) {
            Path dir = pathAfterPrefix(s, "idx:", "a directory");
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("idx:" + dir + ": no such directory");
            }
            IdxDirectory.TrainTest tt = IdxDirectory.read(dir, dir.getFileName() == null ? "idx"
                    : dir.getFileName().toString(), null);
            return idxSplit(tt, "IDX files in " + dir);
        }
        if (lower.startsWith("csv:")) {
            Path file = pathAfterPrefix(s, "csv:", "a file");
            CsvDatasets.Loaded loaded = CsvDatasets.read(file, options.target, options.task);
            return split(loaded.dataset(), options, file + ", target '" + loaded.targetName() + "' → "
                    + loaded.taskReason());
        }
        if (options.target != null || options.task != null) {
            throw new IllegalArgumentException("--target and --task apply to csv:FILE only; " + s
                    + " has its own target");
        }
        String name = lower.replace('_', '-');
        switch (name) {
            case "digits":
                return split(BundledData.digits(), options, "bundled 8×8 handwritten digits (UCI, Alpaydin & Kaynak)");
            case "iris":
                return split(BundledData.iris(), options, "bundled iris flowers (Fisher 1936, UCI)");
            case "wine":
                return split(BundledData.wine(), options, "bundled wine cultivars (Forina et al., UCI)");
            case "breast-cancer":
                return split(BundledData.breastCancer(), options,
                        "bundled Breast Cancer Wisconsin (Diagnostic) (Wolberg, Street & Mangasarian, UCI)");
            case "diabetes":
                return split(BundledData.diabetes(), options, "bundled diabetes progression (Efron et al. 2004)");
            case "sine":
                return split(SineCurve.generate(options.samples, options.noise, options.seed), options,
                        "y = 0.5 + sin(2πx) + N(0, " + options.noise + "²), x ~ U(−1, 1), " + options.samples
                                + " samples drawn with seed " + options.seed);
            default:
                IdxCatalog set = IdxCatalog.byId(name);
                if (set == null) {
                    throw new IllegalArgumentException(unknownMessage(s));
                }
                IdxSources.Located where = IdxSources.locate(set, options);
                return idxSplit(IdxDirectory.read(where.dir(), set.id(), set.classNames()),
                        set.title() + " from " + where.origin());
        }
    }

    /**
     * Trains on one dataset and tests on another ({@code --test-dataset}): all of {@code trainSpec}
     * (an IDX set: its training files) against all of {@code testSpec} (an IDX set: its test files).
     * A CSV test file is read with the training file's target column and task. The two must have the
     * same features; for classification the test labels are mapped by class name onto the training
     * classes, so a test set may lack a class but not have one that training never saw.
     */
    public static Split resolve(String trainSpec, String testSpec, Options options) {
        Dataset train = whole(trainSpec, options, true);
        Options testOptions = options.copy();
        if (isCsv(testSpec)) {
            testOptions.task = train.task(); // read the test target the way the training target was read
        } else {
            testOptions.target = null;
            testOptions.task = null;
        }
        Dataset test = isCsv(testSpec) ? csvTestSet(testSpec, options, train) : whole(testSpec, testOptions, false);
        if (test.featureCount() != train.featureCount()) {
            throw new IllegalArgumentException("--test-dataset " + testSpec.trim() + " has " + test.featureCount()
                    + " features but --dataset " + trainSpec.trim() + " has " + train.featureCount()
                    + "; test on data with the same columns");
        }
        if (test.task() != train.task()
                || (train.task() == Task.REGRESSION && test.targetWidth() != train.targetWidth())) {
            throw new IllegalArgumentException("--test-dataset " + testSpec.trim() + " has other targets ("
                    + targetsOf(test) + ") than --dataset " + trainSpec.trim() + " (" + targetsOf(train) + ")");
        }
        String absent = "";
        if (train.task() == Task.CLASSIFICATION) {
            test = overTrainingClasses(test, train, testSpec.trim(), trainSpec.trim());
            absent = absentClasses(test);
        }
        return new Split(train, test, "train: " + train + " (all of it); test: " + test + absent);
    }

    /**
     * The test set labelled by class name over the training classes: a test file may lack a class
     * (its own class indices then differ), but a class that training never saw cannot be scored.
     */
    private static Dataset overTrainingClasses(Dataset test, Dataset train, String testSpec, String trainSpec) {
        if (test.classNames().equals(train.classNames())) {
            return test;
        }
        try {
            return test.relabelledOver(train.classNames());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--test-dataset " + testSpec + ": " + e.getMessage() + " of --dataset "
                    + trainSpec + "; the model can only predict the classes it was trained on", e);
        }
    }

    /** ", no samples of class 2" when the test set lacks classes, else "". */
    private static String absentClasses(Dataset test) {
        boolean[] seen = new boolean[test.classCount()];
        for (int i = 0; i < test.size(); i++) {
            seen[test.label(i)] = true;
        }
        List<String> absent = new java.util.ArrayList<>();
        for (int c = 0; c < seen.length; c++) {
            if (!seen[c]) {
                absent.add(test.classNames().get(c));
            }
        }
        return absent.isEmpty() ? ""
                : ", no samples of class" + (absent.size() > 1 ? "es " : " ") + String.join(", ", absent);
    }

    private static Dataset whole(String spec, Options options, boolean trainPart) {
        String lower = spec == null ? DEFAULT : spec.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (lower.startsWith("idx:") || IdxCatalog.byId(lower) != null) {
            Split fixed = resolve(spec, options);
            return trainPart ? fixed.train() : fixed.test();
        }
        return resolveUnsplit(spec, options);
    }

    /**
     * A CSV test file read with the training target column and task, its labels over the training
     * classes by name: it may hold only some of them (even one) or a constant regression target.
     */
    private static Dataset csvTestSet(String testSpec, Options options, Dataset train) {
        Path file = pathAfterPrefix(testSpec.trim(), "csv:", "a file");
        try {
            return CsvDatasets.readTestSet(file, options.target, train).dataset();
        } catch (DataFileException e) {
            throw new IllegalArgumentException("--test-dataset " + testSpec.trim() + ": " + e.getMessage(), e);
        }
    }

    private static boolean isCsv(String spec) {
        return spec != null && spec.trim().toLowerCase(Locale.ROOT).startsWith("csv:");
    }

    private static String targetsOf(Dataset d) {
        return d.task() == Task.CLASSIFICATION ? "classes " + d.classNames() : d.targetWidth() + " regression target(s)";
    }

    /**
     * The whole dataset before any split, for k-fold cross-validation ({@link Splits#folds}).
     * IDX sets are refused: they come already split into training and test files.
     */
    public static Dataset resolveUnsplit(String spec, Options options) {
        String s = spec == null || spec.isBlank() ? DEFAULT : spec.trim();
        String lower = s.toLowerCase(Locale.ROOT).replace('_', '-');
        if (lower.startsWith("idx:") || IdxCatalog.byId(lower) != null) {
            throw new IllegalArgumentException(s + " comes with fixed training and test files; cross-validation"
                    + " (--folds) needs a dataset that is not split yet, such as a bundled set or csv:FILE");
        }
        Options whole = options.copy();
        whole.unsplit = true;
        return resolve(s, whole).train();
    }

    private static Split split(Dataset all, Options options, String origin) {
        if (options.unsplit) {
            return new Split(all, null, all + ": " + origin);
        }
        Splits.Split parts = Splits.stratified(all, options.testFraction, options.seed);
        String how = all.task() == Task.CLASSIFICATION ? "stratified, " : "";
        return new Split(parts.first(), parts.second(), all.name() + ": " + origin + "; " + all.size() + " samples × "
                + all.featureCount() + " features" + classes(all) + ", split " + parts.first().size() + " train / "
                + parts.second().size() + " test (" + how + "seed " + options.seed + ")");
    }

    private static Split idxSplit(IdxDirectory.TrainTest tt, String origin) {
        Dataset train = tt.train();
        return new Split(train, tt.test(), train.name() + ": " + origin + "; " + train.size() + " train / "
                + tt.test().size() + " test images of " + shape(train.sampleShape()) + classes(train)
                + ", pixels scaled by 1/255");
    }

    private static String classes(Dataset d) {
        return d.task() == Task.CLASSIFICATION ? ", " + d.classCount() + " classes" : "";
    }

    private static String shape(int[] dims) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : "×").append(dims[i]);
        }
        return s.toString();
    }

    private static Path pathAfterPrefix(String spec, String prefix, String what) {
        String rest = spec.substring(prefix.length()).trim();
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("--dataset " + prefix + " needs " + what + " after the colon, e.g. "
                    + prefix + (prefix.equals("idx:") ? "~/data/mnist" : "data.csv"));
        }
        if (rest.startsWith("~/")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return Path.of(rest);
    }

    static String unknownMessage(String spec) {
        StringBuilder m = new StringBuilder("unknown dataset '" + spec + "'");
        try {
            Path p = Path.of(spec);
            if (Files.isRegularFile(p)) {
                m.append(" (to read that file as CSV, write csv:").append(spec).append(')');
            } else if (Files.isDirectory(p)) {
                m.append(" (to read IDX files from that directory, write idx:").append(spec).append(')');
            }
        } catch (java.nio.file.InvalidPathException e) {
            // not a path: nothing to suggest
        }
        m.append("; choose one of:");
        CHOICES.forEach((k, v) -> m.append("\n  ").append(String.format("%-14s %s", k, v)));
        return m.toString();
    }

    private static Map<String, String> choices() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("digits", "8×8 handwritten digits, 1,797 samples, 10 classes (bundled; the default)");
        c.put("iris", "iris flowers, 150 × 4, 3 classes (bundled)");
        c.put("wine", "wine cultivars, 178 × 13, 3 classes (bundled)");
        c.put("breast-cancer", "breast cancer diagnosis, 569 × 30, 2 classes (bundled)");
        c.put("diabetes", "diabetes progression, 442 × 10, regression (bundled)");
        c.put("sine", "y = 0.5 + sin(2πx) + noise, regression (generated from the seed)");
        c.put("mnist", "handwritten digits, 28×28, 60,000 + 10,000 (downloaded once into the cache)");
        c.put("fashion-mnist", "clothing images, 28×28, 60,000 + 10,000 (system package, else downloaded)");
        c.put("idx:DIR", "the four MNIST-style IDX files in DIR (raw or .gz)");
        c.put("csv:FILE", "your own CSV of numbers; --target COLUMN picks the target (default: last column)");
        return java.util.Collections.unmodifiableMap(c);
    }

    /**
     * How to resolve: seed, test fraction, CSV target and task, sine parameters, cache and mirrors.
     * Setters return {@code this}; defaults are what the CLI uses with no flags.
     */
    public static final class Options implements Cloneable {
        long seed = 42;
        double testFraction = 0.2;
        String target;
        Task task;
        double noise = SineCurve.DEFAULT_NOISE;
        int samples = SineCurve.DEFAULT_SAMPLES;
        Path cacheDir;
        URI mirror;
        Boolean progress;
        PrintStream log = System.err;
        List<Path> systemDirs;
        Map<String, String> checksums;
        boolean unsplit;

        /** The seed of the split and of the sine samples (default 42). */
        public Options seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The share of samples held out for testing when a set has no test part (default 0.2). */
        public Options testFraction(double fraction) {
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("the test fraction must be between 0 and 1, got " + fraction);
            }
            this.testFraction = fraction;
            return this;
        }

        /** The CSV target column: a header name or a 1-based number (default: the last column). */
        public Options target(String column) {
            this.target = column;
            return this;
        }

        /** Forces the CSV task; null (the default) infers it from the target column. */
        public Options task(Task task) {
            this.task = task;
            return this;
        }

        /** The sine noise σ (default 0.1). */
        public Options noise(double sigma) {
            this.noise = sigma;
            return this;
        }

        /** The number of sine samples before the split (default 1000). */
        public Options samples(int n) {
            this.samples = n;
            return this;
        }

        /** The download cache (default: $NNJ_CACHE, else $XDG_CACHE_HOME/nnj, else ~/.cache/nnj). */
        public Options cacheDir(Path dir) {
            this.cacheDir = dir;
            return this;
        }

        /** One base URL that replaces the public mirrors of mnist or fashion-mnist. */
        public Options mirror(URI baseUrl) {
            this.mirror = baseUrl;
            return this;
        }

        /** Whether to draw download progress bars (default: only when attached to a terminal). */
        public Options progress(boolean show) {
            this.progress = show;
            return this;
        }

        /** Where notes and progress bars go (default stderr). */
        public Options log(PrintStream out) {
            this.log = out;
            return this;
        }

        /** Test hook: where to look for system-installed IDX sets instead of the catalog's places. */
        Options systemDirs(List<Path> dirs) {
            this.systemDirs = dirs;
            return this;
        }

        /** Test hook: the MD5 table to check downloads against instead of the published one. */
        Options checksums(Map<String, String> md5ByFile) {
            this.checksums = md5ByFile;
            return this;
        }

        /** A copy with the same settings (shallow: each setting is a value or an object shared read-only). */
        Options copy() {
            try {
                return (Options) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e); // Options is Cloneable
            }
        }

        Path cacheRoot() {
            if (cacheDir != null) {
                return cacheDir;
            }
            String env = System.getenv("NNJ_CACHE");
            if (env != null && !env.isBlank()) {
                return Path.of(env);
            }
            String xdg = System.getenv("XDG_CACHE_HOME");
            if (xdg != null && !xdg.isBlank()) {
                return Path.of(xdg, "nnj");
            }
            return Path.of(System.getProperty("user.home"), ".cache", "nnj");
        }

        List<URI> mirrors(IdxCatalog set) {
            if (mirror != null) {
                return List.of(asBase(mirror));
            }
            String override = System.getProperty(set.mirrorProperty());
            if (override == null || override.isBlank()) {
                override = System.getenv(set.mirrorEnv());
            }
            if (override != null && !override.isBlank()) {
                try {
                    return List.of(asBase(URI.create(override.trim())));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(set.mirrorEnv() + " / " + set.mirrorProperty() + " is not a URL: "
                            + override);
                }
            }
            return set.mirrors();
        }

        Map<String, String> checksums(IdxCatalog set) {
            return checksums != null ? checksums : set.md5();
        }

        List<Path> systemDirs(IdxCatalog set) {
            return systemDirs != null ? systemDirs : set.systemDirs();
        }

        boolean showProgress() {
            return progress != null ? progress : nnj.examples.Terminal.isInteractive();
        }

        PrintStream log() {
            return log;
        }

        /** A base URL must end in '/', or resolving a file name against it drops the last segment. */
        private static URI asBase(URI uri) {
            String s = uri.toString();
            return s.endsWith("/") ? uri : URI.create(s + "/");
        }
    }
}
