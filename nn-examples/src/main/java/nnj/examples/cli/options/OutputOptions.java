package nnj.examples.cli.options;

import nnj.examples.Terminal;
import picocli.CommandLine.Option;

/** {@code --json} and {@code --quiet}: what goes to the terminal. */
public final class OutputOptions {

    @Option(names = "--json", description = "Print only the final metrics, as one JSON object on stdout.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    /** Whether {@code --json} was given: stdout then carries one JSON object and nothing else. */
    public boolean json() {
        return json;
    }

    /** Progress bars only for a person watching: not with --json or --quiet, nor when stderr is redirected. */
    public boolean showProgress() {
        return !quiet && !json && Terminal.isInteractive();
    }
}
