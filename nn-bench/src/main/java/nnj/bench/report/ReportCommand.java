package nnj.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code report RESULT.json [--docs DIR] [--run RUN.json]}: writes the generated section of
 * {@code DIR/BENCHMARKS.md} and the charts in {@code DIR/img} from a JMH JSON result and, when
 * present, the run record beside it (machine, date, references).
 */
public final class ReportCommand {
    private ReportCommand() {
    }

    public static int run(String[] args) throws IOException {
        Path result = null;
        Path docs = Path.of("docs");
        Path runFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--docs": docs = Path.of(need(args, ++i, "--docs")); break;
                case "--run": runFile = Path.of(need(args, ++i, "--run")); break;
                default:
                    if (args[i].startsWith("-") || result != null) {
                        throw new IllegalArgumentException("report: unexpected argument '" + args[i]
                                + "'; usage: report RESULT.json [--docs DIR] [--run RUN.json]");
                    }
                    result = Path.of(args[i]);
            }
        }
        if (result == null) {
            throw new IllegalArgumentException("report: name the JMH JSON result, e.g. report nn-bench/target/results/quick.json");
        }
        if (!Files.isRegularFile(result)) {
            throw new IllegalArgumentException("report: " + result + " does not exist; run the benchmarks first, "
                    + "e.g. with --profile quick");
        }
        List<JmhResult> rows = JmhResult.read(result);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("report: " + result + " holds no benchmark results");
        }
        RunInfo info = RunInfo.readIfPresent(runFile != null ? runFile : RunInfo.sidecarOf(result));
        if (info == null) {
            // No run record: state this machine and the result file's date rather than nothing.
            info = RunInfo.ofThisMachine();
            info.started = Report.utc(Instant.ofEpochMilli(Files.getLastModifiedTime(result).toMillis()));
            info.referenceProblems.add("no run record beside " + result.getFileName() + ", so no reference columns");
        }
        Path md = docs.resolve("BENCHMARKS.md");
        new Report(rows, info).write(md, docs.resolve("img"));
        System.err.println("nnj-bench: wrote " + md + " and charts in " + docs.resolve("img"));
        return 0;
    }

    private static String need(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException("report: " + flag + " needs a value");
        }
        return args[i];
    }
}
