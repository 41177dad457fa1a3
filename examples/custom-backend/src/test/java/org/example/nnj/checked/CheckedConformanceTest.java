package org.example.nnj.checked;

import nnj.api.backend.Backend;
import nnj.backend.naive.NaiveBackend;
import nnj.backend.tck.BackendConformanceKit;

/** The whole nnj conformance kit, run on the checked backend. This is all a backend needs to be "done". */
class CheckedConformanceTest extends BackendConformanceKit {
    @Override
    protected Backend createBackend() {
        return new CheckedBackend(new NaiveBackend(), false);
    }
}
