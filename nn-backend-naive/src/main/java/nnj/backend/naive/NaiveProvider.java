package nnj.backend.naive;

import nnj.api.backend.Backend;
import nnj.api.backend.BackendProvider;
import nnj.api.backend.Support;

/** Registers {@link NaiveBackend} with {@link java.util.ServiceLoader}. Always supported, lowest priority. */
public final class NaiveProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "naive";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Support support() {
        return Support.yes();
    }

    @Override
    public Backend create() {
        return new NaiveBackend();
    }
}
