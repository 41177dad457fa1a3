package nnj.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/ARCHITECTURE.md's diagram of modules and packages matches the code: every main package of
 * every module is named there, and every package it names exists.
 */
class ArchitectureDiagramTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyMainPackageIsInTheDiagramAndNothingElse() throws IOException {
        TreeSet<String> packages = new TreeSet<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(m -> m.getFileName().toString().startsWith("nn-")).collect(Collectors.toList())) {
                Path src = module.resolve("src/main/java");
                if (!Files.isDirectory(src)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(src)) {
                    walk.filter(p -> p.toString().endsWith(".java"))
                            .map(p -> src.relativize(p.getParent()).toString().replace('/', '.'))
                            .forEach(packages::add);
                }
            }
        }
        String doc = Files.readString(ROOT.resolve("docs/ARCHITECTURE.md"));
        List<String> missing = packages.stream().filter(p -> !doc.contains(p)).collect(Collectors.toList());
        assertTrue(missing.isEmpty(), "packages missing from docs/ARCHITECTURE.md: " + missing);
        TreeSet<String> named = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bnnj(\\.[a-z]+)+\\b").matcher(doc);
        while (m.find()) {
            named.add(m.group());
        }
        List<String> stale = named.stream()
                .filter(n -> !packages.contains(n) && packages.stream().noneMatch(p -> p.startsWith(n + ".")))
                .filter(n -> !n.equals("nnj.backend") && !n.equals("nnj.jar")) // a property name, a file name
                .collect(Collectors.toList());
        assertTrue(stale.isEmpty(), "docs/ARCHITECTURE.md names packages that do not exist: " + stale);
    }
}
