package nnj.bench.demo;

import nnj.api.backend.Backend;
import nnj.backend.tck.BackendConformanceKit;

/** The demo backend passes the same conformance kit as the real ones, so its figures mean something. */
class DemoConformanceTest extends BackendConformanceKit {
    @Override
    protected Backend createBackend() {
        return new DemoBackend();
    }
}
