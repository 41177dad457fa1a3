package nnj.backend.ejml;

import nnj.api.backend.Backend;
import nnj.backend.tck.BackendConformanceKit;

/**
 * The conformance kit again with one thread, so that every gemm goes through CommonOps_FDRM
 * (the default thread count sends large products to CommonOps_MT_FDRM).
 */
class EjmlSingleThreadConformanceTest extends BackendConformanceKit {
    @Override
    protected Backend createBackend() {
        EjmlBackend backend = new EjmlBackend();
        backend.setThreads(1);
        return backend;
    }
}
