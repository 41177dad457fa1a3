package nnj.backend.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The kit's comparison messages say what a backend author needs, also when a value is not finite. */
class CompareTest {
    @Test
    void aNanMismatchSaysSoInsteadOfPrintingNanTolerances() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> Compare.close("b, 2 threads", "op",
                new float[] {1f, 2f}, new float[] {1f, Float.NaN}, 0, Compare.relative(1e-6, 1e-6)));
        assertTrue(e.getMessage().contains("got NaN, expected 2.0") && e.getMessage().contains("must match exactly"),
                e.getMessage());
        assertFalse(e.getMessage().contains("tolerance NaN"), e.getMessage());
    }

    @Test
    void aFiniteMismatchGivesTheDifferenceAndTheTolerance() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> Compare.close("b", "op",
                new float[] {1f, 2f}, new float[] {1f, 2.5f}, 2, Compare.relative(1e-6, 1e-6)));
        assertTrue(e.getMessage().contains("worst at [0, 1]") && e.getMessage().contains("|diff| 0.5 > tolerance"),
                e.getMessage());
    }
}
