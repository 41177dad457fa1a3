package nnj.examples.cli.options;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Checks of the paths nnj will write ({@code --out}, {@code --plot}, {@code --checkpoint},
 * {@code --output}) before any work, so that a run is never lost to a path that only fails when
 * the result is saved. Missing directories are created when the output is written (as
 * {@link nnj.api.io.AtomicFiles} does), so the nearest directory that exists must take a new file:
 * tried with an empty probe file, removed at once (only the file system knows, e.g. for a read-only
 * mount or /proc). Nothing is created by the check.
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * picocli's converter for options that name a file to write: a name ending in a separator (or
     * {@code .}, {@code ..}) names a directory, which {@link Path} would silently turn into a file.
     */
    private abstract static class FileConverter implements CommandLine.ITypeConverter<Path> {
        private final String example;

        FileConverter(String example) {
            this.example = example;
        }

        @Override
        public Path convert(String value) {
            String v = value.trim();
            if (v.isEmpty()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is empty; give a file name");
            }
            String last = v.substring(Math.max(v.lastIndexOf('/'), v.lastIndexOf(File.separatorChar)) + 1);
            if (last.isEmpty() || last.equals(".") || last.equals("..")) {
                throw new CommandLine.TypeConversionException("'" + value + "' names a directory, not a file; add a"
                        + " file name, such as " + (last.isEmpty() ? v : v + "/") + example);
            }
            return Path.of(v);
        }
    }

    /** {@link FileConverter} for a model file ({@code --out}). */
    public static final class ModelFile extends FileConverter {
        public ModelFile() {
            super("model.safetensors");
        }
    }

    /** {@link FileConverter} for a CSV file ({@code --output}). */
    public static final class CsvFile extends FileConverter {
        public CsvFile() {
            super("predictions.csv");
        }
    }

    /** Refuses {@code file} (given with {@code option}) unless nnj can create or replace it. */
    public static void requireWritableFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a directory, not a file; add a file name");
        }
        String what = option + " " + file;
        probe(what, existingAncestor(what, file.toAbsolutePath().getParent()));
    }

    /** Refuses {@code dir} (given with {@code option}) unless nnj can write files in it, creating it if need be. */
    public static void requireWritableDirectory(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + dir + " is a file, not a directory; give a directory");
        }
        String what = option + " " + dir;
        probe(what, existingAncestor(what, dir.toAbsolutePath()));
    }

    /**
     * The nearest directory of {@code dir} that exists (the writer creates the rest, as
     * {@link nnj.api.io.AtomicFiles} does); refused when that is a file.
     */
    private static Path existingAncestor(String what, Path dir) {
        Path d = dir;
        while (d != null && !Files.exists(d)) {
            d = d.getParent();
        }
        if (d == null) {
            throw new IllegalArgumentException(what + ": no part of that path exists");
        }
        if (!Files.isDirectory(d)) {
            throw new IllegalArgumentException(what + ": " + d + " is a file, not a directory");
        }
        return d;
    }

    /** Creates and deletes an empty hidden file in {@code dir}: the one sure test that writing there works. */
    private static void probe(String what, Path dir) {
        Path probe = null;
        try {
            probe = Files.createTempFile(dir, ".nnj-probe-", ".tmp");
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(what + ": cannot write in " + dir + " ("
                    + (e instanceof IOException ? reason((IOException) e) : "not allowed") + ")");
        }
        try {
            Files.deleteIfExists(probe);
        } catch (IOException | SecurityException e) {
            // the check passed; only say where the empty file was left
            System.err.println("nnj: note: could not remove the empty probe file " + probe);
        }
    }

    /** The operating system's words for a failed file operation, without Java class names. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason().toLowerCase(java.util.Locale.ROOT);
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "a part of the path is not a directory";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        return "the file system refused";
    }
}
