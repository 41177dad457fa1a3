package nnj.backend.simd;

import nnj.api.backend.Backend;
import nnj.backend.tck.BackendConformanceKit;
import org.junit.jupiter.api.Nested;

/**
 * The whole conformance kit on the simd backend, once per register blocking and thread count
 * (1, 2 and 3), all at this machine's native vector width: a blocking the machine would not choose
 * by itself is forced the way {@code -Dnnj.simd.blocking} forces it. The 2-thread runs use tiny
 * cache sizes (4 KiB L1d, 16 KiB L2), so that the kit's shapes span several k blocks and row blocks
 * and split into many tasks; the others use this machine's caches, as production does. The 2-thread
 * runs also pack a stored A in row-major panels wherever the blocking has row kernels, on any JDK;
 * the others follow the JDK's rule ({@link GemmConfig#rowMajorA}), so both layouts run the kit.
 */
class SimdConformanceTest {
    static final CacheSizes TINY_CACHES = new CacheSizes(4 << 10, 16 << 10, "tiny, for tests");

    /** The configuration the backend would run with if {@code -Dnnj.simd.blocking} named this blocking. */
    static GemmConfig forced(Blocking b, CacheSizes caches) {
        return forced(b, caches, null);
    }

    /** {@link #forced(Blocking, CacheSizes)}, with row-major A panels forced on or off ("true", "false") or by the rule (null). */
    static GemmConfig forced(Blocking b, CacheSizes caches, String rowMajorA) {
        return GemmConfig.choose(b.label(), MicroKernel.VL, caches, 0, 0, rowMajorA);
    }

    /** One run of the kit. */
    abstract static class KitRun extends BackendConformanceKit {
        private final Blocking blocking;
        private final int threads;
        private final boolean tinyCaches;

        KitRun(Blocking blocking, int threads, boolean tinyCaches) {
            this.blocking = blocking;
            this.threads = threads;
            this.tinyCaches = tinyCaches;
        }

        @Override
        protected Backend createBackend() {
            return new SimdBackend(threads, tinyCaches ? forced(blocking, TINY_CACHES, "true")
                    : forced(blocking, CacheSizes.detect()));
        }
    }

    @Nested
    class Blocking4x3Threads1 extends KitRun {
        Blocking4x3Threads1() {
            super(Blocking.B4X3, 1, false);
        }
    }

    @Nested
    class Blocking4x3Threads2 extends KitRun {
        Blocking4x3Threads2() {
            super(Blocking.B4X3, 2, true);
        }
    }

    @Nested
    class Blocking4x3Threads3 extends KitRun {
        Blocking4x3Threads3() {
            super(Blocking.B4X3, 3, false);
        }
    }

    @Nested
    class Blocking5x2Threads1 extends KitRun {
        Blocking5x2Threads1() {
            super(Blocking.B5X2, 1, false);
        }
    }

    @Nested
    class Blocking5x2Threads2 extends KitRun {
        Blocking5x2Threads2() {
            super(Blocking.B5X2, 2, true);
        }
    }

    @Nested
    class Blocking5x2Threads3 extends KitRun {
        Blocking5x2Threads3() {
            super(Blocking.B5X2, 3, false);
        }
    }

    @Nested
    class Blocking6x2Threads1 extends KitRun {
        Blocking6x2Threads1() {
            super(Blocking.B6X2, 1, false);
        }
    }

    @Nested
    class Blocking6x2Threads2 extends KitRun {
        Blocking6x2Threads2() {
            super(Blocking.B6X2, 2, true);
        }
    }

    @Nested
    class Blocking6x2Threads3 extends KitRun {
        Blocking6x2Threads3() {
            super(Blocking.B6X2, 3, false);
        }
    }

    @Nested
    class Blocking8x2Threads1 extends KitRun {
        Blocking8x2Threads1() {
            super(Blocking.B8X2, 1, false);
        }
    }

    @Nested
    class Blocking8x2Threads2 extends KitRun {
        Blocking8x2Threads2() {
            super(Blocking.B8X2, 2, true);
        }
    }

    @Nested
    class Blocking8x2Threads3 extends KitRun {
        Blocking8x2Threads3() {
            super(Blocking.B8X2, 3, false);
        }
    }

    @Nested
    class Blocking12x2Threads1 extends KitRun {
        Blocking12x2Threads1() {
            super(Blocking.B12X2, 1, false);
        }
    }

    @Nested
    class Blocking12x2Threads2 extends KitRun {
        Blocking12x2Threads2() {
            super(Blocking.B12X2, 2, true);
        }
    }

    @Nested
    class Blocking12x2Threads3 extends KitRun {
        Blocking12x2Threads3() {
            super(Blocking.B12X2, 3, false);
        }
    }

    @Nested
    class Blocking8x3Threads1 extends KitRun {
        Blocking8x3Threads1() {
            super(Blocking.B8X3, 1, false);
        }
    }

    @Nested
    class Blocking8x3Threads2 extends KitRun {
        Blocking8x3Threads2() {
            super(Blocking.B8X3, 2, true);
        }
    }

    @Nested
    class Blocking8x3Threads3 extends KitRun {
        Blocking8x3Threads3() {
            super(Blocking.B8X3, 3, false);
        }
    }
}
