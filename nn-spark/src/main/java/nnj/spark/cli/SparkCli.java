package nnj.spark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nnj spark}: nnj on Apache Spark. Each subcommand is its own class. */
@Command(name = "nnj spark", mixinStandardHelpOptions = true,
        description = "Train nnj networks on Apache Spark: an embedded local Spark by default, or a cluster with --master.",
        subcommands = {SparkTrainCommand.class, CommandLine.HelpCommand.class})
public final class SparkCli implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return execute(new CommandLine(new SparkCli()), args);
    }

    /** Runs {@code args} on {@code cl}: a user error is one line on stderr and exit code 2. */
    static int execute(CommandLine cl, String... args) {
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                    || ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
                line.getErr().println("nnj spark: " + ex.getMessage());
                line.getErr().flush();
                return 2;
            }
            throw ex; // a bug, not a user error: show the whole trace
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
