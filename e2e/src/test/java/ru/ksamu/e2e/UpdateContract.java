package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.ksamu.hub.files.BlobStore;
import ru.ksamu.release.Sha256;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.server.databases.ManagedDatabases;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import ru.ksamu.testkit.TestAdmin;

/**
 * The update engine against a real hub on loopback: the first stable release installed by a
 * scheduled task (DB scripts run on the main base), a test release only by hand, a minor update
 * that a connected client hears about, the region rule and its override, no downgrade, a
 * tampered file refused with staging cleaned, a download
 * resumed from a partial file, and a server stopped mid-download that finishes on its next start.
 * The tests run in order on one hub and one server, as a clinic's history would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class UpdateContract {

    abstract List<String> hubDatabase();

    /** Arguments putting a new server's service and main databases on the kind under test. */
    abstract List<String> serverDatabases();

    static final DateTimeFormatter START = DateTimeFormatter.ofPattern("dd.MM.yyyy H:mm:ss");

    Vendor vendor;
    Path dir;
    List<String> serverArgs;
    ConfigurableApplicationContext server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("ksamu-e2e-update");
        vendor = new Vendor(dir, hubDatabase());
        serverArgs = serverArgs("server", List.of());
        server = ServerApplication.builder().run(serverArgs.toArray(String[]::new));
    }

    List<String> serverArgs(String name, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("--ksamu.port=0", "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD, "--ksamu.data-dir=" + dir.resolve(name),
                "--ksamu.update.hub-url=" + vendor.hubUrl, "--ksamu.update.region=09",
                "--ksamu.update.release-keys=" + vendor.releasePub(), "--ksamu.update.hub-keys=" + vendor.hubPub(),
                // Update reports are refused until the statistics register the installation: retry soon.
                "--ksamu.update.reports.retry-min=200ms", "--ksamu.update.reports.retry-max=2s"));
        args.addAll(serverDatabases());
        args.addAll(extra);
        return args;
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

    String base(ConfigurableApplicationContext ctx) {
        return "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port");
    }

    JsonNode get(ConfigurableApplicationContext ctx, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base(ctx) + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JsonMapper.shared().readTree(r.body());
    }

    JsonNode post(ConfigurableApplicationContext ctx, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base(ctx) + path))
                .header("Authorization", TestAdmin.basic());
        b = json == null ? b.POST(HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(200, 299);
        return JsonMapper.shared().readTree(r.body());
    }

    String installed(ConfigurableApplicationContext ctx) throws Exception {
        return get(ctx, "/api/v1/update").path("installedVersion").asString(null);
    }

    JsonNode lastJob(ConfigurableApplicationContext ctx) throws Exception {
        return get(ctx, "/api/v1/update").path("jobs").path(0);
    }

    /** Creates an update task (stable channel) and runs it now through the scheduler's task path. */
    long updateTask(String name, boolean ignoreRegions) throws Exception {
        String json = "{\"type\":\"KSAMU_UPDATE\",\"name\":\"" + name + "\",\"start\":\""
                + LocalDateTime.now().plusDays(1).withNano(0).format(START) + "\",\"periodicity\":\"DAY\","
                + "\"days\":\"ALL\",\"options\":{\"ignoreRegions\":\"" + ignoreRegions + "\"}}";
        return post(server, "/api/v1/tasks", json).get("id").asLong();
    }

    void runTaskAndWait(long taskId) throws Exception {
        long run = post(server, "/api/v1/tasks/" + taskId + "/run", null).get("runId").asLong();
        awaitRun(server, run);
    }

    void awaitRun(ConfigurableApplicationContext ctx, long runId) {
        E2e.awaitRun(ctx, runId, Duration.ofSeconds(60));
    }

    String runLog(ConfigurableApplicationContext ctx, long runId) {
        return E2e.runLog(ctx, runId);
    }

    @Test
    @Order(1)
    void theFirstStableReleaseIsInstalledOnScheduleWithItsScripts() throws Exception {
        assertThat(installed(server)).isNull();
        Path src = vendor.source("1.0.0.1", Map.of(
                "scripts/V1_0_0__patients.sql", "CREATE TABLE patient (id INT PRIMARY KEY, name VARCHAR(200));\n"
                        + "INSERT INTO patient (id, name) VALUES (1, 'Иванов И. И.');\n",
                "client/ksamu-client.txt", "клиент 1.0.0.1\n",
                "client/lib/common.txt", "общая библиотека\n"));
        vendor.release(src, "1.0.0.1", "Первый выпуск", "test");
        vendor.promote("1.0.0.1");

        // The scheduler's path: a one-off update task a few seconds ahead.
        String json = "{\"type\":\"KSAMU_UPDATE\",\"name\":\"Обновление по расписанию\",\"start\":\""
                + LocalDateTime.now().plusSeconds(3).withNano(0).format(START) + "\",\"periodicity\":\"ONCE\","
                + "\"days\":\"ALL\"}";
        post(server, "/api/v1/tasks", json);
        await().atMost(Duration.ofSeconds(60)).until(() -> "1.0.0.1".equals(installed(server)));

        JsonNode job = lastJob(server);
        assertThat(job.get("state").asString()).isEqualTo("DONE");
        assertThat(job.get("kind").asString()).isEqualTo("FIRST");
        try (Connection c = server.getBean(ManagedDatabases.class).main().endpoint().connect(Duration.ofSeconds(10));
             ResultSet rs = c.createStatement().executeQuery("SELECT name FROM patient WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Иванов И. И.");
        }
        JsonNode manifest = get(server, "/api/v1/client/manifest");
        assertThat(manifest.get("version").asString()).isEqualTo("1.0.0.1");
        assertThat(StreamSupport.stream(manifest.get("files").spliterator(), false).map(f -> f.get("path").asString()))
                .containsExactly("ksamu-client.txt", "lib/common.txt");
        String sha = manifest.get("files").get(0).get("sha256").asString();
        HttpResponse<String> file = http.send(HttpRequest.newBuilder(URI.create(base(server) + "/api/v1/client/files/" + sha))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(file.body()).isEqualTo("клиент 1.0.0.1\n");
        HttpResponse<String> range = http.send(HttpRequest.newBuilder(URI.create(base(server) + "/api/v1/client/files/" + sha))
                .header("Range", "bytes=0-5").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(range.statusCode()).isEqualTo(206);
        HttpResponse<String> same = http.send(HttpRequest.newBuilder(URI.create(base(server) + "/api/v1/client/manifest"))
                .header("If-None-Match", "\"1.0.0.1\"").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(same.statusCode()).isEqualTo(304);
    }

    @Test
    @Order(2)
    void aTestReleaseComesOnlyByHandAndAConnectedClientHearsOfTheMinorUpdate() throws Exception {
        Path src = vendor.source("1.0.0.2", Map.of(
                "scripts/V1_0_0__patients.sql", "CREATE TABLE patient (id INT PRIMARY KEY, name VARCHAR(200));\n"
                        + "INSERT INTO patient (id, name) VALUES (1, 'Иванов И. И.');\n",
                "client/ksamu-client.txt", "клиент 1.0.0.2\n",
                "client/lib/common.txt", "общая библиотека\n"));
        vendor.release(src, "1.0.0.2", "Исправлен отчёт", "test");

        long scheduled = updateTask("Обновление из облака (проверка)", false);
        runTaskAndWait(scheduled);
        assertThat(installed(server)).isEqualTo("1.0.0.1");

        List<String> events = new CopyOnWriteArrayList<>();
        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base(server)
                        + "/api/v1/client/events?user=nurse&host=ws-12&version=1.0.0.1")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    events.add(line);
                }
            } catch (Exception ignored) {
                // the stream ends with the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().until(() -> get(server, "/api/v1/clients").size() == 1);
        assertThat(get(server, "/api/v1/clients").get(0).get("host").asString()).isEqualTo("ws-12");

        long run = post(server, "/api/v1/update/test", null).get("runId").asLong();
        awaitRun(server, run);
        assertThat(installed(server)).isEqualTo("1.0.0.2");
        assertThat(lastJob(server).get("kind").asString()).isEqualTo("MINOR");
        assertThat(runLog(server, run)).contains("минорное обновление, без блокировки БД")
                .contains("Загрузка файлов: 1 из 3"); // the unchanged files were not downloaded again
        await().until(() -> events.stream().anyMatch(l -> l.startsWith("event:available")));
        assertThat(String.join("\n", events)).contains("1.0.0.2").contains("при следующем входе");
        assertThat(get(server, "/api/v1/client/manifest").get("version").asString()).isEqualTo("1.0.0.2");
        stream.body().close();
    }

    @Test
    @Order(3)
    void theRegionRuleHoldsUnlessTheTaskIgnoresIt() throws Exception {
        Path src = vendor.source("1.0.0.3", Map.of("client/ksamu-client.txt", "клиент 1.0.0.3 для региона 10\n"));
        vendor.release(src, "1.0.0.3", "Только для региона 10", "stable", "--regions", "10");
        runTaskAndWait(updateTask("Обновление по своему региону", false));
        assertThat(installed(server)).isEqualTo("1.0.0.2");
        runTaskAndWait(updateTask("Обновление без учёта регионов", true));
        assertThat(installed(server)).isEqualTo("1.0.0.3");
    }

    @Test
    @Order(4)
    void anOlderReleaseIsNeverInstalled() throws Exception {
        Path src = vendor.source("1.0.0.0", Map.of("client/ksamu-client.txt", "старый клиент\n"));
        vendor.release(src, "1.0.0.0", "Старый выпуск", "test");
        long run = post(server, "/api/v1/update/test", null).get("runId").asLong();
        awaitRun(server, run);
        assertThat(installed(server)).isEqualTo("1.0.0.3");
        assertThat(runLog(server, run)).contains("Установлена актуальная версия");
    }

    @Test
    @Order(5)
    void aTamperedFileIsRefusedAndStagingIsCleaned() throws Exception {
        Path src = vendor.source("1.0.0.4", Map.of("client/ksamu-client.txt", "клиент 1.0.0.4\n",
                "client/big.bin", "x".repeat(200_000)));
        vendor.release(src, "1.0.0.4", "Выпуск с подменённым файлом", "test");
        Path blob = vendor.hub.getBean(BlobStore.class).pathOf(Sha256.of("клиент 1.0.0.4\n".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(blob, "подмена!!!!!!!!\n"); // the same length, other bytes

        long run = post(server, "/api/v1/update/test", null).get("runId").asLong();
        awaitRun(server, run);
        assertThat(installed(server)).isEqualTo("1.0.0.3");
        JsonNode job = lastJob(server);
        assertThat(job.get("state").asString()).isEqualTo("FAILED");
        assertThat(job.get("message").asString()).contains("SHA-256").contains("Промежуточные файлы удалены");
        try (var staging = Files.list(dir.resolve("server/releases/staging"))) {
            assertThat(staging.toList()).isEmpty();
        }
        assertThat(get(server, "/api/v1/client/manifest").get("version").asString()).isEqualTo("1.0.0.3");
    }

    @Test
    @Order(6)
    void aPartialDownloadIsResumed() throws Exception {
        byte[] big = new byte[300_000];
        new java.util.Random(6).nextBytes(big);
        Path src = vendor.source("1.0.0.5", Map.of("client/ksamu-client.txt", "клиент 1.0.0.5\n"));
        Files.write(src.resolve("client/data.bin"), big);
        vendor.release(src, "1.0.0.5", "Выпуск для докачки", "test");
        String sha = Sha256.of(big);
        Files.write(dir.resolve("server/releases/staging/" + sha + ".part"), java.util.Arrays.copyOf(big, 100_000));

        long run = post(server, "/api/v1/update/test", null).get("runId").asLong();
        awaitRun(server, run);
        assertThat(runLog(server, run)).contains("Докачка client/data.bin с байта 100000");
        assertThat(installed(server)).isEqualTo("1.0.0.5");

        // Only the installed version and the previous client version are kept, with their files.
        assertThat(runLog(server, run)).contains("Удалены старые версии").contains("хранятся версии [1.0.0.3, 1.0.0.5]");
        try (var versions = Files.list(dir.resolve("server/releases/versions"));
             var clientVersions = Files.list(dir.resolve("server/client/versions"))) {
            assertThat(versions.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("1.0.0.3", "1.0.0.5");
            assertThat(clientVersions.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("1.0.0.3", "1.0.0.5");
        }
        Path blobs = dir.resolve("server/releases/blobs");
        assertThat(blobs.resolve(Sha256.of("клиент 1.0.0.1\n".getBytes(StandardCharsets.UTF_8)))).doesNotExist();
        assertThat(blobs.resolve(Sha256.of("общая библиотека\n".getBytes(StandardCharsets.UTF_8)))).doesNotExist();
        assertThat(blobs.resolve(Sha256.of("x".repeat(200_000).getBytes(StandardCharsets.UTF_8)))).doesNotExist();
        assertThat(blobs.resolve(Sha256.of("клиент 1.0.0.3 для региона 10\n".getBytes(StandardCharsets.UTF_8)))).exists();
        assertThat(blobs.resolve(sha)).exists();
        HttpResponse<String> previousClient = http.send(HttpRequest.newBuilder(URI.create(base(server)
                + "/api/v1/client/files/" + Sha256.of("клиент 1.0.0.3 для региона 10\n".getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(previousClient.statusCode()).as("the previous version is still served").isEqualTo(200);
    }

    @Test
    @Order(7)
    void theStatisticsTaskReportsThisInstallationToTheHub() throws Exception {
        long run = TaskApi.runNow(http, base(server), "STATS");
        awaitRun(server, run);
        String id = server.getBean(ru.ksamu.server.installation.InstallationStore.class).get().id();
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(vendor.hubUrl + "/api/v1/installations"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("the list is the vendor's").isEqualTo(401);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(vendor.hubUrl + "/api/v1/installations?size=500"))
                .header("Authorization", "Bearer " + Vendor.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode mine = null;
        for (JsonNode i : JsonMapper.shared().readTree(r.body()).path("items")) {
            if (id.equals(i.path("installationId").asString(null))) {
                mine = i;
            }
        }
        assertThat(mine).as("installation " + id + " in " + r.body()).isNotNull();
        assertThat(mine.path("region").asString()).isEqualTo("09");
        assertThat(mine.path("installedVersion").asString()).isEqualTo("1.0.0.5");
        assertThat(mine.path("tasks").toString()).contains("KSAMU_UPDATE");
        assertThat(r.body()).doesNotContain("Иванов").doesNotContain("patient");
    }

    @Test
    @Order(8)
    void aServerStoppedMidDownloadFinishesTheUpdateOnItsNextStart() throws Exception {
        List<String> args = serverArgs("server-restart", List.of("--ksamu.update.download-limit-per-second=1MB"));
        byte[] big = new byte[3_000_000];
        new java.util.Random(8).nextBytes(big);
        Path src = vendor.source("2.0.0.1", Map.of("client/ksamu-client.txt", "клиент 2.0.0.1\n"));
        Files.write(src.resolve("client/data.bin"), big);
        vendor.release(src, "2.0.0.1", "Выпуск для перезапуска", "test");
        Path part = dir.resolve("server-restart/releases/staging/" + Sha256.of(big) + ".part");

        try (ConfigurableApplicationContext first = ServerApplication.builder().run(args.toArray(String[]::new))) {
            post(first, "/api/v1/update/test", null);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(part) && Files.size(part) > 200_000);
        }
        long partial = Files.size(part);
        assertThat(partial).isLessThan(big.length);
        try (ConfigurableApplicationContext second = ServerApplication.builder().run(args.toArray(String[]::new))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> "2.0.0.1".equals(installed(second)));
            assertThat(lastJob(second).get("state").asString()).isEqualTo("DONE");
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            String log = String.join("\n", jdbc.sql("SELECT message FROM run_log ORDER BY id").query(String.class).list());
            assertThat(log).contains("было прервано остановкой сервера").contains("Докачка client/data.bin с байта");
            assertThat(jdbc.sql("SELECT started_by FROM work_run WHERE name = ?").param("Возобновление обновления до 2.0.0.1")
                    .query(String.class).list()).as("the server itself resumed it").containsExactly("система");
        }
    }

    /**
     * Issue 22: every finished update job of this server reaches the hub once, signed by the
     * installation: those finished before its statistics registered it waited in the outbox (the
     * hub refused them) and came once it was registered (test 7).
     */
    @Test
    @Order(9)
    void theHubHoldsEveryFinishedUpdateJobOnceWithItsFields() throws Exception {
        String id = server.getBean(ru.ksamu.server.installation.InstallationStore.class).get().id();
        JdbcClient jdbc = server.getBean(JdbcClient.class);
        long finished = jdbc.sql("SELECT COUNT(*) FROM update_job WHERE finished_at IS NOT NULL").query(Long.class).single();
        assertThat(finished).isPositive();
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT COUNT(*) FROM update_report_outbox")
                .query(Long.class).single() == 0);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(vendor.hubUrl + "/api/v1/installations/" + id
                        + "/updates?size=500")).header("Authorization", "Bearer " + Vendor.TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode page = JsonMapper.shared().readTree(r.body());
        assertThat(page.path("total").asLong()).as(r.body()).isEqualTo(finished);
        JsonNode newest = page.path("items").path(0).path("report");
        JsonNode job = lastJob(server);
        assertThat(newest.path("jobId").asLong()).isEqualTo(job.path("id").asLong());
        assertThat(newest.path("toVersion").asString()).isEqualTo(job.path("version").asString());
        assertThat(newest.path("outcome").asString()).isEqualTo(job.path("state").asString());
        assertThat(newest.path("kind").asString()).isEqualTo("MINOR");
        assertThat(newest.path("region").asString()).isEqualTo("09");
        assertThat(newest.path("finishedAt").isNull()).isFalse();
    }
}
