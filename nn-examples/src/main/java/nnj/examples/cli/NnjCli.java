package nnj.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nnj} command line. Each subcommand is its own class.
 */
@Command(name = "nnj",
        mixinStandardHelpOptions = true,
        versionProvider = NnjCli.Version.class,
        description = "Train and compare neural networks on pluggable compute backends.",
        subcommands = {
            BackendsCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            CompareCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class NnjCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (for tests). */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /** The configured picocli command line: user errors print one message, not a stack trace. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new NnjCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true); // --task regression or REGRESSION
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(NnjCli::parseError);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * A bad option or value: one line naming it and where help is, not the whole usage (exit code 2,
     * picocli's code for usage errors).
     */
    static int parseError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String name = cl.getCommandSpec().qualifiedName(" ");
        String message = ex.getMessage().replace(System.lineSeparator(), " ").replace('\n', ' ').trim();
        cl.getErr().println("nnj: " + message + " (see " + name + " --help)");
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, cl.getErr());
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Turns an exception from a command into one clear line on stderr and exit code 1. */
    static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
            if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                    || ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
                String hint = ex instanceof nnj.api.train.TrainingDivergedException
                        && !cl.getParseResult().matchedOptionValue("--diagnose", false)
                        ? " (rerun with --diagnose to see it layer by layer)" : "";
                String message = ex.getMessage() + hint;
                // a message that lists the choices itself needs no pointer to the help
                cl.getErr().println("nnj: " + message + (message.contains("\n") ? ""
                        : " (see " + cl.getCommandSpec().qualifiedName(" ") + " --help)"));
                if (System.getenv("NNJ_DEBUG") != null) {
                    ex.printStackTrace(cl.getErr());
                }
                return 1;
            }
            throw new RuntimeException(ex); // a bug, not a user error: show the whole trace
        }
    }

    /** The project version Maven wrote into version.properties at build time. */
    static String version() {
        try (java.io.InputStream in = NnjCli.class.getResourceAsStream("/nnj/examples/version.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (java.io.IOException e) {
            // fall through: a build without the resource still runs
        }
        return "(unknown version: built without Maven's resource filtering)";
    }

    /** Reports the project version and the Java runtime. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"nnj " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
