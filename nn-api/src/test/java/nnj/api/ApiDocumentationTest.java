package nnj.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps nn-api's Javadoc complete: compiles the module's sources with javac's doclint and checks
 * that every public and protected type and member in the documented packages has a comment, and
 * that every public class and interface says whether it is safe to use from several threads.
 *
 * <p>Why a test and not {@code -Xdoclint:all} in the build: doclint's "missing" group also demands
 * an {@code @param} and {@code @return} tag on every method, which the short prose style of this
 * code does not use. Broken references and bad HTML are caught by {@code mvn javadoc:javadoc}.
 */
class ApiDocumentationTest {

    /** The packages whose Javadoc has been reviewed; new packages join when they are documented. */
    private static final Set<String> DOCUMENTED = Set.of("nnj.api", "nnj.api.backend", "nnj.api.layers", "nnj.api.layers.conv", "nnj.api.loss", "nnj.api.optim", "nnj.api.init", "nnj.api.train", "nnj.api.metrics", "nnj.api.check", "nnj.api.io", "nnj.api.data");

    private static final Path SOURCES = Path.of("src", "main", "java");

    private static final List<String> missing = new ArrayList<>();
    private static final List<String> errors = new ArrayList<>();
    private static final List<String> noThreadSafety = new ArrayList<>();

    @BeforeAll
    static void compileWithDoclint() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            // Only the documented packages are compiled; the rest resolve from target/classes on the class path.
            files = walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> documented(p.toAbsolutePath().toString()))
                    .sorted().collect(Collectors.toList());
        }
        assertTrue(files.stream().anyMatch(p -> p.endsWith(Path.of("nnj", "api", "backend", "Backend.java"))),
                "nn-api's sources were not found under " + SOURCES.toAbsolutePath());
        Path out = Files.createTempDirectory("nnj-doclint");
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ENGLISH,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-Xdoclint:all/protected", "-Xmaxwarns", "100000", "-Xmaxerrs", "100000",
                    "-proc:none", "-implicit:none", "-encoding", "UTF-8", "-d", out.toString(),
                    "-cp", System.getProperty("java.class.path"));
            JavacTask task = (JavacTask) javac.getTask(null, fm, diagnostics, options, null,
                    fm.getJavaFileObjectsFromPaths(files));
            Iterable<? extends Element> types = task.analyze();
            Elements elements = task.getElements();
            for (Element e : types) {
                if (e instanceof TypeElement) { // package-info files come back as packages
                    checkThreadSafetyIsStated((TypeElement) e, elements);
                }
            }
        }
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getSource() == null || !documented(d.getSource().toUri().getPath())) {
                continue;
            }
            String where = SOURCES.toAbsolutePath().relativize(Path.of(d.getSource().toUri()).toAbsolutePath())
                    + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ENGLISH);
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(where);
            } else if (d.getMessage(Locale.ENGLISH).contains("no comment")
                    || d.getMessage(Locale.ENGLISH).contains("default constructor")) {
                missing.add(where);
            }
        }
    }

    private static boolean documented(String path) {
        String p = path.replace('\\', '/');
        int at = p.lastIndexOf("/src/main/java/");
        if (at < 0) {
            return false;
        }
        String rel = p.substring(at + "/src/main/java/".length());
        String pkg = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')).replace('/', '.') : "";
        return DOCUMENTED.contains(pkg);
    }

    /** Public classes and interfaces must say how they behave under threads; enums and records are immutable. */
    private static void checkThreadSafetyIsStated(TypeElement type, Elements elements) {
        PackageElement pkg = elements.getPackageOf(type);
        if (!DOCUMENTED.contains(pkg.getQualifiedName().toString()) || !type.getModifiers().contains(Modifier.PUBLIC)) {
            return;
        }
        ElementKind kind = type.getKind();
        boolean exception = elements.getTypeElement("java.lang.Throwable") != null
                && isThrowable(type);
        if ((kind == ElementKind.CLASS || kind == ElementKind.INTERFACE) && !exception) {
            String doc = elements.getDocComment(type);
            String text = doc == null ? "" : doc.toLowerCase(Locale.ROOT);
            if (!(text.contains("thread") || text.contains("immutable") || text.contains("stateless"))) {
                noThreadSafety.add(type.getQualifiedName().toString());
            }
        }
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof TypeElement) {
                checkThreadSafetyIsStated((TypeElement) member, elements);
            }
        }
    }

    private static boolean isThrowable(TypeElement type) {
        for (TypeElement t = type; t != null; ) {
            if (t.getQualifiedName().contentEquals("java.lang.Throwable")) {
                return true;
            }
            Element superElement = t.getSuperclass() instanceof javax.lang.model.type.DeclaredType
                    ? ((javax.lang.model.type.DeclaredType) t.getSuperclass()).asElement() : null;
            t = superElement instanceof TypeElement ? (TypeElement) superElement : null;
        }
        return false;
    }

    @Test
    void javadocInTheDocumentedPackagesIsWellFormed() {
        assertTrue(errors.isEmpty(), "doclint errors (bad HTML, broken {@link}, malformed tags):\n"
                + String.join("\n", errors));
    }

    @Test
    void everyPublicAndProtectedElementHasAComment() {
        assertTrue(missing.isEmpty(), missing.size() + " public or protected elements have no Javadoc comment:\n"
                + String.join("\n", missing));
    }

    @Test
    void everyPublicClassAndInterfaceStatesItsThreadSafety() {
        assertTrue(noThreadSafety.isEmpty(), "these public types do not say whether they are thread-safe"
                + " (mention threads, or that they are immutable or stateless):\n" + String.join("\n", noThreadSafety));
    }
}
