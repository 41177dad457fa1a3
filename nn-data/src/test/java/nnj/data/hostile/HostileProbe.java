package nnj.data.hostile;

import java.nio.file.Path;
import nnj.api.model.ModelFile;
import nnj.data.CsvTable;
import nnj.data.IdxDirectory;
import nnj.data.IdxReader;

/**
 * Runs one reader on one file in a JVM of its own (started by {@link HostileFilesTest} with a
 * small heap) and prints "refused: MESSAGE" or "read". Anything else (an OutOfMemoryError, a stack
 * trace) ends the JVM abnormally, which the test reports.
 */
public final class HostileProbe {
    private HostileProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        try {
            switch (args[0]) {
                case "model" -> ModelFile.load(file);
                case "idx" -> IdxReader.read(file);
                case "idxdir" -> IdxDirectory.read(file, "hostile", null);
                case "csv" -> CsvTable.read(file);
                default -> throw new IllegalArgumentException(args[0]);
            }
            System.out.println("read");
        } catch (nnj.api.io.MalformedModelFileException | nnj.data.DataFileException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
