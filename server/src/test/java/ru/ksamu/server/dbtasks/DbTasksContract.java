package ru.ksamu.server.dbtasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import ru.ksamu.server.Api;
import ru.ksamu.server.TaskForms;
import ru.ksamu.server.databases.ManagedDatabase;
import ru.ksamu.server.databases.ManagedDatabases;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkSnapshot;
import ru.ksamu.server.threads.WorkState;
import ru.ksamu.testkit.TestAdmin;
import tools.jackson.databind.JsonNode;

/**
 * The database task types (backup, restore, validation, maintenance) over real HTTP, against a
 * real main base and a second, scratch managed database, on each kind of database. Written once,
 * run per database by {@code DbTasksH2IT} and {@code DbTasksPostgresIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ksamu-server", "ksamu.port=0", "ksamu.update.countdown=5s"})
abstract class DbTasksContract {

    static final String SCRATCH = "scratch";

    @LocalServerPort
    int port;
    @Autowired
    ThreadManager threads;
    @Autowired
    ManagedDatabases databases;
    @TempDir
    Path folder;

    Api api() {
        return Api.at(port);
    }

    Connection connect(String db) throws SQLException {
        return databases.find(db).orElseThrow().endpoint().connect(Duration.ofSeconds(10));
    }

    void sql(String db, String... statements) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    /** Every row of the table, in key order, as text. */
    List<String> rows(String db, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    b.append(rs.getString(i)).append('|');
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    boolean tableExists(String db, String table) throws SQLException {
        try (Connection c = connect(db); ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
            return rs.next();
        }
    }

    /** A clinic's small main base: patients and their visits (a foreign key), with Russian text. */
    @BeforeEach
    void seedMainBase() throws SQLException {
        sql(ManagedDatabase.MAIN, "DROP TABLE IF EXISTS later", "DROP TABLE IF EXISTS visit", "DROP TABLE IF EXISTS patient",
                "CREATE TABLE patient (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, born DATE)",
                "CREATE TABLE visit (id INT PRIMARY KEY, patient_id INT NOT NULL REFERENCES patient (id), note VARCHAR(200))");
        StringBuilder patients = new StringBuilder("INSERT INTO patient VALUES ");
        StringBuilder visits = new StringBuilder("INSERT INTO visit VALUES ");
        for (int i = 1; i <= 300; i++) {
            patients.append(i > 1 ? "," : "").append("(").append(i).append(", 'Пациент №").append(i)
                    .append(" «О''Брайен»', DATE '1980-01-").append(String.format("%02d", 1 + i % 28)).append("')");
            visits.append(i > 1 ? "," : "").append("(").append(i).append(", ").append(1 + i % 50).append(", 'осмотр ").append(i).append("')");
        }
        sql(ManagedDatabase.MAIN, patients.toString(), visits.toString());
    }

    // ---- running tasks through the API ----

    long createTask(String type, String name, Map<String, String> options) {
        Map<String, Object> f = TaskForms.dailyFarAhead(type, name, options);
        Api.Reply r = api().post("/api/v1/tasks", f, TestAdmin.PASSWORD);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** Runs the task now and waits for its end; returns the finished unit. */
    WorkSnapshot runTask(long taskId) {
        Api.Reply r = api().post("/api/v1/tasks/" + taskId + "/run", null, TestAdmin.PASSWORD);
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        return awaitRun(r.json().get("runId").asLong());
    }

    WorkSnapshot awaitRun(long runId) {
        await().atMost(Duration.ofSeconds(90)).until(() -> threads.get(runId).map(s -> s.state().finished()).orElse(false));
        return threads.get(runId).orElseThrow();
    }

    String log(long runId) {
        JsonNode page = api().get("/api/v1/logs?run=" + runId + "&size=500").json();
        StringBuilder b = new StringBuilder();
        for (JsonNode e : page.get("entries")) {
            b.insert(0, e.get("level").asString() + " " + e.get("message").asString() + "\n");
        }
        return b.toString();
    }

    long backupTask(String db, int keep) {
        return createTask("BACKUP", "Бэкап " + db + " " + System.nanoTime(),
                Map.of("database", db, "folder", folder.toString(), "keep", Integer.toString(keep)));
    }

    List<Path> files() throws Exception {
        try (var s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    String ext() {
        return databases.main().kind() == ru.ksamu.platform.DatabaseKind.H2 ? "zip" : "dump";
    }

    String backupNow() throws Exception {
        WorkSnapshot run = runTask(backupTask(ManagedDatabase.MAIN, 0));
        assertThat(run.state()).as(log(run.id())).isEqualTo(WorkState.DONE);
        return BackupFile.list(folder).get(0).name();
    }

    long restore(String db, String file) {
        Api.Reply r = api().post("/api/v1/backups/restore", Map.of("database", db, "file", file), TestAdmin.PASSWORD);
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        return r.json().get("runId").asLong();
    }

    String maintenancePhase() {
        return api().get("/api/v1/update").json().get("maintenance").get("phase").asString();
    }

    // ---- the article's table ----

    JsonNode seeded(String name) {
        return StreamSupport.stream(api().get("/api/v1/tasks").json().spliterator(), false)
                .filter(t -> t.get("name").asString().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    @Test
    void firstStartSeedsTheArticlesDatabaseTasks() {
        JsonNode backup = seeded("Бэкап \"Главной базы\"");
        assertThat(backup.get("type").asString()).isEqualTo("BACKUP");
        assertThat(backup.get("start").asString()).isEqualTo("01.01.2014 21:00:00");
        assertThat(backup.get("periodicity").asString()).isEqualTo("DAY");
        assertThat(backup.get("nearestStart").asString()).endsWith(" 21:00:00");
        assertThat(backup.get("optionValues").get("database").asString()).isEqualTo("main");
        assertThat(backup.get("optionValues").get("keep").asString()).isEqualTo("7");
        assertThat(backup.get("exclusive").asBoolean()).isFalse();
        JsonNode validate = seeded("Валидация БД");
        assertThat(validate.get("periodicity").asString()).isEqualTo("DAY");
        assertThat(validate.get("nearestStart").asString()).endsWith(" 3:00:00");
        JsonNode service = seeded("Сервисное обслуживание БД");
        assertThat(service.get("start").asString()).isEqualTo("24.04.2014 20:00:00");
        assertThat(service.get("periodicity").asString()).isEqualTo("WEEK");
        assertThat(service.get("optionValues").get("reindex").asString()).isEqualTo("false");
        JsonNode stats = seeded("Отправка статистики");
        assertThat(stats.get("type").asString()).isEqualTo("STATS");
        assertThat(stats.get("periodicity").asString()).isEqualTo("MINUTES_15");
        JsonNode cloud = seeded("Обновление КСАМУ из облака");
        assertThat(cloud.get("start").asString()).isEqualTo("01.01.2016 0:08:00");
        assertThat(cloud.get("forbiddenFrom").asString()).isEqualTo("6:00:00");
        assertThat(cloud.get("forbiddenTo").asString()).isEqualTo("21:00:00");
        JsonNode server = seeded("Обновление Сервера КСАМУ");
        assertThat(server.get("start").asString()).isEqualTo("01.01.2016 0:05:00");
        assertThat(server.get("periodicity").asString()).isEqualTo("MINUTES_30");
        assertThat(server.get("forbiddenFrom").asString()).as("the article's row has no forbidden window")
                .isEqualTo(server.get("forbiddenTo").asString());
        assertThat(seeded("Обрезка БД логов").get("start").asString()).isEqualTo("18.06.2014 16:00:10");
    }

    // ---- backup and restore ----

    @Test
    void backupIsReadBackThenRestoredIntoAScratchDatabaseWithEqualData() throws Exception {
        WorkSnapshot run = runTask(backupTask(ManagedDatabase.MAIN, 7));
        String log = log(run.id());
        assertThat(run.state()).as(log).isEqualTo(WorkState.DONE);
        List<Path> files = files();
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).matches("main-\\d{4}-\\d{2}-\\d{2}_\\d{6}\\." + ext());
        assertThat(log).contains("Копия прочитана обратно").contains("Резервная копия готова");

        JsonNode listed = api().get("/api/v1/backups").json();
        JsonNode main = StreamSupport.stream(listed.get("databases").spliterator(), false)
                .filter(d -> d.get("name").asString().equals("main")).findFirst().orElseThrow();
        assertThat(main.get("backups").get(0).get("file").asString()).isEqualTo(files.get(0).getFileName().toString());
        assertThat(main.get("backups").get(0).get("size").asLong()).isEqualTo(Files.size(files.get(0)));

        sql(SCRATCH, "DROP TABLE IF EXISTS visit", "DROP TABLE IF EXISTS patient", "CREATE TABLE stale (x INT)");
        WorkSnapshot restored = awaitRun(restore(SCRATCH, files.get(0).getFileName().toString()));
        assertThat(restored.state()).as(log(restored.id())).isEqualTo(WorkState.DONE);
        assertThat(rows(SCRATCH, "patient")).hasSize(300).isEqualTo(rows(ManagedDatabase.MAIN, "patient"));
        assertThat(rows(SCRATCH, "visit")).hasSize(300).isEqualTo(rows(ManagedDatabase.MAIN, "visit"));
        assertThat(tableExists(SCRATCH, "stale") || tableExists(SCRATCH, "STALE")).as("a table the backup does not hold").isFalse();
    }

    @Test
    void keepLastNRemovesOnlyThisDatabasesOwnOlderBackups() throws Exception {
        for (int day = 1; day <= 3; day++) {
            Files.writeString(folder.resolve("main-2020-01-0" + day + "_030000." + ext()), "old " + day);
        }
        Files.writeString(folder.resolve("print-forms-2020-01-01_030000." + ext()), "another database");
        Files.writeString(folder.resolve("main-before-6.0.51.1-20200101-030000.sql"), "a major update's copy");
        Files.writeString(folder.resolve("notes.txt"), "the admin's own file");
        WorkSnapshot run = runTask(backupTask(ManagedDatabase.MAIN, 2));
        assertThat(run.state()).as(log(run.id())).isEqualTo(WorkState.DONE);
        List<String> names = files().stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).contains("main-2020-01-03_030000." + ext(), "print-forms-2020-01-01_030000." + ext(),
                "main-before-6.0.51.1-20200101-030000.sql", "notes.txt")
                .doesNotContain("main-2020-01-01_030000." + ext(), "main-2020-01-02_030000." + ext())
                .hasSize(5);
        assertThat(log(run.id())).contains("main-2020-01-01_030000." + ext());
    }

    @Test
    void restoreOfTheMainBaseCountsDownLocksAndPutsTheBackupBack() throws Exception {
        List<String> before = rows(ManagedDatabase.MAIN, "patient");
        String file = backupNow();
        sql(ManagedDatabase.MAIN, "DELETE FROM visit WHERE id > 10", "UPDATE patient SET name = 'испорчено'",
                "CREATE TABLE later (id INT)");
        long run = restore(ManagedDatabase.MAIN, file);
        await().atMost(Duration.ofSeconds(10)).until(() -> "COUNTDOWN".equals(maintenancePhase()));
        assertThat(api().get("/api/v1/update").json().get("maintenance").get("operation").asString()).isEqualTo("RESTORE");
        WorkSnapshot done = awaitRun(run);
        String log = log(run);
        assertThat(done.state()).as(log).isEqualTo(WorkState.DONE);
        assertThat(log).contains("будет заблокирована для восстановления").contains("Блокировка «Главная база» снята")
                .contains("восстановлена из " + file);
        assertThat(maintenancePhase()).isEqualTo("NONE");
        assertThat(rows(ManagedDatabase.MAIN, "patient")).isEqualTo(before);
        assertThat(rows(ManagedDatabase.MAIN, "visit")).hasSize(300);
        assertThat(tableExists(ManagedDatabase.MAIN, "later") || tableExists(ManagedDatabase.MAIN, "LATER")).isFalse();
    }

    @Test
    void cancelledCountdownLeavesTheMainBaseUntouched() throws Exception {
        String file = backupNow();
        sql(ManagedDatabase.MAIN, "DELETE FROM visit");
        long run = restore(ManagedDatabase.MAIN, file);
        await().atMost(Duration.ofSeconds(10)).until(() -> "COUNTDOWN".equals(maintenancePhase()));
        assertThat(api().post("/api/v1/update/cancel", null, TestAdmin.PASSWORD).status()).isEqualTo(200);
        WorkSnapshot done = awaitRun(run);
        assertThat(log(run)).contains("Восстановление отменено до блокировки");
        assertThat(done.state()).isEqualTo(WorkState.DONE);
        assertThat(maintenancePhase()).isEqualTo("NONE");
        assertThat(rows(ManagedDatabase.MAIN, "visit")).isEmpty();
    }

    @Test
    void anUnreadableBackupIsRefusedBeforeAnyoneIsWarned() throws Exception {
        String name = "main-2021-01-01_000000." + ext();
        Files.write(folder.resolve(name), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        backupTask(ManagedDatabase.MAIN, 0); // makes the folder one of the listed ones
        long run = restore(ManagedDatabase.MAIN, name);
        WorkSnapshot done = awaitRun(run);
        assertThat(done.state()).isEqualTo(WorkState.FAILED);
        assertThat(log(run)).doesNotContain("будет заблокирована");
        assertThat(rows(ManagedDatabase.MAIN, "visit")).hasSize(300);
        assertThat(api().post("/api/v1/backups/restore", Map.of("database", "main", "file", "../../etc/passwd"), TestAdmin.PASSWORD)
                .status()).isEqualTo(404);
        assertThat(api().post("/api/v1/backups/restore", Map.of("database", "nope", "file", name), TestAdmin.PASSWORD).status())
                .isEqualTo(400);
        assertThat(api().post("/api/v1/backups/restore", Map.of("database", "main", "file", name), null).status())
                .isEqualTo(401);
    }

    // ---- files only the server's owner may read ----

    @org.springframework.beans.factory.annotation.Value("${ksamu.data-dir}")
    String dataDir;

    static void assertOwnerOnly(Path p) throws Exception {
        assertThat(Files.getPosixFilePermissions(p)).as("permissions of " + p).doesNotContain(
                java.nio.file.attribute.PosixFilePermission.GROUP_READ, java.nio.file.attribute.PosixFilePermission.GROUP_WRITE,
                java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE, java.nio.file.attribute.PosixFilePermission.OTHERS_READ,
                java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE, java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
    }

    /** After start-up and a backup into the default folder: folders rwx------, files rw-------. */
    @Test
    void databaseFilesBackupsAndTheirFoldersAreOwnerOnly() throws Exception {
        WorkSnapshot run = runTask(createTask("BACKUP", "Бэкап в папку по умолчанию " + System.nanoTime(),
                Map.of("database", ManagedDatabase.MAIN, "keep", "0")));
        assertThat(run.state()).as(log(run.id())).isEqualTo(WorkState.DONE);
        Path data = Path.of(dataDir);
        for (String folder : List.of("db", "keys", "backups", "releases")) {
            assertOwnerOnly(data.resolve(folder));
        }
        List<Path> backupFiles = BackupFile.list(data.resolve("backups")).stream().map(BackupFile::path).toList();
        assertThat(backupFiles).isNotEmpty();
        for (Path f : backupFiles) {
            assertOwnerOnly(f);
        }
        if (!postgres()) {
            List<Path> h2;
            try (var s = Files.list(data.resolve("db"))) {
                h2 = s.filter(p -> p.getFileName().toString().endsWith(".mv.db")).toList();
            }
            assertThat(h2).extracting(p -> p.getFileName().toString()).contains("service.mv.db", "main.mv.db", "scratch.mv.db");
            for (Path f : h2) {
                assertOwnerOnly(f);
            }
        }
    }

    // ---- validation and maintenance ----

    boolean postgres() {
        return databases.main().kind() == ru.ksamu.platform.DatabaseKind.POSTGRESQL;
    }

    @Test
    void validationOfAHealthyBaseFindsNothing() {
        WorkSnapshot run = runTask(createTask("VALIDATE", "Валидация " + System.nanoTime(), Map.of("database", "main")));
        String log = log(run.id());
        assertThat(run.state()).as(log).isEqualTo(WorkState.DONE);
        assertThat(log).contains("Нарушений целостности не найдено").containsPattern("внешних ключей проверено: [1-9]");
        if (postgres()) {
            assertThat(log).containsPattern("индексов B-tree проверено amcheck: [1-9]");
        }
    }

    @Test
    void validationFindsAPlantedOrphanRowAndARowBreakingACheck() throws Exception {
        if (postgres()) {
            sql(ManagedDatabase.MAIN, "SET session_replication_role = replica",
                    "INSERT INTO visit VALUES (9999, 12345, 'сирота')", "SET session_replication_role = DEFAULT",
                    "ALTER TABLE patient ADD CONSTRAINT born_sane CHECK (born > DATE '1980-01-20') NOT VALID");
        } else {
            sql(ManagedDatabase.MAIN, "SET REFERENTIAL_INTEGRITY FALSE", "INSERT INTO visit VALUES (9999, 12345, 'сирота')",
                    "SET REFERENTIAL_INTEGRITY TRUE",
                    "ALTER TABLE patient ADD CONSTRAINT born_sane CHECK (born > DATE '1980-01-20') NOCHECK");
        }
        WorkSnapshot run = runTask(createTask("VALIDATE", "Валидация " + System.nanoTime(), Map.of("database", "main")));
        String log = log(run.id());
        assertThat(run.state()).as(log).isEqualTo(WorkState.FAILED);
        assertThat(log).containsPattern("(?i)ERROR Внешний ключ .*visit.* строк без родителя .*patient.*: 1\\n")
                .containsPattern("(?i)ERROR Ограничение born_sane .*его нарушают строк: [1-9]")
                .contains("найдено нарушений: 2");
    }

    @Test
    void maintenanceRunsWhileTheBaseIsInUse() throws Exception {
        WorkSnapshot run = runTask(createTask("DB_SERVICE", "Обслуживание " + System.nanoTime(),
                Map.of("database", "main", "reindex", "true")));
        String log = log(run.id());
        assertThat(run.state()).as(log).isEqualTo(WorkState.DONE);
        assertThat(log).contains("Сервисное обслуживание завершено");
        if (postgres()) {
            assertThat(log).contains("VACUUM (ANALYZE): выполнено").contains("REINDEX SCHEMA CONCURRENTLY public: выполнено");
        } else {
            assertThat(log).contains("ANALYZE: выполнено").contains("SHUTDOWN COMPACT");
        }
        assertThat(rows(ManagedDatabase.MAIN, "visit")).hasSize(300);
    }

    // ---- statistics (in this context to spare a Spring start; the hub's side is tested in the hub module) ----

    @Autowired
    ru.ksamu.server.update.CloudSettings cloud;

    /**
     * "Отправка статистики" against a local stand-in of the hub (the server module cannot start a
     * real hub; the hub's endpoint has its own contract): the path carries the installation id,
     * which is the one derived from the installation's public key; every report is signed over the
     * id, its time of sending and its exact bytes; the old shared-secret header is gone; the body
     * holds versions and task outcomes only.
     */
    @Test
    void statisticsArePostedSignedByTheInstallationsKeyAndWithNoPatientData() throws Exception {
        List<byte[]> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> paths = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<com.sun.net.httpserver.Headers> headers = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer hub = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/", ex -> {
            paths.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            headers.add(ex.getRequestHeaders());
            bodies.add(ex.getRequestBody().readAllBytes());
            byte[] answer = "{\"outcome\":\"REGISTERED\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.sendResponseHeaders(bodies.size() == 1 ? 201 : 429, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        hub.start();
        try {
            cloud.change("http://127.0.0.1:" + hub.getAddress().getPort(), "09");
            long task = createTask("STATS", "Статистика " + System.nanoTime(), Map.of());
            java.time.Instant before = java.time.Instant.now().minusSeconds(1);
            WorkSnapshot first = runTask(task);
            assertThat(first.state()).as(log(first.id())).isEqualTo(WorkState.DONE);
            // the run log says what was sent in words; the exact JSON goes to the hub only
            assertThat(log(first.id())).contains("Статистика принята облаком")
                    .contains("Отправляется статистика (без данных пациентов): регион 09, релиз не установлен")
                    .contains("Бэкап — успешно").doesNotContain("{\"region\"");
            WorkSnapshot second = runTask(task);
            assertThat(second.state()).as(log(second.id())).isEqualTo(WorkState.DONE);
            assertThat(log(second.id())).contains("HTTP 429");

            String id = installationId();
            assertThat(paths).containsExactly("POST /api/v1/installations/" + id + "/stats",
                    "POST /api/v1/installations/" + id + "/stats");
            for (int i = 0; i < 2; i++) {
                com.sun.net.httpserver.Headers h = headers.get(i);
                assertThat(h.getFirst("X-Ksamu-Installation-Key")).as("the old secret is no longer sent").isNull();
                ru.ksamu.release.signing.TrustedKey key = ru.ksamu.release.signing.TrustedKey.parse(
                        h.getFirst("X-Ksamu-Installation-Public-Key"), "header");
                String sentAt = h.getFirst("X-Ksamu-Sent-At");
                assertThat(java.time.Instant.parse(sentAt)).isAfter(before).isBefore(java.time.Instant.now().plusSeconds(1));
                ru.ksamu.release.signing.DetachedSignature signature = ru.ksamu.release.signing.DetachedSignature.parse(
                        h.getFirst("X-Ksamu-Signature"), "header");
                assertThat(ru.ksamu.release.signing.InstallationIdentity.idOf(key).toString()).isEqualTo(id);
                assertThat(ru.ksamu.release.signing.InstallationIdentity.verifiesReport(key, java.util.UUID.fromString(id),
                        sentAt, bodies.get(i), signature)).as("report %d verifies", i).isTrue();
                byte[] tampered = bodies.get(i).clone();
                tampered[tampered.length - 2] ^= 1;
                assertThat(ru.ksamu.release.signing.InstallationIdentity.verifiesReport(key, java.util.UUID.fromString(id),
                        sentAt, tampered, signature)).as("a changed body does not verify").isFalse();
            }
            assertThat(headers.get(1).getFirst("X-Ksamu-Installation-Public-Key"))
                    .isEqualTo(headers.get(0).getFirst("X-Ksamu-Installation-Public-Key"));
            JsonNode body = tools.jackson.databind.json.JsonMapper.builder().build().readTree(bodies.get(0));
            assertThat(body.get("region").asString()).isEqualTo("09");
            assertThat(body.get("serverVersion").asString()).isNotBlank();
            assertThat(StreamSupport.stream(body.get("tasks").spliterator(), false).map(t -> t.get("type").asString()))
                    .contains("BACKUP", "VALIDATE", "DB_SERVICE", "STATS", "LOG_TRIM");
            assertThat(new String(bodies.get(0), java.nio.charset.StandardCharsets.UTF_8))
                    .doesNotContain("Пациент").doesNotContain("patient");
        } finally {
            cloud.change("", "");
            hub.stop(0);
        }
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient serviceDb;

    /**
     * The installation id is the one derived from the stored public key, the same on every
     * reading of the row (as after a restart); an installation from before keys gets a key, and
     * the id derived from it, and keeps them from then on.
     */
    @Test
    void theInstallationIdIsDerivedFromItsKeyAndStable() {
        String id = installationId();
        assertThat(storedIdMatchesStoredKey()).isEqualTo(id);
        assertThat(installation.key().id().toString()).isEqualTo(id);
        assertThat(installationId()).isEqualTo(id);

        String old = java.util.UUID.randomUUID().toString();
        serviceDb.sql("UPDATE installation SET installation_id = ?, signing_key = NULL, public_key = NULL WHERE singleton = 1")
                .param(old).update();
        String upgraded = installationId();
        assertThat(upgraded).isNotEqualTo(old).isNotEqualTo(id).isEqualTo(storedIdMatchesStoredKey());
        assertThat(installation.key().id().toString()).isEqualTo(upgraded);
        assertThat(installationId()).isEqualTo(upgraded);
    }

    /** Reads the row as a new start would: its id, checked to be the one its public key gives. */
    String storedIdMatchesStoredKey() {
        return serviceDb.sql("SELECT installation_id, public_key FROM installation WHERE singleton = 1")
                .query((rs, n) -> {
                    String derived = ru.ksamu.release.signing.InstallationIdentity.idOf(
                            ru.ksamu.release.signing.TrustedKey.parse(rs.getString(2), "installation.public_key")).toString();
                    assertThat(rs.getString(1)).isEqualTo(derived);
                    return derived;
                }).single();
    }

    @Autowired
    ru.ksamu.server.installation.InstallationStore installation;

    String installationId() {
        return installation.get().id();
    }
}
