package nnj.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import nnj.api.data.Dataset;
import nnj.api.data.Splits;
import org.junit.jupiter.api.Test;

class SplitsTest {
    @Test
    void splitIsAPartitionReproducibleFromTheSeed() {
        Dataset iris = BundledData.iris();
        int[][] a = Splits.stratifiedIndices(iris, 0.2, 42);
        int[][] b = Splits.stratifiedIndices(iris, 0.2, 42);
        int[][] c = Splits.stratifiedIndices(iris, 0.2, 43);
        assertArrayEquals(a[0], b[0]);
        assertArrayEquals(a[1], b[1]);
        assertFalse(Arrays.equals(a[1], c[1]));
        int[] all = IntStream.concat(Arrays.stream(a[0]), Arrays.stream(a[1])).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 150).toArray(), all); // every sample exactly once
        assertEquals(30, a[1].length);
    }

    @Test
    void classificationSplitIsStratifiedAndNotTheTail() {
        // iris is sorted by class: "the last 20%" would be virginica only.
        Dataset iris = BundledData.iris();
        Splits.Split p = Splits.stratified(iris, 0.2, 1);
        int[] perClass = new int[3];
        for (int i = 0; i < p.second().size(); i++) {
            perClass[p.second().label(i)]++;
        }
        assertArrayEquals(new int[] {10, 10, 10}, perClass);
        int[] test = Splits.stratifiedIndices(iris, 0.2, 1)[1];
        assertTrue(Arrays.stream(test).anyMatch(i -> i < 120), "the test part must not be the tail");
        // and the test part is not ordered by class
        int[] labels = IntStream.range(0, p.second().size()).map(p.second()::label).toArray();
        int[] sorted = labels.clone();
        Arrays.sort(sorted);
        assertFalse(Arrays.equals(sorted, labels));
    }

    @Test
    void regressionSplitHasTheRequestedSize() {
        Dataset sine = SineCurve.generate(101, 0.1, 5);
        Splits.Split p = Splits.stratified(sine, 0.25, 9);
        assertEquals(25, p.second().size()); // round(101 × 0.25) = 25
        assertEquals(76, p.first().size());
    }

    @Test
    void tinySetsKeepOneSampleOnEachSide() {
        Dataset two = Dataset.regression("two", new float[] {1, 2}, new int[] {1}, new float[] {1, 2}, 1);
        Splits.Split p = Splits.stratified(two, 0.1, 3);
        assertEquals(1, p.first().size());
        assertEquals(1, p.second().size());
        assertThrows(IllegalArgumentException.class, () -> Splits.stratified(two, 1.0, 3));
        assertThrows(IllegalArgumentException.class, () -> Splits.stratified(two, 0, 3));
    }

    @Test
    void foldsTestEverySampleOnce() {
        Dataset wine = BundledData.wine();
        List<Splits.Split> folds = Splits.folds(wine, 5, 11);
        assertEquals(5, folds.size());
        int total = 0;
        for (Splits.Split f : folds) {
            assertEquals(178, f.first().size() + f.second().size());
            total += f.second().size();
            assertTrue(f.second().size() == 35 || f.second().size() == 36, "fold size " + f.second().size());
        }
        assertEquals(178, total);
        // the folds' test features together are the dataset's, each once: compare sorted first features
        float[] seen = new float[178];
        int k = 0;
        for (Splits.Split f : folds) {
            for (int i = 0; i < f.second().size(); i++) {
                seen[k++] = f.second().feature(i, 12) * 1000 + f.second().feature(i, 0);
            }
        }
        float[] expected = new float[178];
        for (int i = 0; i < 178; i++) {
            expected[i] = wine.feature(i, 12) * 1000 + wine.feature(i, 0);
        }
        Arrays.sort(seen);
        Arrays.sort(expected);
        assertArrayEquals(expected, seen);
        assertThrows(IllegalArgumentException.class, () -> Splits.folds(wine, 1, 0));
    }
}
