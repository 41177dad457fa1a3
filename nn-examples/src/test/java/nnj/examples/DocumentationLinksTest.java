package nnj.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the guides points at a file that exists, and a link written as
 * {@code [`Class.method`](…/Class.java)} names a method that the file declares, so that a renamed
 * class or method or a moved example breaks the build rather than the documentation.
 *
 * <p>Covered: the Markdown files at the repository root and under {@code docs/} and
 * {@code examples/}. Web links are not fetched (the build runs offline); {@code #anchors} are ignored.
 */
class DocumentationLinksTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** A Markdown inline link or image: [text](target) or [text](target "title"). */
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    /** Link text such as `Dense.backward`: a class name, a dot, a method name. */
    private static final Pattern METHOD_REF = Pattern.compile("`?([A-Z][A-Za-z0-9]*)\\.([a-z][A-Za-z0-9]*)`?");

    @Test
    void everyRelativeLinkInTheGuidesResolves() throws IOException {
        List<Path> guides = new ArrayList<>();
        try (Stream<Path> top = Files.list(ROOT)) {
            top.filter(p -> p.toString().endsWith(".md")).forEach(guides::add);
        }
        for (String dir : new String[] {"docs", "examples"}) {
            Path d = ROOT.resolve(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> walk = Files.walk(d)) {
                    guides.addAll(walk.filter(p -> p.toString().endsWith(".md"))
                            .filter(p -> !p.toString().contains("/target/"))
                            .collect(Collectors.toList()));
                }
            }
        }
        assertTrue(guides.contains(ROOT.resolve("docs/WRITING_A_BACKEND.md")),
                "docs/WRITING_A_BACKEND.md not found from " + ROOT + "; found " + guides);

        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path guide : guides) {
            String text = Files.readString(guide, StandardCharsets.UTF_8);
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String label = m.group(1);
                String target = m.group(2);
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("#")) {
                    continue; // a web link or an anchor in the same file
                }
                int hash = target.indexOf('#');
                String file = hash >= 0 ? target.substring(0, hash) : target;
                checked++;
                Path resolved = guide.getParent().resolve(file).normalize();
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                if (!Files.exists(resolved)) {
                    broken.add(ROOT.relativize(guide) + ":" + line + ": " + target);
                    continue;
                }
                Matcher ref = METHOD_REF.matcher(label);
                if (file.endsWith(".java") && ref.matches()) {
                    String method = ref.group(2);
                    Pattern declared = Pattern.compile("\\b" + Pattern.quote(method) + "\\s*\\(");
                    if (!declared.matcher(Files.readString(resolved, StandardCharsets.UTF_8)).find()) {
                        broken.add(ROOT.relativize(guide) + ":" + line + ": [" + label + "] names method '" + method
                                + "', which " + ROOT.relativize(resolved) + " does not declare");
                    }
                }
            }
        }
        assertTrue(checked > 10, "only " + checked + " relative links found; is the pattern wrong?");
        assertTrue(broken.isEmpty(), "broken links (missing files or methods):\n" + String.join("\n", broken));
    }
}
