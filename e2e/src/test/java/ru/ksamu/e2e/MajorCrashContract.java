package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.server.update.MajorUpdateSteps.Step;
import ru.ksamu.testkit.TestAdmin;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server in its own process is killed with SIGKILL at each step of a major update (it waits there:
 * {@link ServerWaitingAtStep}); the next start must leave the main base consistent, no patient lost,
 * the version either the old one without the new column or the new one with it, and the base as the
 * mode ({@code ksamu.update.backup}) promises after a crash under the lock before the migration is
 * recorded ({@link AfterCrash}): put back and served, held for the admin, or left as it is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MajorCrashContract {

    abstract List<String> hubDatabase();

    /** Fresh service and main databases for one server (its arguments). */
    abstract List<String> serverDatabases();

    /** The server's ksamu.update.backup (issue L); empty = its default for the database. */
    String backupMode() {
        return "";
    }

    /** What the mode promises when the server dies under the lock before the migration is recorded as done. */
    enum AfterCrash {
        /** The base goes back (PostgreSQL: the migration's transaction; H2: a backup that holds everything) and is served. */
        ROLLED_BACK,
        /** H2 after a snapshot: the base stays locked for the MIS (503) until the admin's next start of the server. */
        HELD,
        /** H2 with no backup (off): left as it is (a migration cut midway stays partly applied) and served. */
        AS_IS
    }

    AfterCrash afterCrash() {
        return AfterCrash.ROLLED_BACK;
    }

    /** Checks from outside that the main base accepts the MIS again (PostgreSQL: its role can connect). */
    abstract void assertMainBaseOpen(List<String> serverArgs) throws Exception;

    Vendor vendor;
    Path dir;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("ksamu-e2e-crash");
        vendor = new Vendor(dir, hubDatabase());
        vendor.release(vendor.source("1.0.0.1", Map.of(
                "scripts/V1_0_0__patients.sql", "CREATE TABLE patient (id INT PRIMARY KEY, full_name VARCHAR(200));\n"
                        + "INSERT INTO patient (id, full_name) VALUES (1, 'Иванов Иван Иванович');\n"
                        + "INSERT INTO patient (id, full_name) VALUES (2, 'Петрова Анна Сергеевна');\n"
                        + "INSERT INTO patient (id, full_name) VALUES (3, 'Сидоров Пётр Алексеевич');\n",
                "client/ksamu-client.txt", "клиент 1.0.0.1\n")), "1.0.0.1", "База", "stable");
        vendor.release(vendor.source("1.1.0.1", Map.of(
                "scripts/V1_1_0_1__phone.sql", "ALTER TABLE patient ADD phone VARCHAR(20);\n"
                        + "UPDATE patient SET phone = '+7 900 000-00-01' WHERE id = 1;\n",
                "scripts/V1_1_0_2__visit.sql", "CREATE TABLE visit (id INT PRIMARY KEY, patient_id INT);\n",
                "client/ksamu-client.txt", "клиент 1.1.0.1\n")), "1.1.0.1", "Мажорный", "test");
    }

    @AfterAll
    void stop() {
        if (vendor != null) {
            vendor.close();
        }
    }

    /** A server process on its own port, logging into a file; with {@code waitAt}, its major update waits at that step. */
    final class ServerProcess implements AutoCloseable {
        final Process process;
        final String base;

        ServerProcess(Path data, List<String> args, Step waitAt) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            base = "http://127.0.0.1:" + port;
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path")));
            if (waitAt == null) {
                cmd.add(ServerApplication.class.getName());
            } else {
                cmd.addAll(List.of(ServerWaitingAtStep.class.getName(), waitAt.name()));
            }
            cmd.addAll(List.of("--ksamu.port=" + port, "--ksamu.data-dir=" + data,
                    "--ksamu.update.hub-url=" + vendor.hubUrl, "--ksamu.update.release-keys=" + vendor.releasePub(),
                    "--ksamu.update.hub-keys=" + vendor.hubPub(), "--ksamu.update.countdown=1s",
                    "--ksamu.update.postpone-step=1s",
                    "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD));
            cmd.addAll(args);
            if (!backupMode().isEmpty()) {
                cmd.add("--ksamu.update.backup=" + backupMode());
            }
            if (backupMode().equals("snapshot")) {
                cmd.add("--ksamu.update.snapshot-command=echo snapshot $KSAMU_SNAPSHOT_NAME");
            }
            Files.createDirectories(data);
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("process.out").toFile())).start();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
                assertThat(process.isAlive()).as("the server process ended; see " + data.resolve("process.out")).isTrue();
                try {
                    return get("/actuator/health").statusCode() == 200;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        JsonNode json(String path) throws Exception {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
            return JsonMapper.shared().readTree(r.body());
        }

        JsonNode post(String path) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", TestAdmin.basic())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(200, 299);
            return JsonMapper.shared().readTree(r.body());
        }

        /** The MIS's patient list, read as a workstation reads it: registered with the enrollment code, with its token. */
        JsonNode patients() throws Exception {
            String token = E2e.workstationToken(http, base);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/mis/patients"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("/api/v1/mis/patients: " + r.body()).isEqualTo(200);
            return JsonMapper.shared().readTree(r.body());
        }

        /** The status the MIS's patient list answers a registered workstation with (503 while the base is held). */
        int misStatus() throws Exception {
            String token = E2e.workstationToken(http, base);
            return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/mis/patients"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        JsonNode lastJob() throws Exception {
            return json("/api/v1/update").path("jobs").path(0);
        }

        String installed() throws Exception {
            return json("/api/v1/update").path("installedVersion").asString(null);
        }

        void kill9() throws Exception {
            process.destroyForcibly(); // SIGKILL
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aServerKilledAtAnyStepOfAMajorUpdateComesBackUnlockedAndConsistent(Step point) throws Exception {
        Path data = dir.resolve("server-" + point);
        List<String> args = serverDatabases();
        try (ServerProcess first = new ServerProcess(data, args, point)) {
            // the first install, from stable, through the cloud task's "Выполнить задание немедленно"
            long task = -1;
            for (JsonNode t : first.json("/api/v1/tasks")) {
                if ("KSAMU_UPDATE".equals(t.get("type").asString())) {
                    task = t.get("id").asLong();
                }
            }
            first.post("/api/v1/tasks/" + task + "/run");
            await().atMost(Duration.ofSeconds(60)).until(() -> "1.0.0.1".equals(first.installed()));
            first.post("/api/v1/update/test");
            await().atMost(Duration.ofSeconds(60)).until(() -> first.get("/api/v1/threads").body().contains("PAUSED " + point));
            first.kill9();
        }
        boolean migratedBeforeCrash = point.compareTo(Step.AFTER_MIGRATION) >= 0;
        boolean underLock = point.compareTo(Step.AFTER_LOCK) >= 0;
        AfterCrash promise = underLock && !migratedBeforeCrash ? afterCrash() : AfterCrash.ROLLED_BACK;
        try (ServerProcess second = new ServerProcess(data, args, null)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                String state = second.lastJob().path("state").asString("");
                return state.equals("DONE") || state.equals("FAILED");
            });
            String message = second.lastJob().path("message").asString("");
            if (promise == AfterCrash.HELD) {
                assertThat(second.installed()).isEqualTo("1.0.0.1");
                assertThat(message).contains("было прервано остановкой сервера").contains("оставлена заблокированной для МИС");
                assertThat(second.misStatus()).as("the MIS is kept off the held base").isEqualTo(503);
                assertThat(second.json("/api/v1/update").path("maintenance").path("phase").asString()).isEqualTo("LOCKED");
            } else {
                assertServed(second, point, promise, migratedBeforeCrash);
                if (promise == AfterCrash.AS_IS && point == Step.DURING_MIGRATION) {
                    assertThat(message).contains("оставлена как есть");
                }
            }
        }
        if (promise == AfterCrash.HELD) {
            // the admin restored the snapshot or repaired the base, and starts the server again: it unlocks
            try (ServerProcess third = new ServerProcess(data, args, null)) {
                assertServed(third, point, promise, false);
                assertThat(third.lastJob().path("state").asString()).isEqualTo("FAILED");
            }
        }
        assertMainBaseOpen(args);
    }


    /**
     * The base serves the MIS again with every patient and the version the crash allows; the schema
     * matches it, except after a migration cut midway that the mode leaves as it is (held or off).
     */
    private void assertServed(ServerProcess server, Step point, AfterCrash promise, boolean migrated) throws Exception {
        String version = server.installed();
        JsonNode patients = server.patients(); // 200: the base serves the MIS again
        assertThat(patients.get("rows").size()).as("no patient lost").isEqualTo(3);
        assertThat(version).isEqualTo(migrated ? "1.1.0.1" : "1.0.0.1");
        if (promise == AfterCrash.ROLLED_BACK || point != Step.DURING_MIGRATION) {
            boolean hasPhone = patients.get("columns").toString().contains("phone");
            assertThat(hasPhone).as("the schema matches the version " + version).isEqualTo(migrated);
        }
        assertThat(server.json("/api/v1/update").path("maintenance").path("phase").asString()).isEqualTo("NONE");
    }
}
