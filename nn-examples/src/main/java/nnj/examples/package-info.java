/**
 * The examples module: the {@code nnj} command line ({@link nnj.examples.cli.NnjCli}, the place to
 * start) and what it is built from: datasets ({@code data}), training runs ({@code run}), their
 * reports ({@code report}) and the quick timing harness of {@code nnj bench} ({@code bench}).
 * {@link nnj.examples.Terminal} says whether a person is watching, for progress bars.
 */
package nnj.examples;
