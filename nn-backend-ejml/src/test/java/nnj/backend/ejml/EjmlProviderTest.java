package nnj.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import nnj.api.backend.Backend;
import nnj.api.backend.BackendProvider;
import nnj.api.backend.Backends;
import org.junit.jupiter.api.Test;

/** The service file registers the provider, and selection by name finds it. */
class EjmlProviderTest {

    @Test
    void serviceLoaderFindsTheProvider() {
        BackendProvider found = null;
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equals("ejml")) {
                found = p;
            }
        }
        assertInstanceOf(EjmlProvider.class, found, "META-INF/services must list nnj.backend.ejml.EjmlProvider");
        assertEquals(50, found.priority(), "between naive (0) and simd (100)");
        assertTrue(found.support().supported(), found.support().reason());
    }

    @Test
    void namedSelectionCreatesAnEjmlBackend() {
        try (Backend b = Backends.named("ejml")) {
            assertInstanceOf(EjmlBackend.class, b);
            assertEquals("ejml", b.name());
            assertTrue(b.threads() >= 1);
        }
    }
}
