package nnj.examples.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the standard streams are an interactive terminal, on every JDK from 17. */
final class Terminal {
    private Terminal() {
    }

    /**
     * True when there is a console and it is a terminal. On JDK 22+ {@link System#console()} is
     * non-null even when the output is redirected, so {@code Console.isTerminal()} (JDK 22+) is
     * asked reflectively; on older JDKs a non-null console already means a terminal.
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
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
