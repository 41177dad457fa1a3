package nnj.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

class IdxDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void readsTrainAndTestScaledWithHeaderShape() throws IOException {
        IdxFiles.writeDirectory(dir, 12, 5, 4, 3, 10);
        IdxDirectory.TrainTest tt = IdxDirectory.read(dir, "tiny", null);
        Dataset train = tt.train();
        Dataset test = tt.test();
        assertEquals(12, train.size());
        assertEquals(5, test.size());
        assertArrayEquals(new int[] {4, 3}, train.sampleShape());
        assertEquals(Task.CLASSIFICATION, train.task());
        assertEquals(10, train.classCount()); // labels 0..9 seen → 10 classes "0".."9"
        assertEquals("9", train.classNames().get(9));
        // Image i, pixel p holds (i + p) mod 256; scaled by exactly 1/255 in float.
        assertEquals((7 + 5) / 255f, train.feature(7, 5), 0f);
        assertEquals((3 + 11) / 255f, test.feature(3, 11), 0f);
        assertEquals(7 % 10, train.label(7));
        assertEquals(4, test.label(4));
    }

    @Test
    void givenClassNamesAreUsedAndOutOfRangeLabelsRefused() throws IOException {
        IdxFiles.writeDirectory(dir, 6, 3, 2, 2, 3);
        IdxDirectory.TrainTest tt = IdxDirectory.read(dir, "abc", List.of("a", "b", "c"));
        assertEquals(List.of("a", "b", "c"), tt.train().classNames());
        DataFileException e = assertThrows(DataFileException.class,
                () -> IdxDirectory.read(dir, "two", List.of("a", "b")));
        assertTrue(e.getMessage().contains("label 2 is 2, but the dataset has 2 classes"), e.getMessage());
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        IdxFiles.writeDirectory(dir, 6, 3, 2, 2, 3);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxFiles.labels(4, 3));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxDirectory.read(dir, "x", null));
        assertTrue(e.getMessage().contains("holds 3 images but"), e.getMessage());
        assertTrue(e.getMessage().contains("holds 4 labels"), e.getMessage());
    }

    @Test
    void swappedFilesAreExplained() throws IOException {
        IdxFiles.writeDirectory(dir, 6, 3, 2, 2, 3);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxFiles.images(3, 2, 2));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxDirectory.read(dir, "x", null));
        assertTrue(e.getMessage().contains("a label file has rank 1, got rank 3"), e.getMessage());
    }

    @Test
    void missingFilesAreListed() throws IOException {
        IdxFiles.writeDirectory(dir, 6, 3, 2, 2, 3);
        Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
        Files.delete(dir.resolve("t10k-images-idx3-ubyte"));
        assertEquals(List.of("train-labels-idx1-ubyte", "t10k-images-idx3-ubyte"), IdxDirectory.missingFiles(dir));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxDirectory.read(dir, "x", null));
        assertTrue(e.getMessage().contains("missing train-labels-idx1-ubyte, t10k-images-idx3-ubyte"),
                e.getMessage());
    }

    @Test
    void trainAndTestImageShapesMustMatch() throws IOException {
        IdxFiles.writeDirectory(dir, 6, 3, 2, 2, 3);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFiles.images(3, 3, 2));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxDirectory.read(dir, "x", null));
        assertTrue(e.getMessage().contains("training images are 2×2 but test images are 3×2"), e.getMessage());
    }

    @Test
    void aStrayLabelNeverAddsClasses() throws IOException {
        IdxFiles.writeDirectory(dir, 12, 5, 2, 2, 4);
        byte[] train = IdxFiles.labels(12, 4);
        train[8 + 3] = (byte) 200; // header is 8 bytes: label 3 becomes 200
        Files.write(dir.resolve("train-labels-idx1-ubyte"), train);
        DataFileException e = assertThrows(DataFileException.class, () -> IdxDirectory.read(dir, "x", null));
        assertTrue(e.getMessage().contains("no training label is 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, …"), e.getMessage());

        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(12, 4));
        byte[] test = IdxFiles.labels(5, 4);
        test[8 + 2] = 5;
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), test);
        e = assertThrows(DataFileException.class, () -> IdxDirectory.read(dir, "x", null));
        assertTrue(e.getMessage().contains("label 2 is 5, a class the training labels (0..3) never have"), e.getMessage());
    }
}
