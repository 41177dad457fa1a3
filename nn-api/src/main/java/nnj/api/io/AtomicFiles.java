package nnj.api.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a reader sees either the old content or the new, never half of it: the
 * content goes to a temporary file in the target's directory, is flushed to disk, and is then
 * renamed over the target. If anything fails, the target is untouched and the temporary file is
 * removed. Every file nnj writes (models, checkpoints, predictions, plots, reports) goes through
 * here.
 *
 * <p>Thread safety: stateless; concurrent writes to different targets are independent, and
 * concurrent writes to the same target leave one of the complete contents.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Writes the content into an open channel; called once, on the temporary file, from the thread
     * that called {@link AtomicFiles#write(Path, Content)}. Need not be thread-safe.
     */
    @FunctionalInterface
    public interface Content {
        /** Writes everything; the channel is flushed and closed by the caller. */
        void writeTo(FileChannel channel) throws IOException;
    }

    /** Replaces {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, ch -> writeFully(ch, ByteBuffer.wrap(bytes)));
    }

    /** Replaces {@code target} with {@code text} in UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces {@code target} with what {@code content} writes. */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                content.writeTo(ch);
                ch.force(true); // on disk before the rename makes it visible
            }
            keepUsualPermissions(tmp, target);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes all of {@code buffer}, however many calls the channel needs. */
    public static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Temp files are created private (rw-------); give the result the target's mode, or rw-r--r--. */
    private static void keepUsualPermissions(Path tmp, Path target) throws IOException {
        try {
            Files.setPosixFilePermissions(tmp, Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the default permissions are right there.
        }
    }
}
