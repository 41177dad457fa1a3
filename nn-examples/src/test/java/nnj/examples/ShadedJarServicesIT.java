package nnj.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded CLI jar must keep every backend's service entry: a fat jar that keeps only one
 * {@code META-INF/services} file silently loses backends (DL4J users hit exactly this). The
 * expected providers are read from the backend modules' own service files in the reactor, so the
 * test stays right as backends are added.
 *
 * <p>Runs in {@code mvn verify} (failsafe), after {@code package} has built {@code target/nnj.jar}.
 */
class ShadedJarServicesIT {
    private static final String SERVICE = "META-INF/services/nnj.api.backend.BackendProvider";
    private static final Path JAR = Path.of("target", "nnj.jar");

    private static TreeSet<String> expected;

    @BeforeAll
    static void readTheBackendModulesServiceFiles() throws IOException {
        expected = new TreeSet<>();
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(Path.of(".."), "nn-backend-*")) {
            for (Path module : modules) {
                Path file = module.resolve("src/main/resources").resolve(SERVICE);
                if (Files.isRegularFile(file)) {
                    expected.addAll(providerLines(Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
        }
        // Guards against a vacuous pass, e.g. when run from another working directory.
        assertTrue(expected.contains("nnj.backend.naive.NaiveProvider"),
                "could not read the backend modules' service files from " + Path.of("..").toAbsolutePath()
                        + "; found " + expected);
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run `mvn package` first");
    }

    @Test
    void theMergedServiceFileListsEveryBackendModulesProvider() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            ZipEntry entry = jar.getEntry(SERVICE);
            assertNotNull(entry, JAR + " has no " + SERVICE + ": the shade plugin dropped it");
            String merged;
            try (InputStream in = jar.getInputStream(entry)) {
                merged = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            TreeSet<String> missing = new TreeSet<>(expected);
            missing.removeAll(providerLines(merged));
            assertTrue(missing.isEmpty(), JAR + "'s " + SERVICE + " lacks " + missing
                    + ". Is the backend a dependency of nn-examples, and is ServicesResourceTransformer still"
                    + " configured in the shade plugin? The file holds:\n" + merged);
            for (String provider : expected) {
                String cls = provider.replace('.', '/') + ".class";
                assertNotNull(jar.getEntry(cls), JAR + " lists " + provider + " but does not contain " + cls);
            }
        }
    }

    /** Loads the providers from the jar alone, as `java -jar nnj.jar` would, and asks each for its name. */
    @Test
    void serviceLoaderFindsAndCreatesEveryProviderFromTheJarAlone() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> spi = loader.loadClass("nnj.api.backend.BackendProvider");
            Method name = spi.getMethod("name");
            TreeSet<String> loaded = new TreeSet<>();
            List<String> names = new ArrayList<>();
            Iterator<?> it = ServiceLoader.load(spi, loader).iterator();
            while (it.hasNext()) {
                Object provider = it.next(); // throws ServiceConfigurationError for a broken entry
                loaded.add(provider.getClass().getName());
                names.add((String) name.invoke(provider));
            }
            TreeSet<String> missing = new TreeSet<>(expected);
            missing.removeAll(loaded);
            assertTrue(missing.isEmpty(), "ServiceLoader over " + JAR + " alone did not find " + missing
                    + "; it found " + loaded + " (names " + names + ")");
            assertEquals(names.size(), new TreeSet<>(names).size(), "two providers share a name: " + names);
        }
    }

    /** The class names in a service file: one a line, '#' starts a comment, blanks ignored. */
    private static List<String> providerLines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String s = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
