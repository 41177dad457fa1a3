package nnj.backend.simd;

import jdk.incubator.vector.FloatVector;

/**
 * The only class that {@link SimdSupport} loads to ask the Vector API a question. It is touched
 * only after the module {@code jdk.incubator.vector} has been found in the boot layer, so that a
 * JVM without the module never tries to link against it.
 */
final class VectorProbe {
    private VectorProbe() {
    }

    /** Floats per vector of the preferred species (16 with AVX-512, 8 with AVX2, 4 with SSE/NEON). */
    static int preferredFloatLanes() {
        return FloatVector.SPECIES_PREFERRED.length();
    }
}
