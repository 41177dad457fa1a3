package nnj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import nnj.api.backend.BackendStatus;
import nnj.api.backend.Backends;
import nnj.bench.refs.References;
import nnj.bench.report.JmhResult;
import nnj.bench.report.Report;
import nnj.bench.report.ReportCommand;
import nnj.bench.report.RunInfo;
import nnj.bench.run.BenchArgs;
import nnj.bench.run.BenchOptions;
import nnj.bench.run.Profile;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

/**
 * The entry point of benchmarks.jar. It runs JMH with the backend parameter filled at run time from
 * every supported backend on the class path ({@link Backends#list()}), so a backend jar added to the
 * class path is benchmarked with no edits here. All of JMH's flags work ({@code -l}, {@code -lp},
 * {@code -p}, {@code -prof}, {@code -rf json -rff FILE}, …), plus nnj's own:
 * <pre>
 *   --profile quick|full   preset shapes, iterations and forks; writes JSON and a run record
 *   --refs / --no-refs     measure OpenBLAS and PyTorch in the same run (default: on with a profile)
 *   --report               then write docs/BENCHMARKS.md and docs/img (see --docs)
 *   report RESULT.json     only write the report from an earlier run
 * </pre>
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (IllegalArgumentException | CommandLineOptionException e) {
            System.err.println("nnj-bench: " + e.getMessage());
            System.err.println("Run with --help for the options.");
            code = 2;
        } catch (IOException e) {
            System.err.println("nnj-bench: " + e.getMessage());
            code = 1;
        } catch (RunnerException e) {
            System.err.println("nnj-bench: the benchmark run failed: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    static int run(String[] args) throws CommandLineOptionException, IOException, RunnerException {
        if (args.length > 0 && args[0].equals("report")) {
            return ReportCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        BenchArgs a = BenchArgs.parse(args);
        CommandLineOptions cmd = new CommandLineOptions(a.jmhArgs.toArray(new String[0]));
        if (a.help || cmd.shouldHelp()) {
            System.out.println(usage());
            cmd.showHelp();
            return 0;
        }
        if (cmd.shouldListProfilers()) {
            cmd.listProfilers();
            return 0;
        }
        if (cmd.shouldListResultFormats()) {
            cmd.listResultFormats();
            return 0;
        }
        List<String> backends = discoverAndReport();
        Path resultFile = a.outDir().resolve((a.profile == null ? "run" : a.profile.key()) + ".json");
        Options options = options(a, cmd, backends, resultFile);
        Runner runner = new Runner(options);
        if (cmd.shouldList()) {
            runner.list();
            return 0;
        }
        if (cmd.shouldListWithParams()) {
            listWithParams(runner, options, cmd);
            return 0;
        }
        return benchmark(a, runner, options, String.join(" ", args));
    }

    /** The merged JMH options; package-private so a test can check them without running anything. */
    static Options options(BenchArgs a, CommandLineOptions cmd, List<String> backends, Path resultFile) {
        return BenchOptions.build(cmd, a.profile, backends, Runtime.getRuntime().availableProcessors(),
                resultFile.toString());
    }

    private static List<String> discoverAndReport() {
        for (BackendStatus s : Backends.list()) {
            if (!s.support().supported()) {
                System.err.println("nnj-bench: skipping backend " + s.describe());
            }
        }
        List<String> names = BenchBackends.supportedNames();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no supported backend on the class path\n" + Backends.registry().table());
        }
        System.err.println("nnj-bench: backends " + String.join(", ", names));
        return names;
    }

    private static int benchmark(BenchArgs a, Runner runner, Options options, String argLine)
            throws IOException, RunnerException {
        RunInfo info = RunInfo.ofThisMachine();
        info.started = Report.utc(Instant.now());
        info.profile = a.profile == null ? "custom" : a.profile.key();
        // the command as this JVM was started, so the report says exactly what to type to repeat it
        info.command = ProcessHandle.current().info().arguments()
                .map(jvmArgs -> "java " + String.join(" ", jvmArgs))
                .orElse("java --add-modules jdk.incubator.vector -jar nn-bench/target/benchmarks.jar " + argLine);
        Path result = options.getResult().hasValue() ? Path.of(options.getResult().get()) : null;
        if (result != null && result.getParent() != null) {
            Files.createDirectories(result.getParent());
        }
        long start = System.nanoTime();
        runner.run();
        if (a.runReferences()) {
            measureReferences(options, info);
        }
        info.finished = Report.utc(Instant.now());
        System.err.printf("nnj-bench: finished in %.0f s%n", (System.nanoTime() - start) / 1e9);
        boolean json = options.getResultFormat().orElse(null) == org.openjdk.jmh.results.format.ResultFormatType.JSON;
        if (result == null || !json) {
            if (a.report) {
                System.err.println("nnj-bench: --report needs a JSON result: add -rf json -rff FILE or use --profile");
                return 2;
            }
            return 0;
        }
        Path sidecar = RunInfo.sidecarOf(result);
        info.write(sidecar);
        System.err.println("nnj-bench: results in " + result + " and " + sidecar);
        if (a.report) {
            new Report(JmhResult.read(result), info).write(a.docs.resolve("BENCHMARKS.md"), a.docs.resolve("img"));
            System.err.println("nnj-bench: report written to " + a.docs.resolve("BENCHMARKS.md"));
        }
        return 0;
    }

    /** OpenBLAS for the gemm cases and PyTorch for the MLP batches, at each thread count of the run. */
    private static void measureReferences(Options options, RunInfo info) {
        List<String> threads = values(options, "threads", List.of("1"));
        List<String> cases = values(options, "gemm", List.of());
        List<String> batches = values(options, "batch", List.of());
        for (String t : threads) {
            int n = Integer.parseInt(t);
            System.err.println("nnj-bench: measuring references at " + n + " thread(s) ...");
            References.Outcome blas = References.gemm(cases, n, 0.2);
            info.openblas.addAll(blas.rows());
            if (!blas.problem().isEmpty() && !cases.isEmpty()) {
                info.referenceProblems.add("OpenBLAS: " + blas.problem());
            }
            References.Outcome torch = References.mlp(batches, n, 0.3);
            info.pytorch.addAll(torch.rows());
            if (!torch.problem().isEmpty() && !batches.isEmpty()) {
                info.referenceProblems.add("PyTorch: " + torch.problem());
            }
        }
        info.referenceProblems.forEach(p -> System.err.println("nnj-bench: reference missing: " + p));
    }

    private static List<String> values(Options options, String param, List<String> fallback) {
        Collection<String> v = options.getParameter(param).orElse(null);
        return v == null ? fallback : new ArrayList<>(v);
    }

    /** JMH's -lp, but showing the values this run would use (discovered backends, profile) rather than the defaults. */
    private static void listWithParams(Runner runner, Options options, CommandLineOptions cmd)
            throws CommandLineOptionException {
        List<String> args = new ArrayList<>(options.getIncludes());
        for (String p : List.of("backend", "threads", "gemm", "size", "op", "rows", "batch", "classes")) {
            if (options.getParameter(p).hasValue()) {
                args.add("-p");
                args.add(p + "=" + String.join(",", options.getParameter(p).get()));
            }
        }
        runner.listWithParams(new CommandLineOptions(args.toArray(new String[0])));
    }

    static String usage() {
        return String.join("\n",
                "nnj benchmarks (JMH). Usage:",
                "  java --add-modules jdk.incubator.vector -jar nn-bench/target/benchmarks.jar [nnj flags] [JMH flags] [regexp...]",
                "  java -jar nn-bench/target/benchmarks.jar report RESULT.json [--docs DIR]",
                "nnj flags:",
                "  --profile quick|full  quick: < 5 min on 2 cores (few shapes, short iterations, 1 fork); full: every case",
                "                        at 1..cores threads. Writes nn-bench/target/results/PROFILE.json (+ .run.json)",
                "  --refs | --no-refs    measure OpenBLAS (numpy) and PyTorch in the same run (default: on with --profile)",
                "  --report              then write docs/BENCHMARKS.md (generated section) and docs/img/*.png",
                "  --docs DIR            where the report goes (default: docs)",
                "  --out DIR             where a profile run writes its results",
                "The backend parameter defaults to every supported backend on the class path; -p backend=a,b narrows it.",
                "Threads are the backend's own (-p threads=1,2), not JMH's -t.",
                "");
    }
}
