package nnj.backend.simd;

import nnj.api.backend.Backend;
import nnj.api.backend.BackendProvider;
import nnj.api.backend.Support;

/**
 * Registers {@link SimdBackend} with {@link java.util.ServiceLoader}: the highest priority, so it
 * is the default wherever {@link SimdSupport} says the Vector API can run well.
 */
public final class SimdProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "simd";

    /**
     * Whether the backend passes the whole conformance kit (it does, on JDK 17 and 25: see
     * SimdConformanceTest). While false the provider reports "incomplete", so that an unfinished
     * backend never becomes the default by accident.
     */
    static final boolean COMPLETE = true;

    private volatile Support support;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Support support() {
        Support s = support;
        if (s == null) {
            s = COMPLETE ? SimdSupport.detect() : Support.no("incomplete");
            if (s.supported()) { // say which kernel and block sizes it chose, for `nnj backends`
                try {
                    s = new Support(true, GemmConfig.detect().reason());
                } catch (IllegalArgumentException e) { // a bad -Dnnj.simd.blocking or -Dnnj.simd.rowMajorA
                    s = Support.no(e.getMessage());
                }
            }
            support = s;
        }
        return s;
    }

    @Override
    public Backend create() {
        Support s = support();
        if (!s.supported()) {
            throw new IllegalStateException("the simd backend is not supported here: " + s.reason());
        }
        return new SimdBackend();
    }
}
