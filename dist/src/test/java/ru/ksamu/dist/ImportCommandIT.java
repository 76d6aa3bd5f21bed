package ru.ksamu.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ksamu server import FILE} of the unpacked server distribution against that distribution's
 * running server (under its supervisor, no hub): a tampered bundle is refused (exit 65, the
 * server's Russian reason naming the file), a wrong password ends with 77, the real bundle is
 * accepted with its progress printed and, with {@code --install}, installed.
 */
class ImportCommandIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final String VERSION = System.getProperty("ksamu.version", "0.1.0-SNAPSHOT");
    private static final String PASSWORD = "import-test-password";

    @TempDir
    Path tmp;

    @Test
    void aBundleIsImportedIntoTheRunningServerAndABadOneRefused() throws Exception {
        Tools.ok("tar", "-xzf", TARGET.resolve("ksamu-server-" + VERSION + ".tar.gz").toString(), "-C", tmp.toString());
        Path home = tmp.resolve("ksamu-server-" + VERSION);
        Path script = home.resolve("bin/ksamu");
        Path data = tmp.resolve("data");
        // The vendor's side with the distribution's own release tool: a key pair, then a signed bundle.
        Path keys = tmp.resolve("keys");
        Tools.ok("/bin/sh", script.toString(), "release", "keygen", "--out", keys.toString());
        Path src = Files.createDirectories(tmp.resolve("src/client"));
        Files.writeString(src.resolve("settings.txt"), "версия=1.0.0.1\n");
        Path bundle = tmp.resolve("ksamu-1.0.0.1.zip");
        Tools.ok("/bin/sh", script.toString(), "release", "build", tmp.resolve("src").toString(), "--version", "1.0.0.1",
                "--notes", "Проверка", "--key", keys.resolve("release.key").toString(), "--out", bundle.toString());
        Path tampered = tmp.resolve("tampered-1.0.0.1.zip");
        tamper(bundle, tampered);

        Path log = tmp.resolve("server.out");
        Process server = new ProcessBuilder("/usr/bin/env", "KSAMU_DATA_DIR=" + data, "KSAMU_ADMIN_INITIAL_PASSWORD=" + PASSWORD,
                "/bin/sh", script.toString(), "server", "--ksamu.port=0", "--ksamu.update.hub-url=http://127.0.0.1:9",
                "--ksamu.update.release-keys=" + keys.resolve("release.pub"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path running = data.resolve("server/running.json");
            await("the server's running.json").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(server.isAlive()).as("the server ended: " + Files.readString(log)).isTrue();
                return Files.isRegularFile(running);
            });

            Tools.Result refused = importing(script, data, PASSWORD, tampered.toString());
            assertThat(refused.code()).as(refused.output()).isEqualTo(ImportCommand.EXIT_REFUSED);
            assertThat(refused.output()).contains("Файл «tampered-1.0.0.1.zip» отклонён", "client/settings.txt",
                    "Ничего не сохранено");

            Tools.Result denied = importing(script, data, "wrong-password", bundle.toString());
            assertThat(denied.code()).as(denied.output()).isEqualTo(ImportCommand.EXIT_DENIED);
            assertThat(denied.output()).contains("не принял пароль администратора");

            Tools.Result missing = importing(script, data, PASSWORD, tmp.resolve("нет.zip").toString());
            assertThat(missing.code()).isEqualTo(DistException.EXIT_MISSING);

            Tools.Result accepted = importing(script, data, PASSWORD, bundle.toString(), "--install");
            assertThat(accepted.code()).as(accepted.output()).isZero();
            assertThat(accepted.output()).contains("Передано", "(100 %)", "«ksamu-1.0.0.1.zip» принят: версия 1.0.0.1",
                    "Установка запущена");
            await("1.0.0.1 installed").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() ->
                    Files.isDirectory(data.resolve("client/versions/1.0.0.1")));
        } finally {
            server.destroy();
            if (!server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** {@code ksamu server import ...} with the password in the environment, as a script would run it. */
    private static Tools.Result importing(Path script, Path data, String password, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/env", "KSAMU_DATA_DIR=" + data, "KSAMU_ADMIN_PASSWORD=" + password,
                "/bin/sh", script.toString(), "server", "import"));
        cmd.addAll(List.of(args));
        return Tools.run(cmd);
    }

    /** A copy of the zip with one byte of each file under client/ changed. */
    private static void tamper(Path from, Path to) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().startsWith("client/") && bytes.length > 0) {
                    bytes[0] ^= 1;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }
}
