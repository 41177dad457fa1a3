package nnj.api.backend;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The backends on the class path, found with {@link ServiceLoader}, and the rules for choosing one
 * (see {@link BackendRegistry}): an explicit name, else {@code -Dnnj.backend}, else
 * {@code NNJ_BACKEND}, else the highest-priority supported backend.
 *
 * <pre>{@code
 * Backend backend = Backends.best();           // the default choice
 * Backend ejml = Backends.named("ejml");       // or by name
 * }</pre>
 *
 * <p>Backends returned here are shared per JVM: closing one closes it for everybody.
 *
 * <p>Thread safety: this class is thread-safe; the class path is scanned once, on first use. The
 * {@link Backend} it returns is shared, and a backend serves one caller thread at a time (see
 * {@link Backend}): code that computes on several threads at once should give each its own
 * instance, from {@link BackendProvider#create()}.
 */
public final class Backends {
    private Backends() {
    }

    private static final class Holder {
        static final BackendRegistry REGISTRY =
                new BackendRegistry(discover(), System::getProperty, System::getenv);
    }

    /** The registry over every provider on the class path, with the real properties and environment. */
    public static BackendRegistry registry() {
        return Holder.REGISTRY;
    }

    /**
     * The default backend: {@code -Dnnj.backend}, else {@code NNJ_BACKEND}, else the best supported.
     * When a backend of higher priority than the chosen one cannot run here, that is logged once
     * per JVM ({@link System.Logger}, level INFO, logger {@code nnj.api.backend}) with the reason
     * and the fix, e.g. that simd needs {@code --add-modules jdk.incubator.vector}: a fallback is
     * never silent.
     */
    public static Backend best() {
        Backend chosen = registry().select(null);
        SkippedBackends.logOnce(registry());
        return chosen;
    }

    /**
     * The backend with this name, or the default one when {@code name} is null or blank.
     *
     * @throws BackendSelectionException naming every backend, if it is unknown or unsupported
     */
    public static Backend named(String name) {
        return registry().select(name);
    }

    /** Says once per JVM which higher-priority backends were skipped, and why. */
    private static final class SkippedBackends {
        private static final System.Logger LOG = System.getLogger("nnj.api.backend");
        private static final java.util.concurrent.atomic.AtomicBoolean DONE = new java.util.concurrent.atomic.AtomicBoolean();

        static void logOnce(BackendRegistry registry) {
            if (!DONE.compareAndSet(false, true)) {
                return;
            }
            String skipped = registry.skippedAbove(registry.choose(null).provider());
            if (!skipped.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, skipped);
            }
        }
    }

    /** Every backend found, highest priority first, with its status. */
    public static List<BackendStatus> list() {
        return registry().list();
    }

    /** Loads the providers; a broken service entry becomes an unsupported backend, not a crash. */
    static List<BackendProvider> discover() {
        List<BackendProvider> found = new ArrayList<>();
        Iterator<BackendProvider> it = ServiceLoader.load(BackendProvider.class).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                found.add(new BrokenProvider(e));
            }
        }
        return found;
    }

    /** Stands in for a provider that could not be loaded, so the listing can say why. */
    private static final class BrokenProvider implements BackendProvider {
        private final ServiceConfigurationError error;

        BrokenProvider(ServiceConfigurationError error) {
            this.error = error;
        }

        @Override
        public String name() {
            return "(broken)";
        }

        @Override
        public int priority() {
            return Integer.MIN_VALUE;
        }

        @Override
        public Support support() {
            return Support.no("a service entry could not be loaded: " + error.getMessage());
        }

        @Override
        public Backend create() {
            throw new IllegalStateException(error);
        }
    }
}
