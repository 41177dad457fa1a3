package nnj.api.data;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded random splits of a dataset. Never "the last 10%": data files are often sorted by class.
 *
 * <p>Thread safety: stateless; safe to call from several threads.
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
}
