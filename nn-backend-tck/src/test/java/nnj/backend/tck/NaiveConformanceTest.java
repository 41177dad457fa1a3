package nnj.backend.tck;

import nnj.api.backend.Backend;
import nnj.backend.naive.NaiveBackend;

/** The kit run on naive itself: this checks the kit's plumbing; naive's numbers are checked in closed form. */
class NaiveConformanceTest extends BackendConformanceKit {
    @Override
    protected Backend createBackend() {
        return new NaiveBackend();
    }
}
