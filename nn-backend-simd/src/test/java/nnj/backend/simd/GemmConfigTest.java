package nnj.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the GEMM configuration is chosen: register blocking, cache blocks, and the reason printed. */
class GemmConfigTest {
    private static final CacheSizes XEON = new CacheSizes(48 << 10, 2 << 20, "test");

    @Test
    void sixteenRegistersGet6x2AndThirtyTwoGet8x2() {
        GemmConfig avx2 = GemmConfig.choose(null, 8, XEON, 0, 0, null);
        assertEquals(GemmConfig.NARROW_DEFAULT, avx2.blocking());
        assertEquals(Blocking.B6X2, avx2.blocking());
        assertEquals(16, avx2.nr());
        assertTrue(avx2.blocking().registers() <= 16, "6x2 must fit AVX2's 16 registers");
        GemmConfig avx512 = GemmConfig.choose(null, 16, XEON, 0, 0, null);
        assertEquals(GemmConfig.WIDE_DEFAULT, avx512.blocking());
        assertTrue(avx512.blocking().registers() <= 32);
        assertTrue(avx2.reason().startsWith("kernel 6x2 = 6x16 floats"), avx2.reason());
        assertTrue(avx2.reason().contains("AVX2") && avx2.reason().contains("L1d 48 KiB, L2 2 MiB"), avx2.reason());
        assertEquals(Blocking.B5X2, GemmConfig.choose("5x2", 8, XEON, 0, 0, null).blocking(), "a forced blocking wins");
    }

    @Test
    void thirtyTwoRegistersTake12x2ForTallProductsAndNothingElseDoes() {
        GemmConfig avx512 = GemmConfig.choose(null, 16, XEON, 0, 0, null);
        GemmConfig tall = avx512.tall();
        assertEquals(GemmConfig.WIDE_TALL, tall.blocking());
        assertEquals(Blocking.B12X2, tall.blocking());
        assertTrue(tall.blocking().registers() <= 32);
        assertEquals(avx512.kc(), tall.kc(), "the same NR, so the same kc: the same k blocks whichever blocking runs");
        assertEquals(null, tall.tall());
        assertTrue(avx512.reason().endsWith("; and 12x2 = 12x32 floats (24 accumulators) for products of 256 rows or more, kc 256"),
                avx512.reason());
        assertEquals(null, GemmConfig.choose(null, 8, XEON, 0, 0, null).tall(), "16 registers: 6x2 for every product");
        assertEquals(null, GemmConfig.choose("8x2", 16, XEON, 0, 0, null).tall(), "a forced blocking serves every product");
        assertEquals(100, GemmConfig.choose(null, 16, XEON, 100, 0, null).tall().kc(), "-Dnnj.simd.kc applies to both");
        assertThrows(IllegalArgumentException.class, () -> new GemmConfig(Blocking.B8X2, 16, 256, 10, false,
                new GemmConfig(Blocking.B12X2, 8, 256, 10, false, "another width"), "mismatched"));
    }

