package nnj.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationScoresTest {

    @Test
    void precisionAndRecallByHand() {
        // actual:    a a a b b c
        // predicted: a a b b a a
        int[] labels = {0, 0, 0, 1, 1, 2};
        int[] predicted = {0, 0, 1, 1, 0, 0};
        ClassificationScores s = new ClassificationScores(predicted, labels, List.of("a", "b", "c"));
        assertEquals(3 / 6.0, s.accuracy(), 1e-12);
        assertEquals(2 / 4.0, s.precision(0), 1e-12, "4 predicted a, 2 of them are a");
        assertEquals(2 / 3.0, s.recall(0), 1e-12, "3 are a, 2 found");
        assertEquals(1 / 2.0, s.precision(1), 1e-12);
        assertEquals(1 / 2.0, s.recall(1), 1e-12);
        assertTrue(Double.isNaN(s.precision(2)), "c is never predicted");
        assertEquals(0.0, s.recall(2), 1e-12);
        StringWriter text = new StringWriter();
        s.print(new PrintWriter(text));
        List<String> lines = text.toString().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("c\\s+-\\s+0\\.000\\s+1")), "row of c: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.matches("a\\s+2\\s+1\\s+0")), "confusion row of a: " + lines);
    }
}
