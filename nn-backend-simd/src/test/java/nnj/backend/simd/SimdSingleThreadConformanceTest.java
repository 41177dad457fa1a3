package nnj.backend.simd;

import nnj.api.backend.Backend;
import nnj.backend.tck.BackendConformanceKit;

/** The whole conformance kit on the simd backend with one thread (no worker pool). */
class SimdSingleThreadConformanceTest extends BackendConformanceKit {
    @Override
    protected Backend createBackend() {
        return new SimdBackend(1);
    }
}
