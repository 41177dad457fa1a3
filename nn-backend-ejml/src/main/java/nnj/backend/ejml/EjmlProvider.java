package nnj.backend.ejml;

import nnj.api.backend.Backend;
import nnj.api.backend.BackendProvider;
import nnj.api.backend.Support;

/**
 * Registers {@link EjmlBackend} with {@link java.util.ServiceLoader}: priority 50, between naive (0)
 * and simd (100). Supported wherever EJML is on the class path, which this jar's dependency ensures.
 */
public final class EjmlProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "ejml";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public Support support() {
        try {
            Class.forName("org.ejml.dense.row.CommonOps_FDRM", false, EjmlProvider.class.getClassLoader());
            return Support.yes();
        } catch (ClassNotFoundException | LinkageError e) {
            return Support.no("EJML is not on the class path; add org.ejml:ejml-fdense to the dependencies");
        }
    }

    @Override
    public Backend create() {
        return new EjmlBackend();
    }
}
