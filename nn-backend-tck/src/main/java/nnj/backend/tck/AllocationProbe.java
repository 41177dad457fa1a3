package nnj.backend.tck;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an allocation measurement in a child JVM that compiles synchronously, so that it does not
 * race the JIT: with {@code -Xbatch -XX:-TieredCompilation -XX:CompileThreshold=500}, every method
 * called 500 times is compiled by C2 before the call returns. After a warm-up longer than that, no
 * compilation is in flight, and a window of steps that allocates is a real allocation, on a quiet
 * machine or a loaded one. Without this, an in-process count may catch a method still running in
 * the interpreter or in C1, whose objects C2's escape analysis would remove.
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
     * @param extraJvmArgs more JVM flags, e.g. {@code --add-modules jdk.incubator.vector}
     */
    public static Result run(Class<?> mainClass, List<String> extraJvmArgs, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(SYNCHRONOUS_JIT);
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-modules")) {
                cmd.add(a);
            }
        }
        cmd.addAll(extraJvmArgs);
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
