package nnj.backend.simd;

/** Run in a forked JVM by {@link SimdSupportTest}: prints what detection says in that JVM. */
public final class SupportProbeMain {
    public static void main(String[] args) {
        nnj.api.backend.Support s = SimdSupport.detect();
        System.out.println(s.supported() ? "SUPPORTED" : "UNSUPPORTED " + s.reason());
    }
}
