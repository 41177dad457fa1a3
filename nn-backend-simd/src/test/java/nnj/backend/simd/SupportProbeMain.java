package nnj.backend.simd;

/**
 * Run in a forked JVM by {@link SimdSupportTest} and {@link GemmConfigTest}: prints what detection
 * says in that JVM, or with the argument {@code config} the GEMM configuration it would choose.
 */
public final class SupportProbeMain {
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("config")) {
            System.out.println(GemmConfig.detect().reason());
            return;
        }
        nnj.api.backend.Support s = SimdSupport.detect();
        System.out.println(s.supported() ? "SUPPORTED" : "UNSUPPORTED " + s.reason());
    }
}
