package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import ru.ksamu.client.it.LauncherProcess;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.signing.SigningKeyPair;
import ru.ksamu.server.releases.ReleaseStore;

/**
 * The launcher against a real hub and server on loopback, run as a workstation runs it (its own
 * process, headless, starting the MIS program of the installed version as a child): nothing
 * installed on the server, the first install, a minor update that downloads only the changed
 * file, a running client that hears of an update and gets it by logging in again, a corrupted
 * file refused with the old version started, a version that does not start rolled back, an
 * unreachable server and an untrusted signature; a launcher stopped from outside stops its program.
 * In order, on one workstation folder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientLauncherIT {

    LiveSystem system;
    Path dir;
    Path ws;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("ksamu-client-it");
        system = new LiveSystem(dir);
        ws = dir.resolve("workstation");
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    LauncherProcess launcher(String server, String key) throws Exception {
        return new LauncherProcess(LiveSystem.launcherCommand("--server", server, "--data", ws.toString(), "--headless",
                "--user", "nurse", "--release-key", key, "--enroll-code", system.enrollmentCode()));
    }

    LauncherProcess launcher() throws Exception {
        return launcher(system.serverUrl, system.releasePub().toString());
    }

    String pointer(String name) throws Exception {
        Path p = ws.resolve(name);
        return Files.exists(p) ? Files.readString(p).strip() : null;
    }

    String[] versions() throws Exception {
        try (Stream<Path> s = Files.list(ws.resolve("versions"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    @Order(1)
    void withNothingInstalledAnywhereNothingStarts() throws Exception {
        try (LauncherProcess l = launcher()) {
            assertThat(l.exit()).isEqualTo(3);
            assertThat(l.output()).contains("На сервере ещё не установлена КСАМУ");
        }
    }

    @Test
    @Order(2)
    void theFirstInstallDownloadsEverythingAndStartsTheProgram() throws Exception {
        system.publishAndInstall(system.source("1.0.0.1", Map.of(
                "scripts/V1_0_0__patient.sql", "CREATE TABLE patient (id INT PRIMARY KEY, full_name VARCHAR(200), born DATE);\n"
                        + "INSERT INTO patient VALUES (1, 'Иванов Иван Иванович', DATE '1980-03-14');\n",
                "client/settings.txt", "версия 1\n")), "1.0.0.1");
        try (LauncherProcess l = launcher()) {
            l.awaitLine("MIS ready 1.0.0.1 user=nurse");
            l.awaitLine("EVENT hello");
            l.awaitLine("MIS patients 1 columns=");
            assertThat(l.output()).contains("Установлена версия 1.0.0.1");
            l.send("quit");
            assertThat(l.exit()).isZero();
        }
        assertThat(pointer("current")).isEqualTo("1.0.0.1");
        assertThat(ws.resolve("versions/1.0.0.1/ksamu-mis.jar")).isRegularFile();
        assertThat(ws.resolve("versions/1.0.0.1/lib")).isDirectory();
        assertThat(Files.readString(ws.resolve("versions/1.0.0.1/settings.txt"))).isEqualTo("версия 1\n");
    }

    @Test
    @Order(3)
    void aMinorUpdateDownloadsOnlyTheChangedFileAndKeepsThePreviousVersion() throws Exception {
        system.publishAndInstall(system.source("1.0.0.2", Map.of("client/settings.txt", "версия 2\n")), "1.0.0.2");
        try (LauncherProcess l = launcher()) {
            l.awaitLine("MIS ready 1.0.0.2");
            String plan = l.awaitLine("Обновление клиента до версии 1.0.0.2");
            assertThat(plan).containsPattern("загрузить 1 из \\d+ файлов");
            assertThat(l.output()).contains("Установлена версия 1.0.0.2, предыдущая 1.0.0.1 сохранена");
            l.send("quit");
            assertThat(l.exit()).isZero();
        }
        assertThat(pointer("current")).isEqualTo("1.0.0.2");
        assertThat(pointer("previous")).isEqualTo("1.0.0.1");
        assertThat(versions()).containsExactly("1.0.0.1", "1.0.0.2");
        assertThat(Files.readString(ws.resolve("versions/1.0.0.1/settings.txt"))).isEqualTo("версия 1\n");
    }

    @Test
    @Order(4)
    void aRunningClientHearsOfAnUpdateAndGetsItByLoggingInAgain() throws Exception {
        try (LauncherProcess l = launcher()) {
            l.awaitLine("MIS ready 1.0.0.2");
            l.awaitLine("MIS connected");
            system.publishAndInstall(system.source("1.0.0.3", Map.of("client/settings.txt", "версия 3\n")), "1.0.0.3");
            assertThat(l.awaitLine("EVENT available")).contains("1.0.0.3");
            l.awaitLine("Доступна новая версия 1.0.0.3, она будет установлена при следующем входе");
            l.send("relogin");
            l.awaitLine("MIS ready 1.0.0.3");
            assertThat(l.output()).contains("Перезаход в МИС").contains("Установлена версия 1.0.0.3, предыдущая 1.0.0.2 сохранена");
            l.send("quit");
            assertThat(l.exit()).isZero();
        }
        assertThat(versions()).containsExactly("1.0.0.2", "1.0.0.3");
    }

    @Test
    @Order(5)
    void aCorruptedFileIsRefusedAndTheOldVersionStarts() throws Exception {
        byte[] extra = "дополнительный файл 1.0.0.4\n".getBytes(StandardCharsets.UTF_8);
        Path src = system.source("1.0.0.4", Map.of("client/settings.txt", "версия 4\n"));
        Files.write(src.resolve("client/extra.bin"), extra);
        system.publishAndInstall(src, "1.0.0.4");
        Path blob = system.server.getBean(ReleaseStore.class).blob(Sha256.of(extra));
        byte[] evil = extra.clone();
        evil[0] ^= 1; // the same length, one bit other
        Files.write(blob, evil);
        try (LauncherProcess l = launcher()) {
            l.awaitLine("MIS ready 1.0.0.3");
            assertThat(l.output()).contains("Обновление до версии 1.0.0.4 отклонено: файл extra.bin повреждён");
            l.send("quit");
            assertThat(l.exit()).isZero();
        } finally {
            Files.write(blob, extra);
        }
        assertThat(pointer("current")).isEqualTo("1.0.0.3");
        assertThat(versions()).containsExactly("1.0.0.2", "1.0.0.3");
        try (Stream<Path> s = Files.list(ws.resolve("downloads"))) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    @Order(6)
    void aVersionThatDoesNotStartIsRolledBackAndNotTriedAgain() throws Exception {
        Path src = system.source("1.0.0.5", Map.of("client/settings.txt", "версия 5\n"));
        Files.writeString(src.resolve("client/ksamu-mis.jar"), "это не jar\n");
        system.publishAndInstall(src, "1.0.0.5");
        try (LauncherProcess l = launcher()) {
            l.awaitLine("MIS ready 1.0.0.3");
            assertThat(l.output()).contains("Установлена версия 1.0.0.5, предыдущая 1.0.0.3 сохранена")
                    .contains("Версия 1.0.0.5 не запустилась (код 1): возврат к версии 1.0.0.3");
            l.send("quit");
            assertThat(l.exit()).isZero();
        }
        assertThat(pointer("current")).isEqualTo("1.0.0.3");
        assertThat(pointer("failed")).isEqualTo("1.0.0.5");
        try (LauncherProcess l = launcher()) {
            l.awaitLine("MIS ready 1.0.0.3");
            assertThat(l.output()).contains("Версия 1.0.0.5 на этом компьютере не запустилась: работает версия 1.0.0.3")
                    .doesNotContain("Обновление клиента до версии");
            l.send("quit");
            assertThat(l.exit()).isZero();
        }
    }

    @Test
    @Order(7)
    void anUnreachableServerStartsTheInstalledVersion() throws Exception {
        try (LauncherProcess l = launcher("http://127.0.0.1:1", system.releasePub().toString())) {
            l.awaitLine("MIS ready 1.0.0.3");
            assertThat(l.output()).contains("Сервер http://127.0.0.1:1 недоступен").contains("запускается установленная версия 1.0.0.3");
            l.awaitLine("MIS disconnected");
            l.send("quit");
            assertThat(l.exit()).isZero();
        }
    }

    @Test
    @Order(8)
    void aReleaseSignedWithAnotherKeyIsRefused() throws Exception {
        SigningKeyPair other = SigningKeyPair.generate();
        other.writeTo(dir.resolve("other"), "release");
        try (LauncherProcess l = launcher(system.serverUrl, dir.resolve("other/release.pub").toString())) {
            l.awaitLine("MIS ready 1.0.0.3");
            assertThat(l.output()).contains("Обновление до версии 1.0.0.5 отклонено");
            l.send("quit");
            assertThat(l.exit()).isZero();
        }
        assertThat(pointer("current")).isEqualTo("1.0.0.3");
    }

    @Test
    @Order(9)
    void aLauncherStoppedFromOutsideTakesItsProgramWithIt() throws Exception {
        try (LauncherProcess l = launcher()) {
            l.awaitLine("MIS ready 1.0.0.3");
            List<ProcessHandle> program = l.children();
            assertThat(program).as("the MIS program runs as the launcher's child").isNotEmpty();
            l.terminate();
            l.exit();
            await().atMost(Duration.ofSeconds(30)).until(() -> program.stream().noneMatch(ProcessHandle::isAlive));
        }
    }
}
