package org.example.nnj.checked;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import nnj.api.Tensor;
import nnj.api.backend.Backend;
import nnj.api.backend.BackendProvider;
import nnj.api.backend.BackendRegistry;
import nnj.api.backend.BackendStatus;
import nnj.api.backend.Backends;
import nnj.api.backend.UnaryOp;
import nnj.backend.naive.NaiveBackend;
import org.junit.jupiter.api.Test;

/** What the kit does not cover: this backend's own extras, and its registration. */
class CheckedBackendTest {
    private static final float NAN = Float.NaN;

    @Test
    void theServiceFileRegistersTheProviderUnderItsName() {
        BackendStatus status = Backends.list().stream().filter(s -> s.name().equals("checked")).findFirst()
                .orElseThrow(() -> new AssertionError("checked is not listed: " + Backends.list()));
        assertTrue(status.support().supported(), status.describe());
        assertEquals(-10, status.priority());
        assertEquals("checked", Backends.named("checked").name());
        // Its low priority keeps it from being the default while naive is present (no property, no env).
        List<BackendProvider> found = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(found::add);
        BackendRegistry registry = new BackendRegistry(found, key -> null, key -> null);
        assertEquals("naive", registry.choose(null).provider().name());
    }

    @Test
    void finiteModeRefusesANaNInputNamingTheOpTheArgumentAndTheElement() {
        Backend b = new CheckedBackend(new NaiveBackend(), true);
        Tensor a = b.tensor(2, 3);
        Tensor m = b.tensor(3, 2);
        b.unary(UnaryOp.LOG, b.fromArray(new float[] {1, 1, 1, 1, 0, 1}, 3, 2), m); // ln 0 = −∞ at [2, 0]
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.gemm(false, false, 1f, a, m, 0f, b.tensor(2, 2)));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("checked: gemm: B (3, 2) holds -Infinity at [2, 0]"), msg);
        assertTrue(msg.contains("nnj.checked.finite=true"), msg);
    }

    @Test
    void finiteModeRefusesANaNUploadedFromTheHost() {
        Backend b = new CheckedBackend(new NaiveBackend(), true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.fromArray(new float[] {0, NAN, 0}, 3));
        assertTrue(e.getMessage().startsWith("checked: upload: src (3) holds NaN at [1]"), e.getMessage());
    }

    @Test
    void finiteModeFollowsTheBlasRulesAndIgnoresWhatAnOpDoesNotRead() {
        Backend b = new CheckedBackend(new NaiveBackend(), true);
        Tensor c = b.tensor(2, 2);
        b.unary(UnaryOp.LOG, b.tensor(2, 2), c); // C = −∞ everywhere
        Tensor a = b.fromArray(new float[] {1, 2, 3, 4}, 2, 2);
        b.gemm(false, false, 1f, a, a, 0f, c); // beta = 0: C is not read, so its −∞ is no error
        assertArrayEquals(new float[] {7, 10, 15, 22}, c.toArray());
        b.unary(UnaryOp.LOG, b.tensor(2, 2), c);
        assertThrows(IllegalArgumentException.class, () -> b.gemm(false, false, 1f, a, a, 1f, c));
    }

    @Test
    void withoutFiniteModeNaNFlowsThroughLikeOnNaive() {
        Backend b = new CheckedBackend(new NaiveBackend(), false);
        Tensor x = b.fromArray(new float[] {NAN, -1, 2}, 3);
        b.unary(UnaryOp.RELU, x, x);
        float[] got = x.toArray();
        assertTrue(Float.isNaN(got[0]));
        assertEquals(0f, got[1]);
        assertEquals(2f, got[2]);
    }

    @Test
    void theDelegatesTensorsAreRefusedNamingBothBackends() {
        NaiveBackend naive = new NaiveBackend();
        Backend b = new CheckedBackend(naive, false);
        Tensor foreign = naive.tensor(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.unary(UnaryOp.NEG, foreign, b.tensor(2)));
        assertTrue(e.getMessage().contains("'naive'") && e.getMessage().contains("'checked'"), e.getMessage());
    }

    @Test
    void aNullArgumentIsNamed() {
        Backend b = new CheckedBackend(new NaiveBackend(), false);
        NullPointerException e = assertThrows(NullPointerException.class, () -> b.unary(null, b.tensor(1), b.tensor(1)));
        assertEquals("checked: unary: op is null", e.getMessage());
    }
}
