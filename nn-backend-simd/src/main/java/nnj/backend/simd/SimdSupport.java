package nnj.backend.simd;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import nnj.api.backend.Support;

/**
 * Decides at run time whether the SIMD backend can run well in this JVM, without touching a Vector
 * API class unless the module is there (the approach of Lucene's {@code VectorizationProvider}).
 *
 * <p>Three conditions, each with a fix in its reason:
 * <ol>
 *   <li>the module {@code jdk.incubator.vector} is in the boot layer and readable: it is only
 *       resolved when the JVM starts with {@code --add-modules jdk.incubator.vector};</li>
 *   <li>the C2 compiler is on: without it (-Xint, or tiered compilation stopped below level 4)
 *       every vector operation runs as slow, allocating Java code;</li>
 *   <li>the preferred species has at least {@value #MIN_LANES} floats.</li>
 * </ol>
 * {@link #evaluate} is a pure function of the facts, so tests can check every branch.
 */
final class SimdSupport {
    static final String MODULE = "jdk.incubator.vector";
    static final int MIN_LANES = 4;

    private SimdSupport() {
    }

    /** The facts about this JVM, gathered without loading the Vector API unless it is present. */
    static Support detect() {
        Optional<Module> module = ModuleLayer.boot().findModule(MODULE);
        boolean present = module.isPresent();
        boolean readable = present && SimdSupport.class.getModule().canRead(module.get());
        String compilerProblem = compilerProblem();
        int lanes = -1;
        if (present && readable && compilerProblem == null) {
            try {
                lanes = VectorProbe.preferredFloatLanes();
            } catch (Throwable t) { // LinkageError on an odd JVM: report it, never throw
                return Support.no("the Vector API failed to start (" + t + "); use another backend");
            }
        }
        return evaluate(present, readable, compilerProblem, lanes);
    }

    /**
     * The verdict for the given facts.
     *
     * @param modulePresent   whether {@code jdk.incubator.vector} is in the boot layer
     * @param moduleReadable  whether this code's module reads it
     * @param compilerProblem null when C2 is available, else what disables it
     * @param lanes           floats per preferred vector, or −1 when not asked
     */
    static Support evaluate(boolean modulePresent, boolean moduleReadable, String compilerProblem, int lanes) {
        if (!modulePresent) {
            return Support.no("the Vector API module is not loaded: start the JVM with --add-modules "
                    + MODULE + " (./nnj does this for you)");
        }
        if (!moduleReadable) {
            return Support.no("the module " + MODULE + " is not readable from nnj.backend.simd: add "
                    + "--add-reads nnj.backend.simd=" + MODULE + " or run nnj on the class path");
        }
        if (compilerProblem != null) {
            return Support.no("the C2 JIT compiler is off (" + compilerProblem + "), so vector code would "
                    + "run interpreted: remove that JVM option");
        }
        if (lanes < MIN_LANES) {
            return Support.no("the CPU's preferred vector holds " + lanes + " floats, fewer than "
                    + MIN_LANES + ": use the ejml or naive backend");
        }
        return Support.yes();
    }

    /** Null when C2 will compile hot code; otherwise the option or mode that prevents it. */
    static String compilerProblem() {
        String info = System.getProperty("java.vm.info", "");
        if (info.contains("interpreted mode")) {
            return "-Xint";
        }
        try {
            com.sun.management.HotSpotDiagnosticMXBean hotspot =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (hotspot == null) {
                return null;
            }
            boolean tiered = Boolean.parseBoolean(hotspot.getVMOption("TieredCompilation").getValue());
            int stopAt = Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue());
            if (tiered && stopAt < 4) {
                return "-XX:TieredStopAtLevel=" + stopAt;
            }
            if (!Boolean.parseBoolean(hotspot.getVMOption("UseCompiler").getValue())) {
                return "-XX:-UseCompiler";
            }
        } catch (RuntimeException | LinkageError e) {
            // Not HotSpot, or no management: trust java.vm.info, checked above.
        }
        return null;
    }
}
