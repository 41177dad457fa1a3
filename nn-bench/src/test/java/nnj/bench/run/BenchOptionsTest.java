package nnj.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import nnj.bench.BenchBackends;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.ProfilerConfig;

/** How BenchMain merges the command line, a profile and the backends it discovers. No timing. */
class BenchOptionsTest {

    private static Options build(Profile profile, String... args) throws Exception {
        return BenchOptions.build(new CommandLineOptions(args), profile, BenchBackends.supportedNames(), 2, "out/x.json");
    }

    private static List<String> param(Options o, String name) {
        Collection<String> v = o.getParameter(name).orElse(List.of());
        return new ArrayList<>(v);
    }

    @Test
    void discoversTheDemoBackendFromTheClassPathWithNoEditsToTheBenchmarks() {
        // The demo backend is registered only by src/test/resources/META-INF/services.
        List<String> names = BenchBackends.supportedNames();
        assertTrue(names.contains("demo"), "discovered: " + names);
        assertTrue(names.contains("naive"), "discovered: " + names);
    }

    @Test
    void passesEveryDiscoveredBackendAsTheBackendParameter() throws Exception {
        Options o = build(null);
        assertEquals(BenchBackends.supportedNames(), param(o, "backend"));
        assertTrue(param(o, "backend").contains("demo"));
    }

    @Test
    void anExplicitBackendParameterWins() throws Exception {
        Options o = build(Profile.QUICK, "-p", "backend=naive");
        assertEquals(List.of("naive"), param(o, "backend"));
    }

    @Test
    void forksGetTheVectorModuleOnceAndKeepUserArguments() throws Exception {
        Options o = build(null, "-jvmArgsAppend", "-Xmx1g");
        List<String> args = new ArrayList<>(o.getJvmArgsAppend().get());
        assertEquals(List.of("--add-modules", "jdk.incubator.vector", "-XX:+UseTransparentHugePages", "-Xmx1g"), args);
        Options twice = build(null, "-jvmArgsAppend", "--add-modules=jdk.incubator.vector");
        assertEquals(List.of("--add-modules=jdk.incubator.vector"), new ArrayList<>(twice.getJvmArgsAppend().get()));
    }

    @Test
    void quickProfileSetsShortRunsJsonOutputAndTheGcProfiler() throws Exception {
        Options o = build(Profile.QUICK);
        assertEquals(1, o.getForkCount().get());
        assertEquals(3, o.getMeasurementIterations().get());
        assertFalse(o.getWarmupIterations().hasValue(), "quick keeps each benchmark's own @Warmup");
        assertEquals(List.of("1"), param(o, "threads"));
        assertEquals(ResultFormatType.JSON, o.getResultFormat().get());
        assertEquals("out/x.json", o.getResult().get());
        assertTrue(o.getProfilers().stream().map(ProfilerConfig::getKlass).anyMatch(k -> k.contains("GCProfiler")));
        assertFalse(o.getIncludes().isEmpty());
    }

    @Test
    void commandLineFlagsOverrideTheProfile() throws Exception {
        Options o = build(Profile.QUICK, "-i", "7", "-f", "2", "-rff", "mine.json", "-prof", "gc", "Gemm");
        assertEquals(7, o.getMeasurementIterations().get());
        assertEquals(2, o.getForkCount().get());
        assertEquals("mine.json", o.getResult().get());
        assertEquals(List.of("Gemm"), o.getIncludes());
        assertEquals(1, o.getProfilers().size(), "gc once, not twice");
    }

    @Test
    void fullProfileRunsOneAndAllCoresAndEveryTransposeVariant() throws Exception {
        Options o = build(Profile.FULL);
        assertEquals(List.of("1", "2"), param(o, "threads"));
        assertEquals(4, o.getMeasurementIterations().get());
        List<String> gemm = param(o, "gemm");
        assertTrue(gemm.contains("1024x1024x1024:TT"));
        assertTrue(gemm.contains("784x128x256:NT"));
        assertEquals(9 * 4, gemm.size());
    }

    @Test
    void withoutAProfileTheBenchmarksKeepTheirDefaults() throws Exception {
        Options o = build(null);
        assertFalse(o.getParameter("gemm").hasValue());
        assertFalse(o.getResult().hasValue());
        assertTrue(o.getProfilers().isEmpty());
    }

    @Test
    void nnjFlagsAreTakenOutAndTheRestGoesToJmh() {
        BenchArgs a = BenchArgs.parse(new String[] {"--profile", "quick", "-prof", "gc", "--no-refs", "--report", "Mlp"});
        assertEquals(Profile.QUICK, a.profile);
        assertFalse(a.runReferences());
        assertTrue(a.report);
        assertEquals(List.of("-prof", "gc", "Mlp"), a.jmhArgs);
        assertTrue(BenchArgs.parse(new String[] {"--profile=full"}).runReferences());
        assertFalse(BenchArgs.parse(new String[] {}).runReferences());
    }

    @Test
    void badNnjFlagsSayWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchArgs.parse(new String[] {"--profile", "slow"}));
        assertTrue(e.getMessage().contains("quick, full"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(new String[] {"--profile"}));
        assertTrue(e.getMessage().contains("--profile needs a value"), e.getMessage());
    }
}
