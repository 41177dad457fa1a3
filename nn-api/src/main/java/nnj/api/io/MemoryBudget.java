package nnj.api.io;

import java.util.Locale;
import java.util.Optional;

/**
 * Says, before a reader allocates, whether what a file declares fits in the Java heap. Readers
 * compute the bytes they will need from the sizes a file declares and refuse with the numbers
 * and the fix, instead of letting the allocation fail.
 *
 * <p>The estimate is the heap's maximum minus what is in use now; when that looks too small a
 * single garbage collection is asked for and the figure taken again, so that garbage does not
 * cause a refusal.
 *
 * <p>Thread safety: stateless; concurrent callers may both be told there is room for what only
 * one of them can get.
 */
public final class MemoryBudget {
    private MemoryBudget() {
    }

    /** The bytes the heap can still give, by the estimate above. */
    public static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Empty when {@code bytes} fit in the heap, else a message: "{@code what} needs N MB, but the
     * Java heap has M MB free (of X MB); …" with the fix.
     */
    public static Optional<String> shortfall(String what, long bytes) {
        return shortfall(what, bytes, "use a smaller file");
    }

    /**
     * As {@link #shortfall(String, long)}, with {@code otherFix} (e.g. "use smaller layers") in
     * place of "use a smaller file" as the alternative to a larger heap.
     */
    public static Optional<String> shortfall(String what, long bytes, String otherFix) {
        if (bytes <= available()) {
            return Optional.empty();
        }
        System.gc(); // only on the refusal path: garbage must not be counted as used
        long free = available();
        if (bytes <= free) {
            return Optional.empty();
        }
        long max = Runtime.getRuntime().maxMemory();
        return Optional.of(what + " needs " + size(bytes) + ", but the Java heap has " + size(free)
                + " free (of " + size(max) + "); give Java more memory (e.g. NNJ_JAVA_OPTS=-Xmx"
                + suggestedHeap(bytes + max - free) + ") or " + otherFix);
    }

    /** Throws a {@link MalformedModelFileException} when {@code bytes} do not fit. */
    static void require(String what, long bytes) throws MalformedModelFileException {
        Optional<String> problem = shortfall(what, bytes);
        if (problem.isPresent()) {
            throw new MalformedModelFileException(problem.get());
        }
    }

    /** A byte count for people: "812 bytes", "3.4 MB", "8.6 GB" (powers of 1000). */
    public static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    private static String suggestedHeap(long bytes) {
        long mb = (long) Math.ceil(bytes * 1.5 / (1 << 20));
        return mb >= 1024 ? (mb + 1023) / 1024 + "g" : mb + "m";
    }
}
