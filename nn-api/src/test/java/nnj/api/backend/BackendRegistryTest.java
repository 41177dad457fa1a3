package nnj.api.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backend selection: the precedence of name, property, environment and priority, and its errors. */
class BackendRegistryTest {
    private final Map<String, String> props = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();

    private static BackendProvider provider(String name, int priority, Support support) {
        BackendProvider p = mock(BackendProvider.class);
        when(p.name()).thenReturn(name);
        when(p.priority()).thenReturn(priority);
        when(p.support()).thenReturn(support);
        when(p.create()).thenReturn(mock(Backend.class));
        return p;
    }

    private final BackendProvider naive = provider("naive", 0, Support.yes());
    private final BackendProvider ejml = provider("ejml", 50, Support.yes());
    private final BackendProvider simd = provider("simd", 100,
            Support.no("start the JVM with --add-modules jdk.incubator.vector"));

    private BackendRegistry registry() {
        return new BackendRegistry(List.of(naive, ejml, simd), props::get, env::get);
    }

    @Test
    void aFallbackPastAnUnsupportedBackendIsExplainedWithTheFix() {
        String skipped = registry().skippedAbove(ejml);
        assertTrue(skipped.contains("using backend 'ejml'") && skipped.contains("simd skipped")
                && skipped.contains("--add-modules jdk.incubator.vector"), skipped);
        assertEquals("", registry().skippedAbove(simd), "nothing above the top backend");
        assertEquals("", new BackendRegistry(List.of(naive, ejml), props::get, env::get).skippedAbove(ejml),
                "nothing was skipped when every backend above is supported");
    }

    @Test
    void withNothingNamedTheHighestPrioritySupportedBackendWins() {
        BackendRegistry.Choice c = registry().choose(null);
        assertSame(ejml, c.provider(), "simd is unsupported, so ejml (50) beats naive (0)");
        assertTrue(c.source().contains("priority"));
    }

    @Test
    void anExplicitNameBeatsThePropertyWhichBeatsTheEnvironment() {
        props.put("nnj.backend", "ejml");
        env.put("NNJ_BACKEND", "simd");
        assertSame(naive, registry().choose("naive").provider());
        assertSame(ejml, registry().choose(null).provider());
        props.clear();
        env.put("NNJ_BACKEND", "NAIVE");
        assertSame(naive, registry().choose(null).provider(), "names are case-insensitive");
        assertSame(naive, registry().choose("  ").provider(), "a blank name counts as none");
    }

    @Test
    void anUnknownNameFailsListingEveryBackendWithItsStatus() {
        env.put("NNJ_BACKEND", "nope");
        BackendSelectionException e = assertThrows(BackendSelectionException.class, () -> registry().choose(null));
        String msg = e.getMessage();
        assertTrue(msg.contains("unknown backend 'nope'") && msg.contains("NNJ_BACKEND"), msg);
        assertTrue(msg.contains("naive") && msg.contains("ejml") && msg.contains("simd"), msg);
        assertTrue(msg.contains("unsupported — start the JVM with --add-modules jdk.incubator.vector"), msg);
    }

    @Test
    void anUnsupportedNameFailsWithItsReasonInsteadOfFallingBack() {
        props.put("nnj.backend", "simd");
        BackendSelectionException e = assertThrows(BackendSelectionException.class, () -> registry().select(null));
        assertTrue(e.getMessage().contains("'simd' (from -Dnnj.backend) cannot run here: start the JVM with"),
                e.getMessage());
        verify(simd, never()).create();
    }

    @Test
    void theListIsSortedByPriorityAndAProviderThatThrowsIsReportedNotFatal() {
        BackendProvider broken = provider("broken", 200, Support.yes());
        when(broken.support()).thenThrow(new IllegalStateException("no GPU"));
        BackendRegistry r = new BackendRegistry(List.of(naive, broken, simd, ejml), props::get, env::get);
        List<BackendStatus> list = r.list();
        assertEquals(List.of("broken", "simd", "ejml", "naive"), list.stream().map(BackendStatus::name).toList());
        assertTrue(list.get(0).describe().contains("unsupported — its support check failed"), list.get(0).describe());
        assertSame(ejml, r.choose(null).provider());
    }

    @Test
    void eachProviderIsInstantiatedOnceAndShared() {
        BackendRegistry r = registry();
        Backend first = r.select("naive");
        Backend second = r.select("naive");
        assertSame(first, second);
        verify(naive, times(1)).create();
    }

    @Test
    void noSupportedBackendIsAClearError() {
        BackendRegistry r = new BackendRegistry(List.of(simd), props::get, env::get);
        BackendSelectionException e = assertThrows(BackendSelectionException.class, () -> r.select(null));
        assertTrue(e.getMessage().contains("no supported backend"), e.getMessage());
    }
}
