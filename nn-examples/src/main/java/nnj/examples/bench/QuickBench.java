package nnj.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The quick timing harness of {@code ./nnj bench} and of nn-bench's hand-run tools (JMH in nn-bench
 * stays the authoritative one): warm each contender up until its speed stops improving, size a
 * batch of calls to a target time, then time rounds in which every contender of a group runs once,
 * in an order that rotates from round to round so that drift in the machine (other processes,
 * clock frequency, GC) hits all alike. Callers report the median over rounds.
 */
public final class QuickBench {
    private QuickBench() {
    }

    /** The clocks a round can be read on. */
    public enum Clock {
        /** Elapsed time. */
        WALL,
        /** CPU time of the calling thread: time the OS gives to other processes does not count. */
        THREAD_CPU,
        /** CPU time of every thread of this JVM (a backend's pool workers too). */
        ALL_THREADS_CPU
    }

    /**
     * When warm-up ends: calls are made in windows of {@code windowNanos}; after at least
     * {@code minNanos} and {@code minCalls} calls it ends as soon as a window is no more than 5%
     * faster than the one before, and after {@code maxNanos} in any case.
     */
    public record Warmup(long minNanos, long windowNanos, long maxNanos, int minCalls) {
        /**
         * Windows of 0.25 s, at least 1 s, at most 30 s. Why adaptive: the JIT runs Vector API code
         * through C1 first, where every vector operation allocates and is hundreds of times slower,
         * and on a busy machine C2 may take many seconds to take over.
         */
        public static final Warmup UNTIL_STABLE = new Warmup(1_000_000_000L, 250_000_000L, 30_000_000_000L, 1);

        /** The same with at least {@code calls} calls. */
        public Warmup atLeast(int calls) {
            return new Warmup(minNanos, windowNanos, maxNanos, calls);
        }
    }

    /**
     * Calls {@code task} until its speed stops improving ({@code warmup}) and returns the best time
     * of one call, in nanoseconds.
     */
    public static long warmUp(Runnable task, Warmup warmup) {
        long start = System.nanoTime();
        long best = Long.MAX_VALUE;
        double previousRate = 0;
        int total = 0;
        while (true) {
            long windowStart = System.nanoTime();
            int calls = 0;
            do {
                long t0 = System.nanoTime();
                task.run();
                best = Math.min(best, System.nanoTime() - t0);
                calls++;
            } while (System.nanoTime() - windowStart < warmup.windowNanos());
            total += calls;
            double rate = calls / ((System.nanoTime() - windowStart) / 1e9);
            long elapsed = System.nanoTime() - start;
            if (elapsed > warmup.maxNanos()
                    || (elapsed > warmup.minNanos() && total >= warmup.minCalls() && rate <= previousRate * 1.05)) {
                return best;
            }
            previousRate = rate;
        }
    }

    /**
     * How many calls make one timed sample last at least {@code targetNanos}, judged from one warm
     * call that took {@code oneCallNanos}; at least 1.
     */
    public static int repetitions(long oneCallNanos, long targetNanos) {
        return (int) Math.max(1, Math.min(1_000_000, targetNanos / Math.max(1, oneCallNanos)));
    }

    /** Warms up each task with {@code warmup} and returns the calls that make a sample last {@code targetNanos}. */
    public static int[] warmUpAndSize(List<Runnable> tasks, Warmup warmup, long targetNanos) {
        int[] reps = new int[tasks.size()];
        for (int i = 0; i < reps.length; i++) {
            reps[i] = repetitions(warmUp(tasks.get(i), warmup), targetNanos);
        }
        return reps;
    }

    /** Which contender runs at {@code position} of round {@code round}: the order rotates, so none always goes first. */
    public static int rotated(int position, int round, int count) {
        return (position + round) % count;
    }

    /**
     * Times {@code rounds} rounds. In each round, group after group, every contender of the group
     * runs {@code reps[g][c]} calls, the contenders in rotated order. Returns nanoseconds per call,
     * [group][contender][round], on each clock asked for. {@code afterRound} hears each finished
     * round's number (for progress lines), or is null.
     */
    public static Map<Clock, double[][][]> interleave(List<List<Runnable>> groups, int[][] reps, int rounds,
                                                      List<Clock> clocks, IntConsumer afterRound) {
        Map<Clock, double[][][]> out = new EnumMap<>(Clock.class);
        for (Clock c : clocks) {
            double[][][] a = new double[groups.size()][][];
            for (int g = 0; g < a.length; g++) {
                a[g] = new double[groups.get(g).size()][rounds];
            }
            out.put(c, a);
        }
        boolean threadCpu = clocks.contains(Clock.THREAD_CPU);
        boolean allCpu = clocks.contains(Clock.ALL_THREADS_CPU);
        ThreadMXBean threads = threadCpu || allCpu ? ManagementFactory.getThreadMXBean() : null;
        for (int r = 0; r < rounds; r++) {
            for (int g = 0; g < groups.size(); g++) {
                List<Runnable> group = groups.get(g);
                for (int s = 0; s < group.size(); s++) {
                    int c = rotated(s, r, group.size());
                    Runnable task = group.get(c);
                    int n = reps[g][c];
                    Map<Long, Long> startAll = allCpu ? cpuByThread(threads) : null;
                    long startCpu = threadCpu ? threads.getCurrentThreadCpuTime() : 0;
                    long start = System.nanoTime();
                    for (int q = 0; q < n; q++) {
                        task.run();
                    }
                    put(out, Clock.WALL, g, c, r, (double) (System.nanoTime() - start) / n);
                    if (threadCpu) {
                        put(out, Clock.THREAD_CPU, g, c, r, (double) (threads.getCurrentThreadCpuTime() - startCpu) / n);
                    }
                    if (allCpu) {
                        put(out, Clock.ALL_THREADS_CPU, g, c, r, (double) cpuSince(threads, startAll) / n);
                    }
                }
            }
            if (afterRound != null) {
                afterRound.accept(r);
            }
        }
        return out;
    }

    /** One group on the wall clock: nanoseconds per call, [contender][round]. */
    public static double[][] interleave(List<Runnable> contenders, int[] reps, int rounds) {
        return interleave(List.of(contenders), new int[][] {reps}, rounds, List.of(Clock.WALL), null)
                .get(Clock.WALL)[0];
    }

    private static void put(Map<Clock, double[][][]> out, Clock clock, int g, int c, int r, double value) {
        double[][][] a = out.get(clock);
        if (a != null) {
            a[g][c][r] = value;
        }
    }

    /** CPU time so far of every live thread of this JVM (the caller and any pool workers among them). */
    private static Map<Long, Long> cpuByThread(ThreadMXBean threads) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) {
                cpu.put(id, t);
            }
        }
        return cpu;
    }

    /** CPU time all threads used since {@code start}; a thread born since then counts from zero. */
    private static long cpuSince(ThreadMXBean threads, Map<Long, Long> start) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : cpuByThread(threads).entrySet()) {
            sum += e.getValue() - start.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    public static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The smallest of {@code values}: other processes only ever add time, so the least disturbed sample. */
    public static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }
}
