package nnj.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Shared pieces of the fuzz tests: a scratch file for each input (in /dev/shm when there is one,
 * so that a million executions do not touch the disk) and the check that a refusal is one clear
 * line that names no Java internals.
 */
final class FuzzFiles {
    private static final Path DIR = scratch();

    private FuzzFiles() {
    }

    private static Path scratch() {
        try {
            Path shm = Path.of("/dev/shm");
            Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
            Path d = Files.createTempDirectory(base, "nnj-fuzz-");
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code bytes} to a scratch file named {@code name} (the name matters: ".gz" decompresses). */
    static Path write(String name, byte[] bytes) {
        try {
            Path f = DIR.resolve(name);
            Files.write(f, bytes);
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A refusal must be one line, in words: no line break, no exception class or parser internals.
     * A word the input itself contains may be quoted back from it, so it is not held against the
     * message (the fuzzer learns these words from this very check and puts them in inputs).
     */
    static void assertCleanMessage(Throwable e, byte[] input) {
        String m = e.getMessage();
        assertNotNull(m, "a refusal without a message");
        assertFalse(m.contains("\n") || m.contains("\r"), "a refusal of more than one line: " + m);
        String text = new String(input, java.nio.charset.StandardCharsets.ISO_8859_1)
                + new String(input, java.nio.charset.StandardCharsets.UTF_8);
        for (String internal : new String[] {"Exception", "com.google", "java.", "gson", "Gson", "$"}) {
            if (!text.contains(internal)) {
                assertFalse(m.contains(internal), "a refusal that names Java internals (" + internal + "): " + m);
            }
        }
    }
}
