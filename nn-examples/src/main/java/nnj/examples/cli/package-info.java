/**
 * The {@code nnj} command line, one class per command. Start at {@link nnj.examples.cli.NnjCli},
 * the main class, which lists the commands; the option blocks that several commands share are
 * picocli mixins in {@link nnj.examples.cli.options}. Commands parse and print; the work is done in
 * {@link nnj.examples.run} (training), {@link nnj.examples.report} (scores, JSON, plots) and
 * {@link nnj.examples.bench} (timing).
 */
package nnj.examples.cli;
