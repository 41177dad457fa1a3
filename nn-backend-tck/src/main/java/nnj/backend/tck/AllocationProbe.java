package nnj.backend.tck;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an allocation measurement in a fresh child JVM, so that it does not race the JIT. An
 * in-process count may catch a method still running in the interpreter or in C1, whose objects
 * C2's escape analysis would remove. Two ways to keep the JIT out of the child's measurement:
 * <ul>
 *   <li>{@link #SYNCHRONOUS_JIT}: {@code -Xbatch -XX:-TieredCompilation -XX:CompileThreshold=500}
 *       compiles every method called 500 times with C2 before the call returns. Right for plain
 *       Java kernels. Not for Vector API code: compiled that early, before the vector classes'
 *       profiles exist, its intrinsics can fail and the compiled code boxes every vector (measured:
 *       megabytes per step) and is never recompiled.</li>
 *   <li>The JVM's default background compilation, a warm-up in the child, and a verdict over
 *       several measured windows: the JIT itself allocates on the requesting thread now and then
 *       (a C2 request resolves its class's string constants there), so one window in many may
 *       show a few hundred bytes that are not the workload's. nn-backend-simd's
 *       ZeroAllocationTest does this.</li>
 * </ul>
 *
 * <p>The child runs {@code mainClass} with this JVM's class path (and its
 * {@code --add-modules}, for Vector API backends) and must print its verdict; the caller asserts on
 * the returned output. Stateless; safe from any thread.
 */
public final class AllocationProbe {
    private AllocationProbe() {
    }

    /** The JVM flags that make compilation synchronous and C2-only. */
    public static final List<String> SYNCHRONOUS_JIT = List.of("-Xbatch", "-XX:-TieredCompilation",
            "-XX:CompileThreshold=500");

    /**
     * Runs {@code mainClass} in a child JVM and returns its exit code and output.
     *
     * @param jvmArgs JVM flags, e.g. {@link #SYNCHRONOUS_JIT}
     */
    public static Result run(Class<?> mainClass, List<String> jvmArgs, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-modules")) {
                cmd.add(a);
            }
        }
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out + "\n(the probe JVM did not finish in 180 s)");
        }
        return new Result(p.exitValue(), out);
    }

    /** What the child printed, and how it exited. */
    public record Result(int exit, String output) {
    }
}
