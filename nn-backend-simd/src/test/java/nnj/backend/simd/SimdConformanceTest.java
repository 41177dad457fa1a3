package nnj.backend.simd;

import nnj.api.backend.Backend;
import nnj.backend.tck.BackendConformanceKit;

/** The whole conformance kit on the simd backend with its default thread count. */
class SimdConformanceTest extends BackendConformanceKit {
    @Override
    protected Backend createBackend() {
        return new SimdBackend();
    }
}
