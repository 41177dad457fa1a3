package nnj.examples.data;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Byte-count progress for downloads: a progress bar on stderr when a person is watching, and
 * nothing at all otherwise (logs and pipes should not fill with carriage returns).
 */
final class ConsoleProgress implements AutoCloseable {
    private final ProgressBar bar;

    private ConsoleProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * A progress display for {@code totalBytes} (or -1 when unknown).
     *
     * @param show false for a silent one
     */
    static ConsoleProgress bytes(String task, long totalBytes, boolean show, PrintStream out) {
        if (!show) {
            return new ConsoleProgress(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalBytes)
                .setUnit(" MiB", 1 << 20)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .setUpdateIntervalMillis(200)
                .showSpeed()
                .build();
        return new ConsoleProgress(bar);
    }

    void step(long bytes) {
        if (bar != null) {
            bar.stepBy(bytes);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
