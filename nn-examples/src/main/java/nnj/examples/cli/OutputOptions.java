package nnj.examples.cli;

import nnj.examples.Terminal;

import picocli.CommandLine.Option;

/** {@code --json} and {@code --quiet}: what goes to the terminal. */
final class OutputOptions {

    @Option(names = "--json", description = "Print only the final metrics, as one JSON object on stdout.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    /** Progress bars only for a person watching: not with --json or --quiet, nor when stderr is redirected. */
    boolean showProgress() {
        return !quiet && !json && Terminal.isInteractive();
    }
}
