package nnj.bench.demo;

import nnj.api.backend.Backend;
import nnj.api.backend.BackendProvider;
import nnj.api.backend.Support;

/** Registers {@link DemoBackend} through META-INF/services, like any third-party backend would. */
public final class DemoProvider implements BackendProvider {
    public static final String NAME = "demo";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return -10; // never chosen by default
    }

    @Override
    public Support support() {
        return Support.yes();
    }

    @Override
    public Backend create() {
        return new DemoBackend();
    }
}
