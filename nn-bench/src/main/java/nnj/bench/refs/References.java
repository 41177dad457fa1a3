package nnj.bench.refs;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reference measurements (OpenBLAS SGEMM through numpy, a PyTorch training step) with the
 * scripts under {@code nn-bench/scripts}, which travel inside benchmarks.jar. A missing Python
 * package is not an error: the result says what to install, and the report leaves the column out.
 */
public final class References {
    private static final String[] SCRIPTS = {"reference.sh", "quick_timing.py", "openblas_gemm.py", "torch_mlp.py"};
    private static final long TIMEOUT_MINUTES = 20;

    private References() {
    }

    /**
     * One script run: the JSON lines it printed, or why there are none.
     *
     * @param kind    "gemm" or "mlp"
     * @param rows    the measurements
     * @param problem empty when it ran; otherwise what went wrong and what to do
     */
    public record Outcome(String kind, List<JsonObject> rows, String problem) {
    }

    /** OpenBLAS SGEMM for these GemmBench cases at this thread count. */
    public static Outcome gemm(List<String> cases, int threads, double seconds) {
        return run("gemm", threads, seconds, cases);
    }

    /** PyTorch training step and inference for these batch sizes at this thread count. */
    public static Outcome mlp(List<String> batches, int threads, double seconds) {
        return run("mlp", threads, seconds, batches);
    }

    private static Outcome run(String kind, int threads, double seconds, List<String> cases) {
        if (cases.isEmpty()) {
            return new Outcome(kind, List.of(), "nothing to measure");
        }
        Path dir = null;
        try {
            dir = unpackScripts();
            List<String> command = new ArrayList<>(List.of("bash", dir.resolve("reference.sh").toString(), kind,
                    "--threads", String.valueOf(threads), "--seconds", String.valueOf(seconds)));
            command.addAll(cases);
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
            List<JsonObject> rows = new ArrayList<>();
            StringBuilder err = new StringBuilder();
            Thread errReader = new Thread(() -> drain(p.getErrorStream(), err));
            errReader.start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("{")) {
                        rows.add(JsonParser.parseString(line).getAsJsonObject());
                    }
                }
            }
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Outcome(kind, rows, "timed out after " + TIMEOUT_MINUTES + " minutes");
            }
            errReader.join();
            int code = p.exitValue();
            String problem = code == 0 ? "" : "reference.sh " + kind + " exited with " + code + ": " + err.toString().trim();
            return new Outcome(kind, rows, problem);
        } catch (IOException e) {
            return new Outcome(kind, List.of(), "could not run bash: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(kind, List.of(), "interrupted");
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Copies the scripts out of the jar (or target/classes) into a fresh temporary directory. */
    private static Path unpackScripts() throws IOException {
        Path dir = Files.createTempDirectory("nnj-bench-refs");
        for (String name : SCRIPTS) {
            try (InputStream in = References.class.getResourceAsStream("/nnj/bench/scripts/" + name)) {
                if (in == null) {
                    throw new IOException("script " + name + " is missing from the class path; rebuild nn-bench");
                }
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    private static void drain(InputStream in, StringBuilder sink) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (sink) {
                    sink.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        for (String name : SCRIPTS) {
            try {
                Files.deleteIfExists(dir.resolve(name));
            } catch (IOException ignored) {
                // a leftover file in /tmp is harmless
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // as above
        }
    }
}
