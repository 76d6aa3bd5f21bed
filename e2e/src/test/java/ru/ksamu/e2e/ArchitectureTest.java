package ru.ksamu.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The written conventions (docs: /work/shared/conventions.md, "How we write code here") that a
 * build can check, checked on every {@code ./ksamu test}: no package cycles inside a module, the
 * release library's {@code internal} package used by nobody else, a feature package's public face
 * no wider than what other packages use, and no fully qualified class names written inline.
 * (Compiler lint warnings fail the build itself: {@code -Werror} in the parent pom.)
 */
class ArchitectureTest {

    private static final Path ROOT = projectRoot();
    /** Every module's main classes (the build has compiled them before this module's tests run). */
    private static final JavaClasses MAIN = new ClassFileImporter().importPaths(built("classes"));
    /** The main classes with every module's tests, to see who uses what. */
    private static final JavaClasses ALL = new ClassFileImporter().importPaths(
            Stream.concat(built("classes").stream(), built("test-classes").stream()).toList());

    /**
     * Public classes that no other package names in its bytecode, and why they must stay public:
     * found by name or reflection by a framework, or used in a way ArchUnit does not see.
     */
    private static final Map<String, String> PUBLIC_FOR_A_FRAMEWORK = Map.of(
            "ru.ksamu.platform.StartupSettingsCheck", "named in META-INF/spring.factories",
            "ru.ksamu.platform.EffectiveSettings", "named in META-INF/spring.factories",
            "ru.ksamu.platform.SettingsFailureAnalyzer", "named in META-INF/spring.factories",
            "ru.ksamu.server.tasks.CommitSignallingJobStore", "Quartz instantiates its job store by class name",
            "ru.ksamu.server.tasks.TaskFireJob", "Quartz instantiates its jobs by class",
            "ru.ksamu.platform.problems.ApiPaths", "its PREFIX is read by the OpenAPI tests (javac inlines a"
                    + " constant, so no bytecode names the class)",
            "ru.ksamu.server.threads.Work", "the unit of work other packages write as lambdas (a lambda's"
                    + " target type is not a dependency ArchUnit sees)");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ru.ksamu.release", "ru.ksamu.schedule", "ru.ksamu.platform", "ru.ksamu.testkit",
            "ru.ksamu.hub", "ru.ksamu.server", "ru.ksamu.supervisor", "ru.ksamu.client", "ru.ksamu.plugin"})
    void noModuleHasAPackageCycle(String module) {
        slices().assignedFrom(packagesOf(module)).should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void nothingOutsideTheReleaseLibraryUsesItsInternalPackage() {
        noClasses().that().resideOutsideOfPackage("ru.ksamu.release..")
                .should().dependOnClassesThat().resideInAPackage("ru.ksamu.release.internal..")
                .check(ALL);
    }

    @Test
    void aFeaturePackageMakesPublicOnlyWhatOtherPackagesUse() {
        classes().that().arePublic().and().areTopLevelClasses().and(mainCode())
                .and().resideInAnyPackage("ru.ksamu.hub..", "ru.ksamu.server..", "ru.ksamu.client..",
                        "ru.ksamu.supervisor..", "ru.ksamu.platform..", "ru.ksamu.schedule..")
                .should(beUsedFromAnotherPackageOrBeAnEntryPoint())
                .check(ALL);
    }

    @Test
    void noClassNameIsWrittenFullyQualifiedInCode() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path module : modules()) {
            Path sources = module.resolve("src/main/java");
            if (Files.isDirectory(sources)) {
                try (Stream<Path> files = Files.walk(sources)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> found.addAll(inlineNames(ROOT, f)));
                }
            }
        }
        assertThat(found).as("fully qualified names in code: import the class instead").isEmpty();
    }

    // A qualified name in code: lower-case package segments, then a class name (java.util.Locale.ROOT).
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w.\"])(?:java|javax|jakarta|org|com|ru|tools|io|net|ch)(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*");
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");

    private static List<String> inlineNames(Path root, Path file) {
        List<String> found = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean inComment = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (inComment) {
                inComment = !line.contains("*/");
                continue;
            }
            if (line.startsWith("/*")) {
                inComment = !line.contains("*/");
                continue;
            }
            if (line.startsWith("import ") || line.startsWith("package ") || line.startsWith("//")
                    || line.startsWith("*")) {
                continue;
            }
            String code = STRING.matcher(line).replaceAll("\"\"");
            int comment = code.indexOf("//");
            if (comment >= 0) {
                code = code.substring(0, comment);
            }
            if (QUALIFIED.matcher(code).find()) {
                found.add(root.relativize(file) + ":" + (i + 1) + ": " + line);
            }
        }
        return found;
    }

    /** The project's modules: the folders beside ./ksamu that hold a pom.xml. */
    private static List<Path> modules() {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each module's {@code target/<folder>} that the build has made. */
    private static List<Path> built(String folder) {
        List<Path> dirs = modules().stream().map(m -> m.resolve("target").resolve(folder)).filter(Files::isDirectory).toList();
        assertThat(dirs).as("compiled classes under */target/" + folder).isNotEmpty();
        return dirs;
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("ksamu"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the project root (the folder holding ./ksamu)").isNotNull();
        return dir;
    }

    /** Each exact package of one module is a slice; classes of other modules are left out. */
    private static SliceAssignment packagesOf(String module) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                boolean inModule = p.equals(module) || p.startsWith(module + ".")
                        || module.equals("ru.ksamu.server") && p.startsWith("db.");
                return inModule ? SliceIdentifier.of(p) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages of " + module;
            }
        };
    }

    private static DescribedPredicate<JavaClass> mainCode() {
        return DescribedPredicate.describe("are main code", c -> MAIN.contain(c.getName()));
    }

    private static ArchCondition<JavaClass> beUsedFromAnotherPackageOrBeAnEntryPoint() {
        return new ArchCondition<>("be used from another package (or be an entry point a framework finds by name)") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                boolean usedOutside = c.getDirectDependenciesToSelf().stream()
                        .anyMatch(d -> !d.getOriginClass().getPackageName().equals(c.getPackageName()));
                boolean entryPoint = PUBLIC_FOR_A_FRAMEWORK.containsKey(c.getName())
                        || c.getMethods().stream().anyMatch(m -> m.getName().equals("main")
                        && m.getModifiers().containsAll(Set.of(JavaModifier.PUBLIC, JavaModifier.STATIC)));
                if (!usedOutside && !entryPoint) {
                    events.add(SimpleConditionEvent.violated(c, c.getName()
                            + " is public but only its own package uses it: make it package-private"));
                }
            }
        };
    }
}
