package nnj.bench.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.ProfilerConfig;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Merges three sources of JMH options, strongest first: the command line (JMH's own flags, parsed
 * by {@link CommandLineOptions}), the profile, and what is found at run time (the supported
 * backends). A value is only filled in where the stronger sources left it unset, so
 * {@code -p backend=simd} or {@code -i 10} still win.
 */
public final class BenchOptions {
    /** What every fork needs: the SIMD backend uses the incubating Vector API. */
    /** The Vector API, and 2 MiB heap pages as the ./nnj launcher asks for (fewer TLB misses in GEMM). */
    static final String[] FORK_JVM_ARGS = {"--add-modules", "jdk.incubator.vector", "-XX:+UseTransparentHugePages"};

    private BenchOptions() {
    }

    /**
     * @param cmd        the parsed JMH command line
     * @param profile    the profile, or {@code null} for plain JMH behaviour (the benchmarks' own defaults)
     * @param backends   supported backend names, set as the {@code backend} parameter unless given with -p
     * @param cores      the machine's cores, for the profile's thread counts
     * @param resultFile where a profile run writes its JSON unless -rff names a file; ignored without a profile
     */
    public static Options build(CommandLineOptions cmd, Profile profile, List<String> backends, int cores,
                                String resultFile) {
        ChainedOptionsBuilder b = new OptionsBuilder().parent(cmd);
        if (!backends.isEmpty() && !cmd.getParameter("backend").hasValue()) {
            b.param("backend", backends.toArray(new String[0]));
        }
        b.jvmArgsAppend(forkArgs(cmd.getJvmArgsAppend().orElse(List.of())));
        if (profile != null) {
            applyProfile(b, cmd, profile, cores, resultFile);
        }
        return b.build();
    }

    /** The user's -jvmArgsAppend with the Vector API module added, once. */
    static String[] forkArgs(Collection<String> userArgs) {
        List<String> args = new ArrayList<>(userArgs);
        if (!String.join(" ", args).contains("jdk.incubator.vector")) {
            args.addAll(0, List.of(FORK_JVM_ARGS));
        }
        return args.toArray(new String[0]);
    }

    private static void applyProfile(ChainedOptionsBuilder b, CommandLineOptions cmd, Profile profile, int cores,
                                     String resultFile) {
        if (cmd.getIncludes().isEmpty()) {
            profile.includes().forEach(b::include);
        }
        for (Map.Entry<String, List<String>> e : profile.params(cores).entrySet()) {
            if (!cmd.getParameter(e.getKey()).hasValue()) {
                b.param(e.getKey(), e.getValue().toArray(new String[0]));
            }
        }
        if (profile.warmupIterations > 0) {
            if (!cmd.getWarmupIterations().hasValue()) {
                b.warmupIterations(profile.warmupIterations);
            }
            if (!cmd.getWarmupTime().hasValue()) {
                b.warmupTime(millis(profile.warmupSeconds));
            }
        }
        if (!cmd.getMeasurementIterations().hasValue()) {
            b.measurementIterations(profile.measurementIterations);
        }
        if (!cmd.getMeasurementTime().hasValue()) {
            b.measurementTime(millis(profile.measurementSeconds));
        }
        if (!cmd.getForkCount().hasValue()) {
            b.forks(profile.forks);
        }
        if (!hasGcProfiler(cmd.getProfilers())) {
            b.addProfiler(GCProfiler.class); // bytes allocated per call, for the report's allocation table
        }
        if (!cmd.getResult().hasValue()) {
            b.result(resultFile);
        }
        if (!cmd.getResultFormat().hasValue()) {
            b.resultFormat(ResultFormatType.JSON);
        }
    }

    private static boolean hasGcProfiler(List<ProfilerConfig> profilers) {
        for (ProfilerConfig p : profilers) {
            if (p.getKlass().equals("gc") || p.getKlass().equals(GCProfiler.class.getName())) {
                return true;
            }
        }
        return false;
    }

    private static TimeValue millis(double seconds) {
        return TimeValue.milliseconds(Math.round(seconds * 1000));
    }
}
