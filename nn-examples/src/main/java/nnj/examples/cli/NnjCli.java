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

    /** Reports the version recorded in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = NnjCli.class.getPackage().getImplementationVersion();
            return new String[] {"nnj " + (v == null ? "(development build)" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
