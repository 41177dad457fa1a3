package nnj.bench.ejml;

import static nnj.examples.bench.QuickBench.median;
import static nnj.examples.bench.QuickBench.min;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import nnj.api.Tensor;
import nnj.backend.ejml.EjmlBackend;
import nnj.examples.bench.QuickBench.Clock;
import nnj.examples.bench.QuickBench;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * Does the EJML backend add overhead over EJML itself? An interleaved harness: in every round each
 * shape runs each contender once, in a rotating order, so that drift in the machine (other
 * processes, frequency, GC) hits all contenders alike; the reported figure is the median over
 * rounds of the per-round ratio.
 *
 * <p>Contenders, all on the same values: EJML's {@code CommonOps_FDRM} called directly (ST), EJML's
 * {@code CommonOps_MT_FDRM} called directly (MT), and {@link EjmlBackend#gemm} with 1 and with 2
 * threads. With one thread the ratio is EJML ST / nnj on the calling thread's CPU time, so a
 * busy machine (the usual case on a shared 2-core box) does not blur it; with two threads it is
 * EJML / nnj on wall time, where EJML makes the same call (ST or MT) that the backend picks for
 * that shape, and ST / MT shows whether the threaded path pays; the same ratio on the CPU time
 * of all threads shows extra work even when other processes blur wall time. 1.00 means no overhead. Each ratio is given twice: the median of the per-round
 * ratios, and the ratio of the best (fastest) rounds, which other processes disturb least.
 * "A/A control" times EJML ST against itself (a fifth contender making the very same call), so
 * its spread around 1.00 is the noise of the measurement.
 *
 * <p>Modes: {@code overhead} (default) and {@code crossover}, which times ST against MT on growing
 * sizes to place {@code EjmlGemm.THREADED_MIN_MULADDS}. Options: {@code --rounds N},
 * {@code --min-ms T} (the least time one contender runs per round).
 *
 * <p>The timing loop is the quick harness of {@code nnj bench} ({@link QuickBench}).
 *
 * <p>Run under the machine's timing lock, e.g.
 * {@code flock /tmp/nnj-timing.lock java -cp … nnj.bench.ejml.EjmlOverhead overhead}.
 */
public final class EjmlOverhead {

    /** One gemm shape: C (m×n) = op(A)·op(B) with inner size k. */
    record Case(String label, boolean tA, boolean tB, int m, int n, int k) {
        long mulAdds() {
            return (long) m * n * k;
        }
    }

    /**
     * Warm-up of each contender: at least 0.3 s and 3 calls, then until a 0.1 s window is no more
     * than 5% faster than the one before.
     */
    private static final QuickBench.Warmup WARMUP = new QuickBench.Warmup(300_000_000L, 100_000_000L,
            30_000_000_000L, 3);

    private EjmlOverhead() {
    }

    public static void main(String[] args) {
        String mode = "overhead";
        int rounds = 7;
        double minMs = 150;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--min-ms" -> minMs = Double.parseDouble(args[++i]);
                case "overhead", "crossover" -> mode = args[i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: EjmlOverhead [overhead|crossover] [--rounds N] [--min-ms T]");
            }
        }
        EjmlConcurrency.setMaxThreads(2);
        System.out.printf(Locale.ROOT, "# %s, JDK %s, %d CPUs, %d rounds, >= %.0f ms per contender per round%n",
                mode, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), rounds, minMs);
        if (mode.equals("overhead")) {
            overhead(rounds, minMs);
        } else {
            crossover(rounds, minMs);
        }
    }

    private static List<Case> overheadCases() {
        List<Case> cases = new ArrayList<>();
        for (int s : new int[] {128, 256, 512, 1024}) {
            cases.add(new Case(s + "²", false, false, s, s, s));
        }
        cases.add(new Case("128×784 · 784×256", false, false, 128, 256, 784));
        cases.add(new Case("128×256 · 256×128", false, false, 128, 128, 256));
        cases.add(new Case("(784×128)ᵀ · 128×256", true, false, 784, 256, 128));
        cases.add(new Case("128×128 · (256×128)ᵀ", false, true, 128, 256, 128));
        cases.add(new Case("128×128 · 128×10", false, false, 128, 10, 128)); // below the MT threshold
        return cases;
    }

    private static void overhead(int rounds, double minMs) {
        List<Case> cases = overheadCases();
        EjmlBackend one = new EjmlBackend();
        one.setThreads(1);
        EjmlBackend two = new EjmlBackend();
        two.setThreads(2);
        List<List<Runnable>> runners = new ArrayList<>();
        for (Case c : cases) {
            Operands o = new Operands(c);
            runners.add(List.of(() -> o.direct(false), () -> o.direct(true), () -> o.nnj(one), () -> o.nnj(two),
                    () -> o.direct(false)));
        }
        Timings t = time(runners, rounds, minMs);
        System.out.println();
        System.out.println("One thread, on the calling thread's CPU time (time the OS gives to other processes does not count):");
        System.out.println();
        System.out.println("| shape | EJML ST ms | nnj 1t ms | EJML / nnj (median / best) | A/A control (median / best) |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (int i = 0; i < cases.size(); i++) {
            double[][] c = t.cpu()[i];
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %s | %s |%n", cases.get(i).label(),
                    median(c[0]), median(c[2]), ratios(c[0], c[2]), ratios(c[0], c[4]));
        }
        System.out.println();
        System.out.println("Two threads: nnj against the EJML call it makes for that shape (path), on wall time and on "
                + "the CPU time of all threads (extra work would show there even when a busy machine blurs wall time); "
                + "ST / MT is what the threaded path gains in wall time here:");
        System.out.println();
        System.out.println("| shape | path | EJML ST ms | EJML MT ms | nnj 2t ms | EJML / nnj (median / best) "
                + "| EJML / nnj, all threads' CPU (median / best) | ST / MT speed-up (median / best) |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < cases.size(); i++) {
            Case k = cases.get(i);
            double[][] c = t.wall()[i];
            boolean mt = two.threadedGemm(k.m(), k.n(), k.k());
            double[][] all = t.allCpu()[i];
            int same = mt ? 1 : 0;
            System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f | %s | %s | %s |%n", k.label(), mt ? "MT" : "ST",
                    median(c[0]), median(c[1]), median(c[3]), ratios(c[same], c[3]), ratios(all[same], all[3]),
                    ratios(c[0], c[1]));
        }
    }

    /**
     * "median / best" of x/y: the median of the per-round ratios, and the ratio of the fastest
     * rounds (other processes only ever add time, so the minimum is the least disturbed estimate).
     */
    private static String ratios(double[] x, double[] y) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[i] / y[i];
        }
        return String.format(Locale.ROOT, "%.3f / %.3f", median(r), min(x) / min(y));
    }

    private static void crossover(int rounds, double minMs) {
        List<Case> cases = new ArrayList<>();
        for (int s : new int[] {16, 24, 32, 48, 64, 80, 96, 128, 160, 192, 256}) {
            cases.add(new Case(s + "² NN", false, false, s, s, s));
            cases.add(new Case(s + "² TN", true, false, s, s, s));
            cases.add(new Case(s + "² NT", false, true, s, s, s));
        }
        cases.add(new Case("64×784 · 784×256", false, false, 64, 256, 784));
        cases.add(new Case("64×256 · 256×128", false, false, 64, 128, 256));
        cases.add(new Case("64×128 · 128×10", false, false, 64, 10, 128));
        cases.add(new Case("(64×128)ᵀ · 64×10", true, false, 128, 10, 64));
        cases.add(new Case("64×10 · (128×10)ᵀ", false, true, 64, 128, 10));
        List<List<Runnable>> runners = new ArrayList<>();
        for (Case c : cases) {
            Operands o = new Operands(c);
            runners.add(List.of(() -> o.direct(false), () -> o.direct(true)));
        }
        double[][][] t = time(runners, rounds, minMs).wall();
        System.out.println();
        System.out.println("| shape | m·n·k | EJML ST ms | EJML MT (2 threads) ms | MT speed-up (median / best) |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (int i = 0; i < cases.size(); i++) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.4f | %.4f | %s |%n", cases.get(i).label(),
                    cases.get(i).mulAdds(), median(t[i][0]), median(t[i][1]), ratios(t[i][0], t[i][1]));
        }
    }

    /**
     * Warms every contender up, then runs {@code rounds} rounds on the quick harness; in each round
     * every case runs every contender for a batch of calls lasting about {@code minMs}, the
     * contenders' order rotating from round to round. Returns milliseconds per call on three
     * clocks, indexed [case][contender][round].
     */
    private static Timings time(List<List<Runnable>> runners, int rounds, double minMs) {
        int[][] reps = new int[runners.size()][];
        for (int i = 0; i < reps.length; i++) {
            reps[i] = QuickBench.warmUpAndSize(runners.get(i), WARMUP, (long) (minMs * 1e6));
        }
        Map<Clock, double[][][]> nanos = QuickBench.interleave(runners, reps, rounds,
                List.of(Clock.WALL, Clock.THREAD_CPU, Clock.ALL_THREADS_CPU),
                r -> System.err.printf(Locale.ROOT, "round %d/%d done%n", r + 1, rounds));
        return new Timings(millis(nanos.get(Clock.WALL)), millis(nanos.get(Clock.THREAD_CPU)),
                millis(nanos.get(Clock.ALL_THREADS_CPU)));
    }

    private static double[][][] millis(double[][][] nanos) {
        for (double[][] c : nanos) {
            for (double[] rounds : c) {
                for (int r = 0; r < rounds.length; r++) {
                    rounds[r] /= 1e6;
                }
            }
        }
        return nanos;
    }

    /**
     * Milliseconds per call, [case][contender][round]: wall-clock; the calling thread's CPU time
     * (meaningful for single-threaded contenders only; a threaded one mostly waits); and the CPU
     * time of all the JVM's threads, which counts the work of EJML's pool workers too.
     */
    record Timings(double[][][] wall, double[][][] cpu, double[][][] allCpu) {
    }

    /** The operands of one case, as EJML matrices and as tensors of each backend, with equal values. */
    private static final class Operands {
        private final Case c;
        private final FMatrixRMaj a;
        private final FMatrixRMaj b;
        private final FMatrixRMaj out;
        private Tensor ta;
        private Tensor tb;
        private Tensor tc;

        Operands(Case c) {
            this.c = c;
            Random rnd = new Random(42);
            a = c.tA() ? new FMatrixRMaj(c.k(), c.m()) : new FMatrixRMaj(c.m(), c.k());
            b = c.tB() ? new FMatrixRMaj(c.n(), c.k()) : new FMatrixRMaj(c.k(), c.n());
            out = new FMatrixRMaj(c.m(), c.n());
            fill(rnd, a.data);
            fill(rnd, b.data);
        }

        private static void fill(Random rnd, float[] x) {
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextFloat() * 2f - 1f;
            }
        }

        /** EJML called directly, as a user would: the product with α = 1 into a fresh-shaped C. */
        void direct(boolean threaded) {
            if (!c.tA() && !c.tB()) {
                if (threaded) CommonOps_MT_FDRM.mult(a, b, out); else CommonOps_FDRM.mult(a, b, out);
            } else if (c.tA() && !c.tB()) {
                if (threaded) CommonOps_MT_FDRM.multTransA(a, b, out); else CommonOps_FDRM.multTransA(a, b, out);
            } else if (!c.tA()) {
                if (threaded) CommonOps_MT_FDRM.multTransB(a, b, out); else CommonOps_FDRM.multTransB(a, b, out);
            } else {
                if (threaded) CommonOps_MT_FDRM.multTransAB(a, b, out); else CommonOps_FDRM.multTransAB(a, b, out);
            }
        }

        /** The same product through the backend: gemm(tA, tB, 1, A, B, 0, C). */
        void nnj(EjmlBackend backend) {
            if (tc == null || tc.backend() != backend) {
                ta = backend.fromArray(a.data, a.numRows, a.numCols);
                tb = backend.fromArray(b.data, b.numRows, b.numCols);
                tc = backend.tensor(c.m(), c.n());
            }
            backend.gemm(c.tA(), c.tB(), 1f, ta, tb, 0f, tc);
        }
    }
}
