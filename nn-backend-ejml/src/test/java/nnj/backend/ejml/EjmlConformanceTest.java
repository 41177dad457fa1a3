package nnj.backend.ejml;

import nnj.api.backend.Backend;
import nnj.backend.tck.BackendConformanceKit;

/** The whole conformance kit, run on the EJML backend (with its default thread count). */
class EjmlConformanceTest extends BackendConformanceKit {
    @Override
    protected Backend createBackend() {
        return new EjmlBackend();
    }
}
