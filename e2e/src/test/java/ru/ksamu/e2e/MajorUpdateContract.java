package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.server.auth.Workstations;
import ru.ksamu.server.databases.ManagedDatabases;
import ru.ksamu.testkit.TestAdmin;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The major update against a real hub on loopback, with a 3-second countdown: clients (one early,
 * one late) get the same deadline; the base is really locked (the client API answers 503, a direct
 * connection is refused) while the migration runs; the new column is there afterwards; a
 * cancelled countdown changes nothing; a failing third of five scripts leaves every table exactly
 * as it was and the base unlocked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class MajorUpdateContract {

    abstract List<String> hubDatabase();

    abstract List<String> serverDatabases();

    /** A script that keeps the base busy for about two seconds, in the database's own SQL. */
    abstract String slowScript();

    /** Opens a direct connection to the main base as the MIS would (expected to fail while locked). */
    abstract Connection directConnection(ConfigurableApplicationContext server) throws SQLException;

    Vendor vendor;
    Path dir;
    ConfigurableApplicationContext server;
    /** The run of the successful major update (test 1), for checks of its log by the subclasses. */
    long majorRun;
    /** A registered workstation's token: the MIS API answers only workstations. */
    String workstationToken;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("ksamu-e2e-major");
        vendor = new Vendor(dir, hubDatabase());
        List<String> args = new ArrayList<>(List.of("--ksamu.port=0", "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD, "--ksamu.data-dir=" + dir.resolve("server"),
                "--ksamu.update.hub-url=" + vendor.hubUrl,
                "--ksamu.update.release-keys=" + vendor.releasePub(), "--ksamu.update.hub-keys=" + vendor.hubPub(),
                "--ksamu.update.countdown=3s",
                // Update reports wait until the statistics register the installation (test 20): retry soon.
                "--ksamu.update.reports.retry-min=200ms", "--ksamu.update.reports.retry-max=2s"));
        args.addAll(serverDatabases());
        server = ServerApplication.builder().run(args.toArray(String[]::new));
        workstationToken = server.getBean(Workstations.class).register("major-update-test", "nurse", "127.0.0.1").token();
        vendor.release(vendor.source("1.0.0.1", Map.of(
                "scripts/V1_0_0__patients.sql", "CREATE TABLE patient (id INT PRIMARY KEY, full_name VARCHAR(200));\n"
                        + "INSERT INTO patient (id, full_name) VALUES (1, 'Иванов Иван Иванович');\n"
                        + "INSERT INTO patient (id, full_name) VALUES (2, 'Петрова Анна Сергеевна');\n",
                "client/ksamu-client.txt", "клиент 1.0.0.1\n")), "1.0.0.1", "Первый выпуск", "test");
        updateFromTest();
        assertThat(installed()).isEqualTo("1.0.0.1");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (vendor != null) {
            vendor.close();
        }
    }

    String base() {
        return "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
    }

    /** A GET; the MIS API's as a registered workstation. */
    HttpResponse<String> get(String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
        if (path.startsWith("/api/v1/mis/")) {
            request.header("Authorization", "Bearer " + workstationToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JsonMapper.shared().readTree(r.body());
    }

    HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", TestAdmin.basic())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    String installed() throws Exception {
        return json("/api/v1/update").path("installedVersion").asString(null);
    }

    long startTestUpdate() throws Exception {
        HttpResponse<String> r = post("/api/v1/update/test");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JsonMapper.shared().readTree(r.body()).get("runId").asLong();
    }

    long updateFromTest() throws Exception {
        long run = startTestUpdate();
        awaitRun(run);
        return run;
    }

    void awaitRun(long runId) {
        E2e.awaitRun(server, runId, Duration.ofSeconds(90));
    }

    String runLog(long runId) {
        return E2e.runLog(server, runId);
    }

    /** A client's event stream: its lines, collected as they come. */
    final class Client implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final InputStream body;

        Client(String host) throws Exception {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base()
                    + "/api/v1/client/events?user=nurse&host=" + host + "&version=" + installed())).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            body = r.body();
            Thread t = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (Exception ignored) {
                    // closed by the test
                }
            }, "client-" + host);
            t.setDaemon(true);
            t.start();
        }

        /** The data of the n-th event of this name, once it has come. */
        JsonNode event(String name, int n) {
            await().atMost(Duration.ofSeconds(60)).until(() -> count(name) >= n);
            int seen = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).equals("event:" + name) && ++seen == n) {
                    return JsonMapper.shared().readTree(lines.get(i + 1).substring("data:".length()));
                }
            }
            throw new IllegalStateException("no event " + name);
        }

        long count(String name) {
            return lines.stream().filter(l -> l.equals("event:" + name)).count();
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** Every table of the main base (with its rows, in order) hashed: equal before and after = nothing changed. */
    Map<String, String> checksums() throws Exception {
        Map<String, String> sums = new TreeMap<>();
        try (Connection c = server.getBean(ManagedDatabases.class).main().endpoint().connect(Duration.ofSeconds(10))) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (!"INFORMATION_SCHEMA".equalsIgnoreCase(schema) && !"pg_catalog".equals(schema)) {
                        tables.add("\"" + schema + "\".\"" + rs.getString("TABLE_NAME") + "\"");
                    }
                }
            }
            for (String t : tables) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + t + " ORDER BY 1")) {
                    int n = rs.getMetaData().getColumnCount();
                    for (int i = 1; i <= n; i++) {
                        md.update(rs.getMetaData().getColumnName(i).getBytes(StandardCharsets.UTF_8));
                    }
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            md.update(String.valueOf(rs.getObject(i)).getBytes(StandardCharsets.UTF_8));
                        }
                    }
                }
                sums.put(t, HexFormat.of().formatHex(md.digest()));
            }
        }
        return sums;
    }

    @Test
    @Order(1)
    void aMajorUpdateCountsDownLocksTheBaseMigratesAndTellsEveryClient() throws Exception {
        vendor.release(vendor.source("1.1.0.1", Map.of(
                "scripts/V1_1_0_1__phone.sql", "ALTER TABLE patient ADD phone VARCHAR(20);\n"
                        + "UPDATE patient SET phone = '+7 900 000-00-01' WHERE id = 1;\n",
                "scripts/V1_1_0_2__slow.sql", slowScript(),
                "client/ksamu-client.txt", "клиент 1.1.0.1\n")), "1.1.0.1", "Новая колонка: телефон", "test");
        try (Client early = new Client("ws-1")) {
            early.event("hello", 1);
            long run = startTestUpdate();
            majorRun = run;
            JsonNode countdown = early.event("countdown", 1);
            Instant deadline = Instant.parse(countdown.get("deadline").asString());
            assertThat(deadline).isBetween(Instant.now().minusSeconds(1), Instant.now().plusSeconds(5));
            assertThat(countdown.get("message").asString()).contains("сохраните работу");
            assertThat(countdown.get("operation").asString()).isEqualTo("update");
            // a second press while this one runs queues nothing and says why
            HttpResponse<String> again = post("/api/v1/update/test");
            assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
            assertThat(again.body()).contains("Обновление уже выполняется");
            try (Client late = new Client("ws-2")) {
                assertThat(late.event("countdown", 1).get("deadline").asString()).isEqualTo(deadline.toString());
            }
            assertThat(json("/api/v1/update").path("maintenance").path("phase").asString()).isEqualTo("COUNTDOWN");
            assertThat(get("/").body()).contains("update-banner");

            assertThat(early.event("locked", 1).get("operation").asString()).isEqualTo("update");
            HttpResponse<String> refused = get("/api/v1/mis/patients");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).contains("заблокирована");
            assertThatThrownBy(() -> {
                try (Connection c = directConnection(server)) {
                    c.createStatement().executeQuery("SELECT 1").next();
                }
            }).isInstanceOf(SQLException.class);

            JsonNode completed = early.event("completed", 1);
            assertThat(completed.get("message").asString()).contains("перезайдите в МИС")
                    .containsPattern("база была заблокирована \\d+(,\\d)? с");
            assertThat(completed.get("messageEn").asString()).containsPattern("the database was locked for \\d+(\\.\\d)? s");
            assertThat(completed.get("operation").asString()).isEqualTo("update");
            assertThat(completed.get("lockedMillis").asLong()).isPositive();
            awaitRun(run);
            assertThat(installed()).isEqualTo("1.1.0.1");
            assertThat(json("/api/v1/update").path("jobs").path(0).path("message").asString())
                    .startsWith("Установлена версия 1.1.0.1; база была заблокирована ");
            // the check before the install offered 1.1.0.1; once it is installed, Обновление no longer does
            JsonNode test = json("/api/v1/update").path("channels").path(1);
            assertThat(test.path("message").asString()).isEqualTo("Установлена актуальная версия 1.1.0.1");
            assertThat(test.path("targetVersion").isNull()).isTrue();
            JsonNode patients = json("/api/v1/mis/patients");
            assertThat(patients.get("columns").toString()).contains("phone");
            assertThat(patients.get("rows").get(0).toString()).contains("+7 900 000-00-01");
            assertThat(runLog(run)).contains("Блокировка «Главная база» снята").contains("Резервная копия")
                    .contains("пользователям предложено перезайти в МИС; база была заблокирована ");
            try (var backups = Files.walk(dir.resolve("server/backups"))) {
                for (Path f : backups.filter(p -> !p.equals(dir.resolve("server/backups"))).toList()) {
                    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                            .as("the major update's backup " + f).isEqualTo(Files.isDirectory(f) ? "rwx------" : "rw-------");
                }
            }
            try (Connection c = directConnection(server); ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
            assertThat(patients.get("rows").size()).isEqualTo(2);
        }
    }

    @Test
    @Order(2)
    void aCancelledCountdownChangesNothing() throws Exception {
        vendor.release(vendor.source("1.2.0.1", Map.of(
                "scripts/V1_2_0_1__note.sql", "ALTER TABLE patient ADD note VARCHAR(100);\n",
                "client/ksamu-client.txt", "клиент 1.2.0.1\n")), "1.2.0.1", "Будет отменён", "test");
        Map<String, String> before = checksums();
        try (Client client = new Client("ws-3")) {
            client.event("hello", 1);
            long run = startTestUpdate();
            client.event("countdown", 1);
            HttpResponse<String> cancel = post("/api/v1/update/cancel");
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
            assertThat(client.event("cancelled", 1).get("message").asString()).contains("отменено");
            awaitRun(run);
            assertThat(client.count("locked")).isZero();
        }
        assertThat(installed()).isEqualTo("1.1.0.1");
        assertThat(json("/api/v1/update").path("jobs").path(0).path("state").asString()).isEqualTo("CANCELLED");
        assertThat(checksums()).isEqualTo(before);
        assertThat(post("/api/v1/update/cancel").statusCode()).isEqualTo(409);
    }

    @Test
    @Order(3)
    void aFailingThirdScriptOfFiveLeavesEveryTableAsItWasAndTheBaseUnlocked() throws Exception {
        vendor.release(vendor.source("1.3.0.1", Map.of(
                "scripts/V1_3_0_1__visit.sql", "CREATE TABLE visit (id INT PRIMARY KEY, patient_id INT);\n",
                "scripts/V1_3_0_2__new_patient.sql", "INSERT INTO patient (id, full_name) VALUES (100, 'Новый Пациент');\n",
                "scripts/V1_3_0_3__broken.sql", "ALTER TABLE no_such_table ADD broken INT;\n",
                "scripts/V1_3_0_4__more.sql", "INSERT INTO visit (id, patient_id) VALUES (1, 1);\n",
                "scripts/V1_3_0_5__last.sql", "CREATE TABLE last_one (id INT);\n",
                "client/ksamu-client.txt", "клиент 1.3.0.1\n")), "1.3.0.1", "Сломанный выпуск", "test");
        Map<String, String> before = checksums();
        try (Client client = new Client("ws-4")) {
            client.event("hello", 1);
            long run = startTestUpdate();
            assertThat(client.event("failed", 1).get("message").asString()).contains("работа продолжается");
            awaitRun(run);
            assertThat(runLog(run)).contains("не удалось");
        }
        assertThat(installed()).isEqualTo("1.1.0.1");
        assertThat(json("/api/v1/update").path("jobs").path(0).path("state").asString()).isEqualTo("FAILED");
        assertThat(checksums()).isEqualTo(before);
        assertThat(get("/api/v1/mis/patients").statusCode()).isEqualTo(200);
        try (Connection c = directConnection(server); ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
    }

    /**
     * Issue 22: once the statistics register the installation, the hub holds the report of each
     * update job; the successful major's with its lock window, the failed one's with its step and message.
     */
    @Test
    @Order(20)
    void theHubHoldsTheMajorUpdatesReportsWithTheLockWindow() throws Exception {
        awaitRun(TaskApi.runNow(http, base(), "STATS"));
        String id = server.getBean(ru.ksamu.server.installation.InstallationStore.class).get().id();
        await().atMost(Duration.ofSeconds(60)).until(() -> server.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT COUNT(*) FROM update_report_outbox").query(Long.class).single() == 0);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(vendor.hubUrl + "/api/v1/installations/" + id
                + "/updates?size=500")).header("Authorization", "Bearer " + Vendor.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode major = null;
        JsonNode failed = null;
        for (JsonNode item : JsonMapper.shared().readTree(r.body()).path("items")) {
            JsonNode report = item.path("report");
            if ("1.1.0.1".equals(report.path("toVersion").asString(null)) && "DONE".equals(report.path("outcome").asString(null))) {
                major = report;
            }
            if ("FAILED".equals(report.path("outcome").asString(null)) && "MAJOR".equals(report.path("kind").asString(null))) {
                failed = report;
            }
        }
        assertThat(major).as(r.body()).isNotNull();
        assertThat(major.path("kind").asString()).isEqualTo("MAJOR");
        assertThat(major.path("fromVersion").asString()).isEqualTo("1.0.0.1");
        assertThat(major.path("lockedMs").asLong()).isPositive();
        assertThat(major.path("migrationMs").asLong()).isPositive().isLessThanOrEqualTo(major.path("lockedMs").asLong());
        assertThat(major.path("backupMode").asString(null)).isNotBlank();
        assertThat(failed).as(r.body()).isNotNull();
        assertThat(failed.path("message").asString(null)).isNotBlank();
    }
}
