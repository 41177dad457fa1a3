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
 * the result is saved. A file's directory must exist and take a new file (tried with an empty
 * probe file, removed at once: only the file system knows, e.g. for a read-only mount or /proc);
 * a directory option's directory is created.
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
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + file + ": " + (Files.exists(dir)
                    ? dir + " is not a directory" : "the directory " + dir + " does not exist; create it first"));
        }
        probe(option + " " + file, dir);
    }

    /** Creates {@code dir} (given with {@code option}) if needed, and refuses it unless files can be written in it. */
    public static void requireWritableDirectory(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + dir + " is a file, not a directory; give a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + dir + ": cannot create that directory (" + reason(e)
                    + "); give a directory you can write to");
        }
        probe(option + " " + dir, dir);
    }

    /** Creates and deletes an empty hidden file in {@code dir}: the one sure test that writing there works. */
    private static void probe(String what, Path dir) {
        try {
            Path probe = Files.createTempFile(dir, ".nnj-probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(what + ": cannot write in " + dir + " ("
                    + (e instanceof IOException ? reason((IOException) e) : "not allowed") + ")");
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
