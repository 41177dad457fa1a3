package nnj.bench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nnj.bench.kernels.GemmShapes;

/**
 * A named set of benchmark settings. {@code quick} checks a change in under five minutes on a
 * 2-core machine: few shapes, short iterations, one fork, one backend thread. {@code full} runs
 * every case at 1, 2, 4 … and all cores' backend threads. Command-line flags override anything a profile sets.
 */
public enum Profile {
    // Warm-up is left to each benchmark's @Warmup: a cold SIMD training step can take seconds
    // (the Vector API is slow until C2 compiles it), while a kernel warms up in a second.
    QUICK(0, 0, 3, 0.4, 1) {
        @Override
        Map<String, List<String>> params(int cores) {
            Map<String, List<String>> p = new LinkedHashMap<>();
            // One backend thread: on a small shared machine the figures of a check must be stable;
            // the full profile measures the scaling.
            p.put("threads", List.of("1"));
            p.put("gemm", List.of("256x256x256:NN", "128x784x256:NN", "784x128x256:TN", "128x128x256:NT"));
            p.put("size", List.of("128x256"));
            p.put("op", List.of("reluBackward", "sumColumns"));
            p.put("rows", List.of("128"));
            p.put("batch", List.of("32", "512"));
            return p;
        }

        @Override
        List<String> includes() {
            return List.of("\\.GemmBench\\.", "\\.ElementwiseBench\\.", "\\.LossBench\\.", "\\.AdamBench\\.",
                    "\\.MlpBench\\.");
        }
    },
    FULL(0, 0, 4, 1.0, 1) {
        @Override
        Map<String, List<String>> params(int cores) {
            Map<String, List<String>> p = new LinkedHashMap<>();
            List<String> threads = new ArrayList<>();
            for (int t = 1; t <= cores; t *= 2) {
                threads.add(String.valueOf(t));
            }
            if (!threads.contains(String.valueOf(cores))) {
                threads.add(String.valueOf(cores));
            }
            p.put("threads", threads);
            List<String> gemm = new ArrayList<>(GemmShapes.allVariants(GemmShapes.SQUARES));
            gemm.addAll(GemmShapes.allVariants(GemmShapes.MLP));
            p.put("gemm", gemm);
            p.put("size", List.of("128x256", "512x784"));
            p.put("op", List.of("relu", "reluBackward", "sigmoid", "tanh", "exp", "add", "mul", "axpby",
                    "addRowVector", "sumColumns", "softmaxRows"));
            p.put("batch", List.of("32", "128", "512"));
            return p;
        }

        @Override
        List<String> includes() {
            return List.of("nnj\\.bench\\.");
        }
    };

    /** 0: keep the benchmarks' own @Warmup. */
    final int warmupIterations;
    final double warmupSeconds;
    final int measurementIterations;
    final double measurementSeconds;
    final int forks;

    Profile(int warmupIterations, double warmupSeconds, int measurementIterations, double measurementSeconds,
            int forks) {
        this.warmupIterations = warmupIterations;
        this.warmupSeconds = warmupSeconds;
        this.measurementIterations = measurementIterations;
        this.measurementSeconds = measurementSeconds;
        this.forks = forks;
    }

    /** The @Param values this profile sets, for a machine with {@code cores} cores. */
    abstract Map<String, List<String>> params(int cores);

    /** Benchmark regexps run when the command line names none. */
    abstract List<String> includes();

    /** The profile's name as typed on the command line. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The profile named {@code name}.
     *
     * @throws IllegalArgumentException listing the profiles, if there is none of that name
     */
    public static Profile named(String name) {
        for (Profile p : values()) {
            if (p.key().equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "'; use one of: quick, full");
    }
}
