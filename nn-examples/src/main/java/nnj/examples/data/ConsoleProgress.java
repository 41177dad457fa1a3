package nnj.examples.data;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
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

    /**
     * Whether the JVM talks to a terminal. Before JDK 22 {@link System#console()} is null when
     * redirected; from JDK 22 it is not, and {@code Console.isTerminal()} (called reflectively,
     * as nnj compiles for 17) gives the answer.
     */
    static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK < 22: a non-null console is a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
