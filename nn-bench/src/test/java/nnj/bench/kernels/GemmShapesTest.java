package nnj.bench.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GemmShapesTest {
    @Test
    void parsesCasesAndCountsFlops() {
        GemmShapes.Spec s = GemmShapes.parse("784x128x256:TN");
        assertEquals(784, s.m());
        assertEquals(128, s.k());
        assertEquals(256, s.n());
        assertTrue(s.transA());
        assertFalse(s.transB());
        assertEquals(2.0 * 784 * 128 * 256, s.flops());
        assertEquals("784×128·128×256 (Aᵀ·B)", s.label());
        assertEquals("NN", GemmShapes.parse("64×64×64").variant());
    }

    @Test
    void rejectsMalformedCasesWithTheExpectedForm() {
        for (String bad : new String[] {"64x64", "64x64x64:XY", "0x1x1", "axbxc"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GemmShapes.parse(bad));
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void everyVariantOfEveryShape() {
        assertEquals(4 * GemmShapes.MLP.size(), GemmShapes.allVariants(GemmShapes.MLP).size());
    }
}
