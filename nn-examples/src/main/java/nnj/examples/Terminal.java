package nnj.examples;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether progress bars should be drawn: stderr is an interactive terminal, on every JDK from 17.
 * Used by training and download progress alike.
 */
public final class Terminal {
    private Terminal() {
    }

    /**
     * True when there is a console and it is a terminal. On JDK 22+ {@link System#console()} is
     * non-null even when the output is redirected, so {@code Console.isTerminal()} (JDK 22+) is
     * asked reflectively; on older JDKs a non-null console already means a terminal.
     */
    public static boolean isInteractive() {
        if (!stderrIsTerminalOnLinux()) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The console reflects stdin and stdout only; the progress bar goes to stderr. Where Linux's
     * /proc tells what fd 2 is, a file or pipe there means "not a terminal". Elsewhere, assume it is.
     */
    private static boolean stderrIsTerminalOnLinux() {
        // The ./nnj launcher pipes stderr through a filter and says here what the real stderr is.
        String fromLauncher = System.getenv("NNJ_STDERR_TTY");
        if (fromLauncher != null) {
            return fromLauncher.equals("1");
        }
        java.nio.file.Path fd2 = java.nio.file.Path.of("/proc/self/fd/2");
        try {
            String target = java.nio.file.Files.readSymbolicLink(fd2).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return true;
        }
    }
}
