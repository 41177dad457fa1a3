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

/**
 * Writes files so that a reader sees either the old content or the new, never half of it: the
 * content goes to a temporary file in the target's directory, is flushed to disk, and is then
 * renamed over the target, and the directory is synced so that the rename is on disk too. If
 * anything fails, the target is untouched and the temporary file is removed; a temporary file left
 * by a killed process is removed by the next write to that directory. New files get the user's
 * umask; a replaced file keeps its mode. Every file nnj writes (models, checkpoints, predictions, plots, reports) goes through
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
        removeAbandonedTempFiles(dir);
        Path tmp = newTempFile(dir, target.getFileName().toString());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                content.writeTo(ch);
                ch.force(true); // on disk before the rename makes it visible
            }
            keepTargetPermissions(tmp, target);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir); // the rename itself must survive a power cut
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Temp files are named {@code .TARGET.PID.RANDOM.nnj-tmp}, so that a later write knows whose they are. */
    private static final String TEMP_SUFFIX = ".nnj-tmp";
    private static final java.util.regex.Pattern TEMP_NAME =
            java.util.regex.Pattern.compile("^\\..*\\.(\\d+)\\.[0-9a-f]+" + java.util.regex.Pattern.quote(TEMP_SUFFIX) + "$");

    /**
     * Creates the temporary file without explicit permissions, so the operating system applies the
     * user's umask (as it does to any new file) instead of a mode chosen here.
     */
    private static Path newTempFile(Path dir, String targetName) throws IOException {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        String base = targetName.length() > 100 ? targetName.substring(0, 100) : targetName;
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + base + "." + ProcessHandle.current().pid() + "."
                    + Long.toHexString(r.nextLong() & Long.MAX_VALUE) + TEMP_SUFFIX);
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /**
     * Deletes temp files that a killed process left in {@code dir}: those whose writer (the PID in
     * the name) is no longer running. A live writer's file is never touched.
     */
    static void removeAbandonedTempFiles(Path dir) {
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + TEMP_SUFFIX)) {
            for (Path f : files) {
                java.util.regex.Matcher m = TEMP_NAME.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).isEmpty()) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            // Best effort: a leftover we cannot list or delete must not stop the write.
        }
    }

    /** Flushes the directory entry (the rename) to disk; a no-op where directories cannot be opened. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; its file system orders the rename itself.
        }
    }

    /** Writes all of {@code buffer}, however many calls the channel needs. */
    public static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** When replacing a file, the new content keeps the old file's mode (a new file gets the umask's). */
    private static void keepTargetPermissions(Path tmp, Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): nothing to keep.
        }
    }
}