    @Test
    void rowMajorAPanelsByDefaultForTheBlockingsThatHaveRowKernels() {
        GemmConfig avx2 = GemmConfig.choose(null, 8, XEON, 0, 0, null);
        assertTrue(avx2.rowMajorA() && avx2.reason().contains("A in row-major panels (the default)"), avx2.reason());
        GemmConfig forcedOff = GemmConfig.choose(null, 8, XEON, 0, 0, " FALSE");
        assertFalse(forcedOff.rowMajorA());
        assertTrue(forcedOff.reason().contains("A in interleaved panels (forced by -Dnnj.simd.rowMajorA)"), forcedOff.reason());
        assertTrue(GemmConfig.choose("5x2", 8, XEON, 0, 0, "true").rowMajorA(), "5x2 has row kernels too");
        GemmConfig wide = GemmConfig.choose(null, 16, XEON, 0, 0, "true");
        assertFalse(wide.rowMajorA());
        assertTrue(wide.reason().contains("no row kernel for 8x2; -Dnnj.simd.rowMajorA ignored"), wide.reason());
        assertFalse(GemmConfig.choose(null, 16, XEON, 0, 0, null).rowMajorA(), "8x2 has no row kernel");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GemmConfig.choose(null, 8, XEON, 0, 0, "yes"));
        assertTrue(e.getMessage().contains("nnj.simd.rowMajorA") && e.getMessage().contains("'yes'")
                && e.getMessage().contains("use true or false"), e.getMessage());
        // kc never exceeds the row stride of a row-major panel, whatever -Dnnj.simd.kc says
        assertEquals(MicroKernel.ROW_STRIDE, GemmConfig.choose(null, 8, XEON, 2000, 0, null).kc());
        assertThrows(IllegalArgumentException.class,
                () -> new GemmConfig(Blocking.B6X2, 8, MicroKernel.ROW_STRIDE + 1, 10, true, "too wide a kc"));
        assertThrows(IllegalArgumentException.class,
                () -> new GemmConfig(Blocking.B8X2, 8, 256, 10, true, "no row kernel"));
    }

    @Test
    void aForcedBlockingRunsAtTheNativeWidth() {
        GemmConfig c = GemmConfig.choose(" 4X3 ", 16, XEON, 0, 0, null);
        assertEquals(Blocking.B4X3, c.blocking());
        assertEquals(48, c.nr(), "3 vectors of 16 floats");
        assertTrue(c.reason().contains("forced by -Dnnj.simd.blocking"), c.reason());
    }

    @Test
    void anUnknownBlockingIsRefusedWithTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GemmConfig.choose("7x7", 8, XEON, 0, 0, null));
        assertTrue(e.getMessage().contains("'7x7'") && e.getMessage().contains("6x2, 8x2"), e.getMessage());
    }

    @Test
    void blockSizesFollowTheCaches() {
        // kc: the B micro-panel (kc × NR floats) in two thirds of L1d; mc: mc × kc floats in half of L2.
        GemmConfig avx2 = GemmConfig.choose(null, 8, XEON, 0, 0, null);
        assertEquals(512, avx2.kc()); // 48 KiB · 2/3 / (16 floats · 4 bytes)
        assertEquals((1 << 20) / (4 * 512) / 6, avx2.mcPanels());
        GemmConfig small = GemmConfig.choose(null, 8, new CacheSizes(32 << 10, 256 << 10, "test"), 0, 0, null);
        assertEquals(336, small.kc());
        assertEquals((128 << 10) / (4 * 336) / 6, small.mcPanels());
        GemmConfig tiny = GemmConfig.choose(null, 8, SimdConformanceTest.TINY_CACHES, 0, 0, null);
        assertEquals(64, tiny.kc(), "never below 64");
        assertEquals(100, GemmConfig.choose(null, 8, XEON, 100, 0, null).kc(), "-Dnnj.simd.kc overrides");
    }

    @Test
    void cacheSizesAreReadFromSysfsOrDefaulted(@TempDir Path dir) throws IOException {
        writeCache(dir.resolve("index0"), "1", "Data", "48K");
        writeCache(dir.resolve("index1"), "1", "Instruction", "32K");
        writeCache(dir.resolve("index2"), "2", "Unified", "2048K");
        writeCache(dir.resolve("index3"), "3", "Unified", "480M");
        CacheSizes c = CacheSizes.read(dir);
        assertEquals(48 << 10, c.l1d());
        assertEquals(2 << 20, c.l2());
        CacheSizes none = CacheSizes.read(dir.resolve("missing"));
        assertEquals(CacheSizes.DEFAULT_L1D, none.l1d());
        assertEquals(CacheSizes.DEFAULT_L2, none.l2());
        assertTrue(none.source().startsWith("defaults"), none.source());
        assertEquals(3 << 20, CacheSizes.parseSize("3M\n"));
        assertEquals(1234, CacheSizes.parseSize("1234"));
    }

    @Test
    void underUseAvx2TheJvmGetsItsNarrowBlockingWith8Lanes() throws Exception {
        assumeTrue(System.getProperty("os.arch").equals("amd64") && MicroKernel.VL >= 8, "needs an AVX2 x86 JVM");
        String out = SimdSupportTest.forkWith(new String[] {"--add-modules", "jdk.incubator.vector", "-XX:UseAVX=2"}, "config");
        assertTrue(out.startsWith("kernel 6x2 = 6x16 floats") && out.contains("16 AVX2 registers")
                && out.contains("A in row-major panels"), out);
        String forced = SimdSupportTest.forkWith(new String[] {"--add-modules", "jdk.incubator.vector",
            "-Dnnj.simd.blocking=8x3"}, "config");
        assertTrue(forced.startsWith("kernel 8x3 = 8x" + 3 * MicroKernel.VL + " floats"), forced);
    }

    private static void writeCache(Path index, String level, String type, String size) throws IOException {
        Files.createDirectories(index);
        Files.writeString(index.resolve("level"), level + "\n");
        Files.writeString(index.resolve("type"), type + "\n");
        Files.writeString(index.resolve("size"), size + "\n");
    }
}
