package ru.ksamu.server.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import ru.ksamu.plugin.TaskPlugin;

/**
 * Builds plug-in jars the way a plug-in's author does: sources compiled with the JDK's compiler
 * against the plug-in API only, then packed with their service file. As a context initializer
 * (after {@code ServerOnH2}) it fills the fresh data folder's {@code plugins/} before the server starts:
 * the documented sample, and jars broken in each way the loader must survive.
 */
public class PluginJars implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The documented sample plug-in's folder (sources and service file). */
    static final Path SAMPLE = Path.of("..", "plugin-api", "sample");

    @Override
    public void initialize(ConfigurableApplicationContext ctx) {
        Path plugins = Path.of(ctx.getEnvironment().getRequiredProperty("ksamu.data-dir")).resolve(Plugins.FOLDER);
        try {
            Files.createDirectories(plugins);
            List<Path> sampleSources;
            try (Stream<Path> s = Files.walk(SAMPLE.resolve("src"))) {
                sampleSources = s.filter(p -> p.toString().endsWith(".java")).toList();
            }
            build(plugins.resolve("sample-folder-report.jar"), sampleSources, Map.of(),
                    Files.readString(SAMPLE.resolve("META-INF/services/" + TaskPlugin.class.getName())));
            build(plugins.resolve("probe.jar"), List.of(), Map.of("test.Probe", PROBE), "test.Probe\n");
            build(plugins.resolve("broken-constructor.jar"), List.of(), Map.of("test.NoLicence", NO_LICENCE), "test.NoLicence\n");
            build(plugins.resolve("missing-class.jar"), List.of(), Map.of(), "test.NotThere\n");
            build(plugins.resolve("duplicate-key.jar"), List.of(), Map.of("test.Backup", DUPLICATE), "test.Backup\n");
            build(plugins.resolve("no-services.jar"), List.of(), Map.of("test.Probe", PROBE), null);
            Files.writeString(plugins.resolve("not-a-jar.jar"), "это не jar");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logs whether the plug-in can reach a server class (it must not) and a JDK one (it must). */
    static final String PROBE = """
            package test;
            public class Probe implements ru.ksamu.plugin.TaskPlugin {
                public String key() { return "TEST_PROBE"; }
                public String titleRu() { return "Проба изоляции"; }
                public String titleEn() { return "Isolation probe"; }
                public void run(ru.ksamu.plugin.PluginRun run) {
                    run.info("JDK виден: " + (java.time.Instant.class != null));
                    try {
                        Class.forName("ru.ksamu.server.ServerApplication");
                        run.info("Сервер виден");
                    } catch (ClassNotFoundException e) {
                        run.info("Сервер не виден");
                    }
                }
            }
            """;

    static final String NO_LICENCE = """
            package test;
            public class NoLicence implements ru.ksamu.plugin.TaskPlugin {
                public NoLicence() { throw new IllegalStateException("нет лицензии на модуль"); }
                public String key() { return "NO_LICENCE"; }
                public String titleRu() { return "Без лицензии"; }
                public String titleEn() { return "No licence"; }
                public void run(ru.ksamu.plugin.PluginRun run) { }
            }
            """;

    static final String DUPLICATE = """
            package test;
            public class Backup implements ru.ksamu.plugin.TaskPlugin {
                public String key() { return "BACKUP"; }
                public String titleRu() { return "Ещё один бэкап"; }
                public String titleEn() { return "Another backup"; }
                public void run(ru.ksamu.plugin.PluginRun run) { }
            }
            """;

    /** Compiles the given source files and in-memory sources into a jar with the service file (if any). */
    static void build(Path jar, List<Path> sources, Map<String, String> inline, String services) throws IOException {
        Path work = Files.createTempDirectory("ksamu-plugin-build");
        Path src = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-encoding", "UTF-8", "-proc:none",
                "-classpath", apiClasspath().toString(), "-d", classes.toString()));
        sources.forEach(p -> args.add(p.toString()));
        for (Map.Entry<String, String> e : inline.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        if (!sources.isEmpty() || !inline.isEmpty()) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int rc = javac.run(null, null, null, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("javac failed (" + rc + ") for " + jar);
            }
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
            if (services != null) {
                j.putNextEntry(new JarEntry(Plugins.SERVICE_FILE));
                j.write(services.getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
    }

    /** Where the API's classes are: what a plug-in compiles against, nothing of the server. */
    static Path apiClasspath() {
        try {
            return Path.of(TaskPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
