package nnj.data.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import nnj.data.DataFileException;
import nnj.data.IdxArray;
import nnj.data.IdxReader;

/**
 * Fuzzes the IDX reader, raw and gzip (the format is detected from the bytes). Any outcome but an
 * array or a {@link DataFileException} with a clean one-line message is a finding. Seeds in
 * {@code IdxReaderFuzzTestInputs/}.
 */
class IdxReaderFuzzTest {
    @FuzzTest(maxDuration = "12m", maxExecutions = 1_100_000)
    void readIdx(byte[] input) {
        Path f = FuzzFiles.write("images-idx3-ubyte", input);
        try {
            IdxArray a = IdxReader.read(f);
            a.toUnitFloats();
        } catch (DataFileException e) {
            FuzzFiles.assertCleanMessage(e, input);
        }
    }
}
