package nnj.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import nnj.api.backend.BackendProvider;
import nnj.api.backend.Support;
import org.junit.jupiter.api.Test;

/** Runtime detection: the pure decision function, this JVM, and forked JVMs without the module or C2. */
class SimdSupportTest {

    @Test
    void eachMissingConditionGivesItsReasonAndFix() {
        Support noModule = SimdSupport.evaluate(false, false, null, -1);
        assertFalse(noModule.supported());
        assertTrue(noModule.reason().contains("--add-modules jdk.incubator.vector"), noModule.reason());

        Support unreadable = SimdSupport.evaluate(true, false, null, -1);
        assertTrue(unreadable.reason().contains("--add-reads"), unreadable.reason());

        Support interpreted = SimdSupport.evaluate(true, true, "-Xint", -1);
        assertTrue(interpreted.reason().contains("C2") && interpreted.reason().contains("-Xint"), interpreted.reason());

        Support narrow = SimdSupport.evaluate(true, true, null, 2);
        assertTrue(narrow.reason().contains("2 floats"), narrow.reason());

        assertTrue(SimdSupport.evaluate(true, true, null, 4).supported());
        assertTrue(SimdSupport.evaluate(true, true, null, 16).supported());
    }

    @Test
    void thisTestJvmHasTheModuleAndC2() {
        // surefire starts this JVM with --add-modules jdk.incubator.vector and the default JIT
        assertEquals(Support.yes(), SimdSupport.detect());
    }

    @Test
    void theProviderIsRegisteredWithPriority100() {
        List<String> names = new ArrayList<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            names.add(p.name());
            if (p.name().equals("simd")) {
                assertEquals(100, p.priority());
                Support s = p.support();
                assertEquals(SimdProvider.COMPLETE, s.supported(), s.reason());
            }
        }
        assertTrue(names.contains("simd"), "providers found: " + names);
    }

    @Test
    void aJvmWithoutTheModuleIsToldToAddIt() throws Exception {
        String out = fork();
        assertTrue(out.startsWith("UNSUPPORTED") && out.contains("--add-modules jdk.incubator.vector"), out);
    }

    @Test
    void anInterpretedJvmIsToldToEnableC2() throws Exception {
        String out = fork("--add-modules", "jdk.incubator.vector", "-Xint");
        assertTrue(out.startsWith("UNSUPPORTED") && out.contains("-Xint"), out);
        String c1 = fork("--add-modules", "jdk.incubator.vector", "-XX:TieredStopAtLevel=1");
        assertTrue(c1.startsWith("UNSUPPORTED") && c1.contains("TieredStopAtLevel=1"), c1);
    }

    @Test
    void aJvmWithTheModuleIsSupported() throws Exception {
        assertEquals("SUPPORTED", fork("--add-modules", "jdk.incubator.vector"));
    }

    /** Runs {@link SupportProbeMain} in a new JVM (same JDK and class path) and returns its last line. */
    static String fork(String... jvmOptions) throws IOException, InterruptedException {
        return forkWith(jvmOptions);
    }

    /** Like {@link #fork}, passing {@code probeArgs} to the probe. */
    static String forkWith(String[] jvmOptions, String... probeArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmOptions));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SupportProbeMain.class.getName());
        cmd.addAll(List.of(probeArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), text);
        String[] lines = text.strip().split("\\R");
        return lines[lines.length - 1];
    }
}
