package nnj.bench.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * nnj's own flags, taken out of the command line before the rest goes to JMH's parser:
 * {@code --profile quick|full}, {@code --refs}/{@code --no-refs}, {@code --report}, {@code --docs DIR},
 * {@code --out DIR} and {@code --help}.
 */
public final class BenchArgs {
    public Profile profile;
    /** null: references run with a profile and not without one. */
    public Boolean references;
    public boolean report;
    public boolean help;
    public Path docs = Path.of("docs");
    public Path out;
    public final List<String> jmhArgs = new ArrayList<>();

    /**
     * @throws IllegalArgumentException naming the flag, when one lacks its value or has a bad one
     */
    public static BenchArgs parse(String[] args) {
        BenchArgs a = new BenchArgs();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--profile": a.profile = Profile.named(value(args, ++i, arg)); break;
                case "--refs": a.references = true; break;
                case "--no-refs": a.references = false; break;
                case "--report": a.report = true; break;
                case "--docs": a.docs = Path.of(value(args, ++i, arg)); break;
                case "--out": a.out = Path.of(value(args, ++i, arg)); break;
                case "--help": a.help = true; break;
                default:
                    if (arg.startsWith("--profile=")) {
                        a.profile = Profile.named(arg.substring("--profile=".length()));
                    } else {
                        a.jmhArgs.add(arg);
                    }
            }
        }
        return a;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("-")) {
            throw new IllegalArgumentException(flag + " needs a value, e.g. " + flag + " "
                    + (flag.equals("--profile") ? "quick" : "DIR"));
        }
        return args[i];
    }

    /** Whether to measure the references in this run. */
    public boolean runReferences() {
        return references != null ? references : profile != null;
    }

    /** Where a profile run keeps its results: --out, else nn-bench/target/results from the repository root. */
    public Path outDir() {
        if (out != null) {
            return out;
        }
        Path module = Path.of("nn-bench", "target");
        return module.toFile().isDirectory() ? module.resolve("results") : Path.of("nnj-bench-results");
    }
}
