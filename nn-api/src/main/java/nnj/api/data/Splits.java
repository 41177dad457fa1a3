package nnj.api.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Seeded random splits of a dataset. Never "the last 10%": data files are often sorted by class
 * (iris, wine and breast cancer are).
 *
 * <ul>
 *   <li>{@link #random}: a plain random split (the {@code Trainer}'s validation split);</li>
 *   <li>{@link #stratified}: split per class, so a small set keeps its class balance in both parts
 *       (regression sets are one group); the CLI's train/test split;</li>
 *   <li>{@link #folds}: k stratified folds for cross-validation.</li>
 * </ul>
 */
public final class Splits {
    private Splits() {
    }

    /** Two disjoint parts: the first holds {@code 1 − fraction} of the samples, the second {@code fraction}. */
    public record Split(Dataset first, Dataset second) {
    }

    /**
     * Splits {@code data} at random: a fraction goes to the second part (e.g. validation or test),
     * the rest to the first, both in the shuffled order. The same seed gives the same split.
     */
    public static Split random(Dataset data, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("split fraction must be strictly between 0 and 1, got " + fraction);
        }
        int n = data.size();
        int second = (int) Math.round(n * fraction);
        if (second < 1 || second >= n) {
            throw new IllegalArgumentException("a " + fraction + " split of " + n + " samples of " + data.name()
                    + " would leave one part empty");
        }
        int[] order = permutation(n, new Random(seed));
        int[] a = Arrays.copyOfRange(order, 0, n - second);
        int[] b = Arrays.copyOfRange(order, n - second, n);
        return new Split(data.subset(a), data.subset(b));
    }

    /** 0..n−1 shuffled with Fisher–Yates from {@code random}. */
    public static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, random);
        return order;
    }

    /** Shuffles {@code a} in place (Fisher–Yates); allocates nothing. */
    public static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * Puts about {@code fraction} of the samples (at least one, and at least one left in the first
     * part) into the second part, class by class for classification data. The same data, fraction
     * and seed always give the same split.
     */
    public static Split stratified(Dataset data, double fraction, long seed) {
        int[][] idx = stratifiedIndices(data, fraction, seed);
        return new Split(data.subset(idx[0]), data.subset(idx[1]));
    }

    /** The sample indices of {@link #stratified}: {@code {first, second}}, each shuffled. */
    public static int[][] stratifiedIndices(Dataset data, double testFraction, long seed) {
        int n = data.size();
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must be between 0 and 1 (exclusive), got "
                    + testFraction);
        }
        if (n < 2) {
            throw new IllegalArgumentException(data.name() + ": " + n + " samples cannot be split into train and test");
        }
        Random random = new Random(seed);
        List<int[]> groups = groups(data);
        int[] testCounts = apportion(groups, n, testFraction);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            int[] group = groups.get(g);
            shuffle(group, random);
            for (int i = 0; i < group.length; i++) {
                (i < testCounts[g] ? test : train).add(group[i]);
            }
        }
        int[] tr = train.stream().mapToInt(Integer::intValue).toArray();
        int[] te = test.stream().mapToInt(Integer::intValue).toArray();
        shuffle(tr, random); // mix the classes again
        shuffle(te, random);
        return new int[][] {tr, te};
    }

    /**
     * {@code k} folds for cross-validation: fold f tests on its own samples and trains on the rest.
     * Every sample is tested exactly once; classes are spread evenly over the folds.
     */
    public static List<Split> folds(Dataset data, int k, long seed) {
        int n = data.size();
        if (k < 2 || k > n) {
            throw new IllegalArgumentException(data.name() + ": the fold count must be in 2.." + n + ", got " + k);
        }
        Random random = new Random(seed);
        int[] foldOf = new int[n];
        int next = 0;
        for (int[] group : groups(data)) {
            shuffle(group, random);
            for (int i : group) {
                foldOf[i] = next++ % k; // deal the samples round-robin, continuing across classes
            }
        }
        List<Split> parts = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            final int fold = f;
            int[] te = IntStream.range(0, n).filter(i -> foldOf[i] == fold).toArray();
            int[] tr = IntStream.range(0, n).filter(i -> foldOf[i] != fold).toArray();
            shuffle(tr, random);
            shuffle(te, random);
            parts.add(new Split(data.subset(tr), data.subset(te)));
        }
        return parts;
    }

    /**
     * How many test samples each group gives: round(n × fraction) in total (kept within
     * 1..n−1), shared in proportion to the group sizes by largest remainder, so the test size does
     * not depend on how the rounding falls per class.
     */
    private static int[] apportion(List<int[]> groups, int n, double fraction) {
        int total = (int) Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
        int[] counts = new int[groups.size()];
        double[] remainder = new double[groups.size()];
        int given = 0;
        for (int g = 0; g < counts.length; g++) {
            double exact = groups.get(g).length * (double) total / n;
            counts[g] = (int) Math.floor(exact);
            remainder[g] = exact - counts[g];
            given += counts[g];
        }
        while (given < total) {
            int best = -1;
            for (int g = 0; g < counts.length; g++) {
                if (counts[g] < groups.get(g).length && (best < 0 || remainder[g] > remainder[best])) {
                    best = g;
                }
            }
            counts[best]++;
            remainder[best] = -1; // at most one extra per group
            given++;
        }
        return counts;
    }

    /** The sample indices per class for classification, or one group of all samples. */
    private static List<int[]> groups(Dataset data) {
        int n = data.size();
        if (data.task() != Task.CLASSIFICATION) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return List.of(all);
        }
        int[] counts = new int[data.classCount()];
        for (int i = 0; i < n; i++) {
            counts[data.label(i)]++;
        }
        int[][] byClass = new int[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] fill = new int[counts.length];
        for (int i = 0; i < n; i++) {
            int c = data.label(i);
            byClass[c][fill[c]++] = i;
        }
        return Arrays.asList(byClass);
    }

}
