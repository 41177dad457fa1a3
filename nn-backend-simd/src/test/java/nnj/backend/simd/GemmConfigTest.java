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
    void sixteenRegistersGet6x2OnJdk17AndThirtyTwoGet8x2() {
        GemmConfig avx2 = GemmConfig.choose(null, 8, 17, XEON, 0, 0, null);
        assertEquals(Blocking.B6X2, avx2.blocking());
        assertEquals(16, avx2.nr());
        assertTrue(avx2.blocking().registers() <= 16, "6x2 must fit AVX2's 16 registers");
        GemmConfig avx512 = GemmConfig.choose(null, 16, 17, XEON, 0, 0, null);
        assertEquals(GemmConfig.WIDE_DEFAULT, avx512.blocking());
        assertTrue(avx512.blocking().registers() <= 32);
        assertTrue(avx2.reason().startsWith("kernel 6x2 = 6x16 floats"), avx2.reason());
        assertTrue(avx2.reason().contains("AVX2") && avx2.reason().contains("L1d 48 KiB, L2 2 MiB"), avx2.reason());
    }

    @Test
    void sixteenRegistersGet5x2OnEveryJdkBut17() {
        // JDK 25's C2 spills an accumulator of 6x2 (see GemmConfig); 5x2 leaves it registers to spare.
        for (int jdk : new int[] {21, 25, 26}) {
            GemmConfig avx2 = GemmConfig.choose(null, 8, jdk, XEON, 0, 0, null);
            assertEquals(Blocking.B5X2, avx2.blocking(), "JDK " + jdk);
            assertTrue(avx2.blocking().registers() <= 13, "3 registers to spare");
            assertTrue(avx2.reason().startsWith("kernel 5x2 = 5x16 floats") && avx2.reason().contains("JDK " + jdk),
                    avx2.reason());
        }
        assertEquals(GemmConfig.WIDE_DEFAULT, GemmConfig.choose(null, 16, 25, XEON, 0, 0, null).blocking(),
                "32 registers: the same blocking on every JDK");
        assertEquals(Blocking.B6X2, GemmConfig.choose("6x2", 8, 25, XEON, 0, 0, null).blocking(), "a forced blocking wins");
    }

    @Test
    void rowMajorAPanelsOnJdk17ForTheBlockingsThatHaveRowKernels() {
        GemmConfig jdk17 = GemmConfig.choose(null, 8, 17, XEON, 0, 0, null);
        assertTrue(jdk17.rowMajorA() && jdk17.reason().contains("A in row-major panels (JDK 17)"), jdk17.reason());
        // JDK 25's C2 spills an accumulator of the row kernels: interleaved panels there.
        GemmConfig jdk25 = GemmConfig.choose(null, 8, 25, XEON, 0, 0, null);
        assertFalse(jdk25.rowMajorA());
        assertTrue(jdk25.reason().contains("A in interleaved panels (JDK 25: row kernels spill"), jdk25.reason());
        assertTrue(GemmConfig.choose(null, 8, 25, XEON, 0, 0, " TRUE").rowMajorA(), "-Dnnj.simd.rowMajorA=true forces them");
        assertFalse(GemmConfig.choose(null, 8, 17, XEON, 0, 0, "false").rowMajorA());
        GemmConfig wide = GemmConfig.choose(null, 16, 17, XEON, 0, 0, "true");
        assertFalse(wide.rowMajorA());
        assertTrue(wide.reason().contains("no row kernel for 8x2; -Dnnj.simd.rowMajorA ignored"), wide.reason());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GemmConfig.choose(null, 8, 17, XEON, 0, 0, "yes"));
        assertTrue(e.getMessage().contains("nnj.simd.rowMajorA") && e.getMessage().contains("'yes'")
                && e.getMessage().contains("use true or false"), e.getMessage());
        // kc never exceeds the row stride of a row-major panel, whatever -Dnnj.simd.kc says
        assertEquals(MicroKernel.ROW_STRIDE, GemmConfig.choose(null, 8, 17, XEON, 2000, 0, null).kc());
        assertThrows(IllegalArgumentException.class,
                () -> new GemmConfig(Blocking.B6X2, 8, MicroKernel.ROW_STRIDE + 1, 10, true, "too wide a kc"));
        assertThrows(IllegalArgumentException.class,
                () -> new GemmConfig(Blocking.B8X2, 8, 256, 10, true, "no row kernel"));
    }

    @Test
    void aForcedBlockingRunsAtTheNativeWidth() {
        GemmConfig c = GemmConfig.choose(" 4X3 ", 16, 17, XEON, 0, 0, null);
        assertEquals(Blocking.B4X3, c.blocking());
        assertEquals(48, c.nr(), "3 vectors of 16 floats");
        assertTrue(c.reason().contains("forced by -Dnnj.simd.blocking"), c.reason());
    }

    @Test
    void anUnknownBlockingIsRefusedWithTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GemmConfig.choose("7x7", 8, 17, XEON, 0, 0, null));
        assertTrue(e.getMessage().contains("'7x7'") && e.getMessage().contains("6x2, 8x2"), e.getMessage());
    }

    @Test
    void blockSizesFollowTheCaches() {
        // kc: the B micro-panel (kc × NR floats) in two thirds of L1d; mc: mc × kc floats in half of L2.
        GemmConfig avx2 = GemmConfig.choose(null, 8, 17, XEON, 0, 0, null);
        assertEquals(512, avx2.kc()); // 48 KiB · 2/3 / (16 floats · 4 bytes)
        assertEquals((1 << 20) / (4 * 512) / 6, avx2.mcPanels());
        GemmConfig small = GemmConfig.choose(null, 8, 17, new CacheSizes(32 << 10, 256 << 10, "test"), 0, 0, null);
        assertEquals(336, small.kc());
        assertEquals((128 << 10) / (4 * 336) / 6, small.mcPanels());
        GemmConfig tiny = GemmConfig.choose(null, 8, 17, SimdConformanceTest.TINY_CACHES, 0, 0, null);
        assertEquals(64, tiny.kc(), "never below 64");
        assertEquals(100, GemmConfig.choose(null, 8, 17, XEON, 100, 0, null).kc(), "-Dnnj.simd.kc overrides");
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
        String expected = Runtime.version().feature() == 17 ? "kernel 6x2 = 6x16 floats" : "kernel 5x2 = 5x16 floats";
        assertTrue(out.startsWith(expected) && out.contains("16 AVX2 registers"), out);
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
