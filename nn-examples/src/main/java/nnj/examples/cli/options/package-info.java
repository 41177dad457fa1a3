/**
 * The option groups of the {@code nnj} commands, each a picocli {@code @Mixin} used by every
 * command that takes those options, so an option is declared, described and checked in one place:
 * {@link nnj.examples.cli.options.DatasetOptions} (which data and how it is split),
 * {@link nnj.examples.cli.options.ModelOptions}, {@link nnj.examples.cli.options.TrainingOptions},
 * {@link nnj.examples.cli.options.BackendOptions}, {@link nnj.examples.cli.options.OutputOptions},
 * {@link nnj.examples.cli.options.RunStateOptions} (checkpoints) and
 * {@link nnj.examples.cli.options.QuickBenchOptions} (the {@code bench} commands).
 */
package nnj.examples.cli.options;
