package nnj.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import nnj.api.data.Dataset;
import nnj.api.data.Task;
import org.junit.jupiter.api.Test;

/** Shapes, class names and first/last rows, checked against the source files in ../shared/data. */
class BundledDataTest {
    @Test
    void iris() {
        Dataset d = BundledData.iris();
        assertEquals(150, d.size());
        assertArrayEquals(new int[] {4}, d.sampleShape());
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertEquals(5.1f, d.feature(0, 0)); // first row: 5.1,3.5,1.4,0.2,0
        assertEquals(0.2f, d.feature(0, 3));
        assertEquals(0, d.label(0));
        assertEquals(2, d.label(149));
        assertEquals(50, count(d, 1));
    }

    @Test
    void wine() {
        Dataset d = BundledData.wine();
        assertEquals(178, d.size());
        assertEquals(13, d.featureCount());
        assertEquals(List.of("class_0", "class_1", "class_2"), d.classNames());
        assertEquals(14.23f, d.feature(0, 0));
        assertEquals(1065f, d.feature(0, 12));
        assertEquals(59, count(d, 0)); // 59 / 71 / 48, as wine_data.rst states
        assertEquals(71, count(d, 1));
        assertEquals(48, count(d, 2));
    }

    @Test
    void breastCancer() {
        Dataset d = BundledData.breastCancer();
        assertEquals(569, d.size());
        assertEquals(30, d.featureCount());
        assertEquals(List.of("malignant", "benign"), d.classNames());
        assertEquals(17.99f, d.feature(0, 0));
        assertEquals(212, count(d, 0)); // 212 malignant, 357 benign, as breast_cancer.rst states
        assertEquals(357, count(d, 1));
    }

    @Test
    void diabetes() {
        Dataset d = BundledData.diabetes();
        assertEquals(Task.REGRESSION, d.task());
        assertEquals(442, d.size());
        assertEquals(10, d.featureCount());
        assertEquals(10, BundledData.diabetesFeatureNames().size());
        // first row: 59 2 32.1 101.0 157 93.2 38.0 4.0 4.8598 87, target 151
        assertEquals(59f, d.feature(0, 0));
        assertEquals(4.8598f, d.feature(0, 8));
        assertEquals(87f, d.feature(0, 9));
        assertEquals(151f, d.target(0, 0));
        assertEquals(75f, d.target(1, 0));
    }

    @Test
    void digitsStillLoads() {
        Dataset d = BundledData.digits();
        assertEquals(1797, d.size());
        assertEquals(10, d.classCount());
    }

    private static int count(Dataset d, int label) {
        int n = 0;
        for (int i = 0; i < d.size(); i++) {
            n += d.label(i) == label ? 1 : 0;
        }
        return n;
    }
}
