package nnj.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Facts about the machine the report states. */
public final class Machine {
    private Machine() {
    }

    /** The CPU's "model name" from /proc/cpuinfo, or os.arch where there is no such file. */
    public static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String model = null;
            String flags = "";
            for (String line : lines) {
                if (model == null && line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                } else if (flags.isEmpty() && line.startsWith("flags")) {
                    flags = line;
                }
            }
            if (model == null) {
                return System.getProperty("os.arch");
            }
            // The model string can be as vague as "AMD EPYC"; the vector extensions tell more.
            String simd = flags.contains(" avx512f") ? "AVX-512" : flags.contains(" avx2") ? "AVX2" : "";
            if (!simd.isEmpty() && flags.contains(" fma")) {
                simd += ", FMA";
            }
            return simd.isEmpty() ? model : model + " (" + simd + ")";
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
