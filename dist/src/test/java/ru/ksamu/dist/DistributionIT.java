package ru.ksamu.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archives the build made: what they hold, and their start script where no Java is to be found. */
class DistributionIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final String VERSION = System.getProperty("ksamu.version", "0.1.0-SNAPSHOT");

    @TempDir
    Path tmp;

    private static byte[] entry(ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        assertThat(e).as(name + " in " + zip.getName()).isNotNull();
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    @Test
    void eachZipHoldsTheScriptsTheLauncherItsJarsTheSettingsAndTheGuide() throws IOException {
        List<List<String>> products = List.of(
                List.of("server", "lib/ksamu-server.jar", "lib/ksamu-supervisor.jar", "lib/ksamu-release.jar"),
                List.of("hub", "lib/ksamu-hub.jar", "lib/ksamu-release.jar"),
                List.of("client", "lib/ksamu-client.jar"));
        for (List<String> p : products) {
            String base = "ksamu-" + p.get(0) + "-" + VERSION + "/";
            try (ZipFile zip = new ZipFile(TARGET.resolve("ksamu-" + p.get(0) + "-" + VERSION + ".zip").toFile())) {
                assertThat(new String(entry(zip, base + "bin/ksamu.cmd"), StandardCharsets.UTF_8)).contains("\r\n", "lib\\ksamu.jar");
                assertThat(new String(entry(zip, base + "bin/ksamu"), StandardCharsets.UTF_8)).startsWith("#!/bin/sh");
                entry(zip, base + "lib/ksamu.jar");
                for (String jar : p.subList(1, p.size())) {
                    entry(zip, base + jar);
                }
                assertThat(new String(entry(zip, base + "УСТАНОВКА.md"), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT))
                        .as("install, first start or sign-in, the data, update, uninstall")
                        .contains("## установка", "первый", "данные", "## обновление", "удаление");
            }
        }
        try (ZipFile zip = new ZipFile(TARGET.resolve("ksamu-server-" + VERSION + ".zip").toFile())) {
            assertThat(entry(zip, "ksamu-server-" + VERSION + "/config/ksamu-server.yml"))
                    .as("the settings file is the server's own, every key commented")
                    .isEqualTo(Files.readAllBytes(Path.of("../server/src/main/resources/ksamu-server.yml")));
        }
    }

    @Test
    void theStartScriptWithoutJavaSaysSoInRussianAndEnglish() throws Exception {
        Tools.ok("tar", "-xzf", TARGET.resolve("ksamu-client-" + VERSION + ".tar.gz").toString(), "-C", tmp.toString());
        Path script = tmp.resolve("ksamu-client-" + VERSION).resolve("bin").resolve("ksamu");
        assertThat(script).isExecutable();
        Path emptyPath = Files.createDirectories(tmp.resolve("no-java"));
        Tools.Result r = Tools.run(List.of("/usr/bin/env", "-u", "JAVA_HOME", "PATH=" + emptyPath, "/bin/sh", script.toString(), "help"));
        assertThat(r.code()).isEqualTo(69);
        assertThat(r.output()).contains("Java не найдена", "Java not found");
    }
}
