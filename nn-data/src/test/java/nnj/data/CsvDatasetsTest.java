package nnj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetsTest {
    @TempDir
    Path dir;

    private Path file(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void headerIsDetectedAndTargetChosenByName() throws IOException {
        Path f = file("houses.csv", "rooms,\"area m2\",price", "3,70.5,210.0", "4,95,280.5", "2,50,150.25");
        CsvDatasets.Loaded loaded = CsvDatasets.read(f, "price", null);
        Dataset d = loaded.dataset();
        assertEquals("houses", d.name());
        assertEquals(Task.REGRESSION, d.task());
        assertEquals(List.of("rooms", "area m2"), loaded.featureNames());
        assertEquals("price", loaded.targetName());
        assertEquals(3, d.size());
        assertEquals(2, d.featureCount());
        assertEquals(95f, d.feature(1, 1));
        assertEquals(150.25f, d.target(2, 0));
        assertTrue(loaded.taskReason().startsWith("regression (the target has non-integer"), loaded.taskReason());
    }

    @Test
    void noHeaderMeansGeneratedNamesAndLastColumnTarget() throws IOException {
        Path f = file("plain.csv", "1.5,2,0", "0.5,1,1", "2.5,0,0", "3.5,1,1");
        CsvTable t = CsvTable.read(f);
        assertFalse(t.hasHeader());
        assertEquals(List.of("column1", "column2", "column3"), t.columnNames());
        CsvDatasets.Loaded loaded = CsvDatasets.fromTable(t, null, null);
        assertEquals(Task.CLASSIFICATION, loaded.dataset().task());
        assertEquals(List.of("0", "1"), loaded.dataset().classNames());
        assertEquals(1, loaded.dataset().label(3));
    }

    @Test
    void targetByOneBasedAndNegativeIndex() throws IOException {
        Path f = file("idx.csv", "a,b,c", "1,10,100", "2,20,200", "3,30,300");
        assertEquals(List.of("b", "c"), CsvDatasets.read(f, "1", Task.REGRESSION).featureNames());
        assertEquals("a", CsvDatasets.read(f, "1", Task.REGRESSION).targetName());
        assertEquals("b", CsvDatasets.read(f, "-2", Task.REGRESSION).targetName());
        assertEquals("c", CsvDatasets.read(f, "C", Task.REGRESSION).targetName()); // case-insensitive fallback
        IllegalArgumentException byName = assertThrows(IllegalArgumentException.class,
                () -> CsvDatasets.read(f, "price", null));
        assertTrue(byName.getMessage().contains("no column named 'price'; the columns are a, b, c"),
                byName.getMessage());
        IllegalArgumentException byNumber = assertThrows(IllegalArgumentException.class,
                () -> CsvDatasets.read(f, "4", null));
        assertTrue(byNumber.getMessage().contains("there is no column 4; columns are numbered 1..3"),
                byNumber.getMessage());
    }

    @Test
    void missingValueIsRefusedWithLineAndColumn() throws IOException {
        Path f = file("gaps.csv", "x,y,label", "1,2,0", "", "3,,1");
        DataFileException e = assertThrows(DataFileException.class, () -> CsvTable.read(f));
        assertTrue(e.getMessage().contains("gaps.csv line 4, column 2 ('y'): missing value"), e.getMessage());
        Path na = file("na.csv", "1,2,0", "3,NA,1");
        assertTrue(assertThrows(DataFileException.class, () -> CsvTable.read(na)).getMessage()
                .contains("line 2, column 2: missing value 'NA'"));
    }

    @Test
    void nonNumericValueIsRefusedWithLineAndColumn() throws IOException {
        Path f = file("words.csv", "x,y,label", "1,2,0", "3,4,cat");
        DataFileException e = assertThrows(DataFileException.class, () -> CsvTable.read(f));
        assertTrue(e.getMessage().contains("words.csv line 3, column 3 ('label'): 'cat' is not a number"),
                e.getMessage());
        // Java would parse these, but they are not data.
        Path inf = file("inf.csv", "1,2", "Infinity,3");
        assertTrue(assertThrows(DataFileException.class, () -> CsvTable.read(inf)).getMessage()
                .contains("line 2, column 1: 'Infinity' is not a number"));
    }

    @Test
    void raggedRowIsRefused() throws IOException {
        Path f = file("ragged.csv", "a,b,c", "1,2,3", "4,5");
        DataFileException e = assertThrows(DataFileException.class, () -> CsvTable.read(f));
        assertTrue(e.getMessage().contains("line 3: 2 values, but the header has 3"), e.getMessage());
    }

    @Test
    void delimitersCommentsAndBomAreHandled() throws IOException {
        Path semi = file("semi.csv", "\uFEFFa;b", "# a comment", "1;2", "3;4");
        CsvTable s = CsvTable.read(semi);
        assertEquals(List.of("a", "b"), s.columnNames());
        assertEquals(4.0, s.value(1, 1));
        assertEquals(4, s.lineNumber(1));
        Path tabs = file("tabs.tsv", "1\t2", "3\t4");
        assertEquals(2, CsvTable.read(tabs).columnCount());
        Path spaces = file("spaces.txt", "  1   2 3", "4 5    6  ");
        CsvTable sp = CsvTable.read(spaces);
        assertEquals(3, sp.columnCount());
        assertEquals(6.0, sp.value(1, 2));
    }

    @Test
    void taskInference() {
        assertEquals(Task.CLASSIFICATION, CsvDatasets.inferTask(new double[] {0, 1, 2, 1, 0, 2}));
        assertEquals(Task.CLASSIFICATION, CsvDatasets.inferTask(new double[] {-1, 1, 1, -1}));
        assertEquals(Task.REGRESSION, CsvDatasets.inferTask(new double[] {0, 1, 2.5, 1}));
        // integers, but every value distinct: a count or a price, not a label
        assertEquals(Task.REGRESSION, CsvDatasets.inferTask(new double[] {151, 75, 141, 206, 135}));
        // integers with more than 20 distinct values, each repeated
        double[] many = new double[100];
        for (int i = 0; i < many.length; i++) {
            many[i] = i % 25;
        }
        assertEquals(Task.REGRESSION, CsvDatasets.inferTask(many));
        assertEquals(Task.REGRESSION, CsvDatasets.inferTask(new double[] {3, 3, 3}));
    }

    @Test
    void nonZeroBasedLabelsAreMappedToClassesInOrder() throws IOException {
        Path f = file("grades.csv", "score,grade", "0.1,3", "0.2,1", "0.3,2", "0.4,3", "0.5,1", "0.6,2");
        Dataset d = CsvDatasets.read(f, "grade", null).dataset();
        assertEquals(List.of("1", "2", "3"), d.classNames());
        assertEquals(2, d.label(0)); // value 3 → class index 2
        assertEquals(0, d.label(1)); // value 1 → class index 0
    }

    @Test
    void forcedTask() throws IOException {
        Path f = file("f.csv", "x,y", "1,10", "2,20", "3,30", "4,10");
        assertEquals(Task.REGRESSION, CsvDatasets.read(f, "y", null).dataset().task()); // 3 distinct in 4 rows
        CsvDatasets.Loaded forced = CsvDatasets.read(f, "y", Task.CLASSIFICATION);
        assertEquals(Task.CLASSIFICATION, forced.dataset().task());
        assertEquals("classification (as requested)", forced.taskReason());
        Path g = file("g.csv", "x,y", "1,0.5", "2,1");
        DataFileException e = assertThrows(DataFileException.class,
                () -> CsvDatasets.read(g, "y", Task.CLASSIFICATION));
        assertTrue(e.getMessage().contains("line 2, column 2: class label 0.5 is not a whole number"),
                e.getMessage());
    }

    @Test
    void singleColumnAndEmptyFilesAreRefused() throws IOException {
        Path one = file("one.csv", "1", "2");
        assertTrue(assertThrows(DataFileException.class, () -> CsvDatasets.read(one, null, null)).getMessage()
                .contains("a dataset needs at least one feature column and a target column"));
        Path headerOnly = file("h.csv", "a,b");
        assertTrue(assertThrows(DataFileException.class, () -> CsvTable.read(headerOnly)).getMessage()
                .contains("no data rows after the header"));
        assertTrue(assertThrows(DataFileException.class, () -> CsvTable.read(dir.resolve("absent.csv")))
                .getMessage().contains("absent.csv: no such file"));
    }

    @Test
    void aFirstRowOfHugeNumbersIsDataAndRefusedNotTakenAsAHeader() throws IOException {
        Path f = file("huge.csv", "1e400,2,0", "1,2,1", "3,4,0");
        DataFileException e = assertThrows(DataFileException.class, () -> CsvTable.read(f));
        assertTrue(e.getMessage().contains("line 1, column 1: 1e400 is outside the range of a float"), e.getMessage());
        // 1e308 is a finite double but not a float: refused too, where it would have become infinity.
        Path g = file("double.csv", "a,b", "1,2", "3,-1e308");
        e = assertThrows(DataFileException.class, () -> CsvTable.read(g));
        assertTrue(e.getMessage().contains("line 3, column 2 ('b'): -1e308 is outside the range"), e.getMessage());
        // The largest float is still a number.
        assertEquals(3.4e38f, (float) CsvTable.read(file("max.csv", "3.4e38,1", "1,2")).value(0, 0), 0f);
    }

    @Test
    void lineNumbersCountSkippedLinesAmongTheData() throws IOException {
        Path f = file("gappy.csv", "# comment", "a,b", "1,2", "", "# note", "3,4", "5,x");
        DataFileException e = assertThrows(DataFileException.class, () -> CsvTable.read(f));
        assertTrue(e.getMessage().contains("line 7, column 2"), e.getMessage());
        Path g = file("gappy2.csv", "a,b", "1,2", "", "# note", "3,4", "5,6");
        CsvTable t = CsvTable.read(g);
        assertEquals(List.of(2, 5, 6), List.of(t.lineNumber(0), t.lineNumber(1), t.lineNumber(2)));
    }
}
