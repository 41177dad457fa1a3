package nnj.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a file so that a reader sees the old content or the new, never half of it. */
public final class AtomicWrite {
    private AtomicWrite() {
    }

    public static void text(Path target, String text) throws IOException {
        bytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a temporary file beside {@code target}, then renames it over the target. */
    public static void bytes(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            readableByAll(tmp, target);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Temp files start as rw-------; a docs file should keep the target's mode, or rw-r--r--. */
    private static void readableByAll(Path tmp, Path target) throws IOException {
        try {
            Files.setPosixFilePermissions(tmp, Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its defaults are fine
        }
    }
}
