package nnj.api.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Finds backends among a set of providers and chooses one. {@link Backends} is the usual entry
 * point; this class exists so that the rules can be tested with any providers and environment.
 *
 * <p>Choice, first match wins: an explicit name; the system property {@value #PROPERTY}; the
 * environment variable {@value #ENV}; else the supported provider with the highest priority.
 * A named backend that is unknown or unsupported is an error, never a silent fallback.
 *
 * <p>Each provider's backend is created once and then shared. Thread-safe.
 */
public final class BackendRegistry {
    /** The system property that names a backend. */
    public static final String PROPERTY = "nnj.backend";
    /** The environment variable that names a backend. */
    public static final String ENV = "NNJ_BACKEND";

    private final List<BackendProvider> providers;
    private final UnaryOperator<String> properties;
    private final UnaryOperator<String> environment;
    private final Map<String, Backend> instances = new HashMap<>();

    /**
     * @param providers   the candidates; the first of two with the same name wins
     * @param properties  looks up a system property (usually {@link System#getProperty(String)})
     * @param environment looks up an environment variable (usually {@link System#getenv(String)})
     */
    public BackendRegistry(List<BackendProvider> providers, UnaryOperator<String> properties,
                           UnaryOperator<String> environment) {
        this.providers = List.copyOf(providers);
        this.properties = Objects.requireNonNull(properties);
        this.environment = Objects.requireNonNull(environment);
    }

    /** Every backend found, highest priority first, with whether it is supported and why not. */
    public List<BackendStatus> list() {
        List<BackendStatus> out = new ArrayList<>();
        for (BackendProvider p : providers) {
            out.add(new BackendStatus(p.name(), p.priority(), supportOf(p)));
        }
        out.sort(Comparator.comparingInt(BackendStatus::priority).reversed()
                .thenComparing(BackendStatus::name));
        return out;
    }

    /**
     * The backend that {@link #select(String)} would choose, and why, without creating it.
     *
     * @param explicitName a name given through the API or {@code --backend}, or {@code null}
     * @throws BackendSelectionException if a named backend is unknown or unsupported, or none is supported
     */
    public Choice choose(String explicitName) {
        String[][] sources = {
            {explicitName, "the explicit name"},
            {properties.apply(PROPERTY), "-D" + PROPERTY},
            {environment.apply(ENV), "the environment variable " + ENV},
        };
        for (String[] source : sources) {
            String name = source[0];
            if (name != null && !name.isBlank()) {
                return new Choice(named(name.trim(), source[1]), source[1]);
            }
        }
        return new Choice(bestSupported(), "the highest priority among the supported backends");
    }

    /** The chosen backend's shared instance; see {@link #choose(String)}. */
    public Backend select(String explicitName) {
        return instance(choose(explicitName).provider());
    }

    private BackendProvider named(String name, String source) {
        for (BackendProvider p : providers) {
            if (p.name().equalsIgnoreCase(name)) {
                Support s = supportOf(p);
                if (!s.supported()) {
                    throw new BackendSelectionException("backend '" + p.name() + "' (from " + source
                            + ") cannot run here: " + s.reason() + "\n" + table());
                }
                return p;
            }
        }
        throw new BackendSelectionException("unknown backend '" + name + "' (from " + source + ")\n" + table());
    }

    private BackendProvider bestSupported() {
        BackendProvider best = null;
        for (BackendProvider p : providers) {
            if (supportOf(p).supported() && (best == null || p.priority() > best.priority())) {
                best = p;
            }
        }
        if (best == null) {
            throw new BackendSelectionException("no supported backend found\n" + table()
                    + "\nPut a backend jar such as nn-backend-naive on the class path.");
        }
        return best;
    }

    private synchronized Backend instance(BackendProvider p) {
        return instances.computeIfAbsent(p.name().toLowerCase(Locale.ROOT), n -> p.create());
    }

    /**
     * The backends of higher priority than {@code chosen} that cannot run here, with why, in one
     * message ({@code ""} when there are none): what a user needs to know when the default is not
     * the fastest backend installed.
     */
    public String skippedAbove(BackendProvider chosen) {
        StringBuilder sb = new StringBuilder();
        for (BackendStatus s : list()) {
            if (s.priority() > chosen.priority() && !s.support().supported()) {
                sb.append(sb.length() == 0 ? "" : "; ").append(s.name()).append(" skipped: ").append(s.support().reason());
            }
        }
        return sb.length() == 0 ? "" : "using backend '" + chosen.name() + "'; " + sb;
    }

    /** The list of backends as the error messages show it. */
    public String table() {
        List<BackendStatus> all = list();
        if (all.isEmpty()) {
            return "No backends were found on the class path.";
        }
        StringBuilder sb = new StringBuilder("Available backends:");
        for (BackendStatus s : all) {
            sb.append("\n  ").append(s.describe());
        }
        return sb.toString();
    }

    /** A provider's support; a provider that throws is reported as unsupported, with the error. */
    private static Support supportOf(BackendProvider p) {
        try {
            return p.support();
        } catch (RuntimeException | LinkageError e) {
            return Support.no("its support check failed: " + e);
        }
    }

    /**
     * The outcome of a choice.
     *
     * @param provider the chosen provider
     * @param source   what decided it, e.g. {@code "-Dnnj.backend"}
     */
    public record Choice(BackendProvider provider, String source) {
    }
}
