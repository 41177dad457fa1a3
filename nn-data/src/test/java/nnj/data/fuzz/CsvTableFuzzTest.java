package nnj.data.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import nnj.data.CsvDatasets;
import nnj.data.CsvTable;
import nnj.data.DataFileException;

/**
 * Fuzzes the CSV reader and the dataset built from it (task inference, labels). Any outcome but
 * a dataset or a {@link DataFileException} with a clean one-line message is a finding. Seeds in
 * {@code CsvTableFuzzTestInputs/}.
 */
class CsvTableFuzzTest {
    @FuzzTest(maxDuration = "12m", maxExecutions = 1_100_000)
    void readCsv(byte[] input) throws IOException {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            CsvTable t = CsvTable.read(new StringReader(text), "fuzz.csv");
            if (t.columnCount() >= 2) {
                CsvDatasets.fromTable(t, null, null);
            }
        } catch (DataFileException e) {
            FuzzFiles.assertCleanMessage(e, input);
        }
    }
}
