package nnj.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nnj bench}: quick in-process speed checks (JMH in nn-bench is the authoritative harness). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Quick in-process benchmarks: warm-up, repetitions, median; backends interleaved.",
        subcommands = {BenchGemmCommand.class, BenchTrainCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
