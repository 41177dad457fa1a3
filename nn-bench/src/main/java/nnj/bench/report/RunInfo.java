package nnj.bench.report;

import nnj.api.io.AtomicFiles;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a benchmark run records beside JMH's JSON ({@code NAME.run.json} next to {@code NAME.json}):
 * the machine, when it ran, how it was started, and the reference measurements of the same run.
 */
public final class RunInfo {
    public String cpu;
    public int cores;
    public String os;
    public String started;
    public String finished;
    public String profile;
    public String command;
    /** OpenBLAS rows from nn-bench/scripts/openblas_gemm.py, as printed. */
    public List<JsonObject> openblas = new ArrayList<>();
    /** PyTorch rows from nn-bench/scripts/torch_mlp.py, as printed. */
    public List<JsonObject> pytorch = new ArrayList<>();
    /** Why a reference is missing, if one is. */
    public List<String> referenceProblems = new ArrayList<>();

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** The sidecar path for a JMH result file: {@code x.json} → {@code x.run.json}. */
    public static Path sidecarOf(Path jmhJson) {
        String name = jmhJson.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return jmhJson.resolveSibling(base + ".run.json");
    }

    /** This machine, now: CPU model from /proc/cpuinfo, core count and OS. */
    public static RunInfo ofThisMachine() {
        RunInfo info = new RunInfo();
        info.cpu = Machine.cpuModel();
        info.cores = Runtime.getRuntime().availableProcessors();
        info.os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return info;
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, GSON.toJson(this) + "\n");
    }

    /** Reads a sidecar, or returns null when there is none. */
    public static RunInfo readIfPresent(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), RunInfo.class);
        } catch (JsonParseException e) {
            throw new IOException(file + " is not a run record written by nn-bench: " + e.getMessage());
        }
    }
}
