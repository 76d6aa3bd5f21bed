package ru.ksamu.server.firebird;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.firebirdsql.management.FBMaintenanceManager;
import org.firebirdsql.management.FBManager;
import org.firebirdsql.management.MaintenanceManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.ksamu.platform.DataFolder;
import ru.ksamu.server.Api;
import ru.ksamu.server.ServerOnH2;
import ru.ksamu.server.TaskForms;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkSnapshot;
import ru.ksamu.server.threads.WorkState;
import ru.ksamu.testkit.TestAdmin;
import tools.jackson.databind.JsonNode;

/**
 * Firebird / RedDatabase bases managed by a real server over real HTTP, against a real Firebird 3
 * server ({@link FirebirdTestServer}): the maintenance task through the services API, a gbak
 * backup checked by a scratch restore, a restore over a base in use, the bad bases (absent, not a
 * base, shut down), and Главная listing them. Every base and file made here is dropped at the end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ksamu-server", "ksamu.port=0", "ksamu.firebird.shutdown-wait=2s"})
@ContextConfiguration(initializers = ServerOnH2.class)
class FirebirdIT {

    static final String BASE = FirebirdTestServer.newPath("base");
    static final String ABSENT = FirebirdTestServer.newPath("absent");
    static final String JUNK = FirebirdTestServer.newPath("junk");
    static final String SHUT = FirebirdTestServer.newPath("shut");
    static final String ODS = FirebirdTestServer.newPath("ods");
    static final String LEFT = FirebirdTestServer.newPath("left");

    @LocalServerPort
    int port;
    @Autowired
    ThreadManager threads;
    @Autowired
    FirebirdBackups firebird;
    @Autowired
    DataFolder data;
    @TempDir
    Path folder;

    @DynamicPropertySource
    static void bases(DynamicPropertyRegistry r) {
        Map<String, String> bases = Map.of("fb", BASE, "fb-absent", ABSENT, "fb-junk", JUNK, "fb-shut", SHUT, "fb-ods", ODS, "fb-left", LEFT);
        bases.forEach((name, path) -> {
            r.add("ksamu.databases." + name + ".url", () -> FirebirdTestServer.url(path));
            r.add("ksamu.databases." + name + ".user", () -> "SYSDBA");
            r.add("ksamu.databases." + name + ".password", FirebirdTestServer::password);
        });
        r.add("ksamu.databases.fb.title", () -> "Регистр Firebird");
    }

    @BeforeAll
    static void createBases() throws Exception {
        FirebirdTestServer.requireAvailable();
        for (String path : List.of(BASE, SHUT, LEFT)) {
            withManager(m -> m.createDatabase(path, "SYSDBA", FirebirdTestServer.password()));
        }
        try (Connection c = connect(BASE); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE patient (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL)");
            s.execute("CREATE INDEX patient_name ON patient (name)");
            for (int i = 1; i <= 200; i++) {
                s.execute("INSERT INTO patient VALUES (" + i + ", 'Пациент №" + i + "')");
            }
        }
        // Another ODS: a real base whose header says ODS 11 (as Firebird 2.5 writes it), the way an old
        // server's file reaches a new one. The header page keeps the ODS version at byte 18, with
        // Firebird's flag 0x8000 (0x800C for ODS 12 here).
        String source = FirebirdTestServer.newPath("ods-source");
        withManager(f -> f.createDatabase(source, "SYSDBA", FirebirdTestServer.password()));
        Files.copy(Path.of(source), Path.of(ODS));
        withManager(f -> f.dropDatabase(source, "SYSDBA", FirebirdTestServer.password()));
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(Path.of(ODS),
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {0x0B, (byte) 0x80}), 18);
        }
        Files.setPosixFilePermissions(Path.of(ODS), PosixFilePermissions.fromString("rw-rw-rw-"));
        // Not a base: text where the server expects a database header (readable and writable by it).
        Files.writeString(Path.of(JUNK), "это не база данных Firebird\n".repeat(400));
        Files.setPosixFilePermissions(Path.of(JUNK), PosixFilePermissions.fromString("rw-rw-rw-"));
        FBMaintenanceManager m = new FBMaintenanceManager();
        m.setServerName(FirebirdTestServer.HOST);
        m.setPortNumber(FirebirdTestServer.PORT);
        m.setUser("SYSDBA");
        m.setPassword(FirebirdTestServer.password());
        m.setDatabase(SHUT);
        m.shutdownDatabase(MaintenanceManager.OPERATION_MODE_FULL_SHUTDOWN, MaintenanceManager.SHUTDOWNEX_FORCE, 0);
    }

    static FBMaintenanceManager maintenance(String path) {
        FBMaintenanceManager m = new FBMaintenanceManager();
        m.setServerName(FirebirdTestServer.HOST);
        m.setPortNumber(FirebirdTestServer.PORT);
        m.setUser("SYSDBA");
        m.setPassword(FirebirdTestServer.password());
        m.setDatabase(path);
        return m;
    }

    @AfterAll
    static void dropBases() throws Exception {
        if (FirebirdTestServer.password() == null) {
            return;
        }
        FBMaintenanceManager m = new FBMaintenanceManager();
        m.setServerName(FirebirdTestServer.HOST);
        m.setPortNumber(FirebirdTestServer.PORT);
        m.setUser("SYSDBA");
        m.setPassword(FirebirdTestServer.password());
        m.setDatabase(SHUT);
        try {
            m.bringDatabaseOnline(MaintenanceManager.OPERATION_MODE_NORMAL);
        } catch (SQLException e) {
            // already online
        }
        for (String path : List.of(BASE, SHUT, LEFT)) {
            try {
                withManager(f -> f.dropDatabase(path, "SYSDBA", FirebirdTestServer.password()));
            } catch (Exception e) {
                // not created (the server was missing): nothing to drop
            }
        }
        Files.deleteIfExists(Path.of(JUNK));
        Files.deleteIfExists(Path.of(ODS));
        try (Stream<Path> left = Files.list(FirebirdTestServer.DATA)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("ksamu-verify-")))
                    .as("every scratch base of a backup's check was dropped").isEmpty();
        }
    }

    private interface ManagerCall {
        void run(FBManager m) throws Exception;
    }

    private static void withManager(ManagerCall call) throws Exception {
        FBManager m = new FBManager();
        m.setServer(FirebirdTestServer.HOST);
        m.setPort(FirebirdTestServer.PORT);
        m.start();
        try {
            call.run(m);
        } finally {
            m.stop();
        }
    }

    static Connection connect(String path) throws SQLException {
        return DriverManager.getConnection(FirebirdTestServer.url(path), FirebirdTestServer.credentials());
    }

    static List<String> names(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM patient ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    // ---- the API ----

    Api api() {
        return Api.at(port);
    }

    Api.Reply postTask(String type, Map<String, String> options) {
        Map<String, Object> f = TaskForms.dailyFarAhead(type, type + " " + System.nanoTime(), options);
        return api().post("/api/v1/tasks", f, TestAdmin.PASSWORD);
    }

    long createTask(String type, Map<String, String> options) {
        Api.Reply r = postTask(type, options);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

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

    JsonNode task(long id) {
        return StreamSupport.stream(api().get("/api/v1/tasks").json().spliterator(), false)
                .filter(t -> t.get("id").asLong() == id).findFirst().orElseThrow();
    }

    // ---- the tests ----

    @Test
    void maintenanceSweepsValidatesOnlineAndReportsIndexStatisticsWhileTheBaseIsInUse() throws Exception {
        try (Connection user = connect(BASE)) {
            user.setAutoCommit(false);
            names(user); // an open transaction of a working clinic
            WorkSnapshot run = runTask(createTask("FIREBIRD_SERVICE", Map.of("database", "fb")));
            String log = log(run.id());
            System.out.println("FIREBIRD_SERVICE run log:\n" + log); // the server's answers, as evidence in the test output
            assertThat(run.state()).as(log).isEqualTo(WorkState.DONE);
            assertThat(log).contains("Сервер Firebird: ").contains("Сборка мусора (sweep): выполнено")
                    .contains("validate: ").contains("Проверка базы (онлайн-валидация): выполнено")
                    .contains("gstat: ").containsIgnoringCase("PATIENT_NAME")
                    .contains("Сервисное обслуживание завершено");
            assertThat(user.isValid(2)).as("the clinic's attachment stays").isTrue();
            user.commit();
        }
    }

    @Test
    void firstStartSeedsAWeeklyMaintenanceTaskPerFirebirdBase() {
        JsonNode seeded = StreamSupport.stream(api().get("/api/v1/tasks").json().spliterator(), false)
                .filter(t -> t.get("name").asString().equals("Сервисное обслуживание FireBird/RedDatabase «Регистр Firebird»"))
                .findFirst().orElseThrow();
        assertThat(seeded.get("type").asString()).isEqualTo("FIREBIRD_SERVICE");
        assertThat(seeded.get("periodicity").asString()).isEqualTo("WEEK");
        assertThat(seeded.get("optionValues").get("database").asString()).isEqualTo("fb");
        assertThat(seeded.get("nearestStart").asString()).isNotBlank();
    }

    @Test
    void theTaskTakesOnlyAFirebirdBaseWithAReasonInRussianAndEnglish() {
        Api.Reply r = postTask("FIREBIRD_SERVICE", Map.of("database", "main"));
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.text()).contains("только базы Firebird/RedDatabase").contains("Firebird/RedDatabase only");
        Api.Reply none = postTask("FIREBIRD_SERVICE", Map.of("database", "fb", "sweep", "false", "validate", "false",
                "statistics", "false"));
        assertThat(none.status()).as(none.text()).isEqualTo(400);
        assertThat(none.text()).contains("хотя бы одно действие");
    }

    @Test
    void aBackupIsCheckedByAScratchRestoreAndARestoreOverTheBaseInUseLocksIt() throws Exception {
        List<String> before;
        try (Connection c = connect(BASE)) {
            before = names(c);
        }
        WorkSnapshot backup = runTask(createTask("BACKUP", Map.of("database", "fb", "folder", folder.toString(), "keep", "3")));
        String backupLog = log(backup.id());
        assertThat(backup.state()).as(backupLog).isEqualTo(WorkState.DONE);
        assertThat(backupLog).contains("gbak: копия базы «Регистр Firebird»")
                .contains("восстановлена в проверочную базу Firebird и удалена").contains("Резервная копия готова");
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.toList();
        }
        assertThat(files).hasSize(1);
        String file = files.get(0).getFileName().toString();
        assertThat(file).matches("fb-\\d{4}-\\d{2}-\\d{2}_\\d{6}\\.fbk");

        Connection user = connect(BASE);
        try {
            try (Statement s = user.createStatement()) {
                s.execute("UPDATE patient SET name = 'после копии'");
            }
            Api.Reply r = api().post("/api/v1/backups/restore", Map.of("database", "fb", "file", file), TestAdmin.PASSWORD);
            assertThat(r.status()).as(r.text()).isEqualTo(202);
            WorkSnapshot restore = awaitRun(r.json().get("runId").asLong());
            String log = log(restore.id());
            assertThat(restore.state()).as(log).isEqualTo(WorkState.DONE);
            assertThat(log).contains("Копия прочитана: восстановлена в проверочную базу Firebird")
                    .contains("заблокирована: выключена в однопользовательский режим")
                    .contains("gbak: ").contains("Блокировка «Регистр Firebird» снята").doesNotContain("ERROR");
            assertThat(data.root().resolve("firebird-locks").resolve("fb")).as("the lock's mark is gone").doesNotExist();
            assertThat(user.isValid(2)).as("the attachment in use was cut off by the lock").isFalse();
        } finally {
            try {
                user.close();
            } catch (SQLException e) {
                // cut off by the restore's lock, as asserted
            }
        }
        try (Connection c = connect(BASE)) {
            assertThat(names(c)).as("the base holds what the backup held, and is online").isEqualTo(before);
        }
    }

    /** A server stopped while a restore held the lock: the next start brings the base back online. */
    @Test
    void aBaseLeftShutDownByAnInterruptedRestoreIsBroughtBackOnlineAtStart() throws Exception {
        maintenance(LEFT).shutdownDatabase(MaintenanceManager.OPERATION_MODE_SINGLE, MaintenanceManager.SHUTDOWNEX_FORCE, 0);
        Path mark = data.root().resolve("firebird-locks").resolve("fb-left");
        Files.createDirectories(mark.getParent());
        Files.writeString(mark, LEFT);
        firebird.onlineLeftovers();
        try (Connection c = connect(LEFT)) {
            assertThat(c.isValid(2)).isTrue();
        }
        assertThat(mark).doesNotExist();
        firebird.onlineLeftovers(); // no mark: nothing to do, and a base not shut down is left alone
        try (Connection c = connect(LEFT)) {
            assertThat(c.isValid(2)).isTrue();
        }
    }

    @Test
    void anAbsentBaseFailsInRussianLeavesNothingRunningAndStaysScheduled() {
        long id = createTask("FIREBIRD_SERVICE", Map.of("database", "fb-absent"));
        WorkSnapshot run = runTask(id);
        String log = log(run.id());
        assertThat(run.state()).as(log).isEqualTo(WorkState.FAILED);
        assertThat(log).contains("база «fb-absent»").contains("недоступна: файла нет");
        assertNothingRunningAndStillScheduled(id);
    }

    @Test
    void aFileThatIsNotABaseFailsInRussian() {
        long id = createTask("FIREBIRD_SERVICE", Map.of("database", "fb-junk"));
        WorkSnapshot run = runTask(id);
        String log = log(run.id());
        assertThat(run.state()).as(log).isEqualTo(WorkState.FAILED);
        assertThat(log).contains("не является базой Firebird/RedDatabase");
        assertNothingRunningAndStillScheduled(id);
        WorkSnapshot backup = runTask(createTask("BACKUP", Map.of("database", "fb-junk", "folder", folder.toString())));
        assertThat(backup.state()).isEqualTo(WorkState.FAILED);
        assertThat(log(backup.id())).contains("Резервная копия не сделана").contains("не является базой Firebird/RedDatabase");
        assertThat(folder.toFile().list()).as("no half backup is left").isEmpty();
    }

    @Test
    void aBaseOfAnotherOdsFailsSayingSo() {
        long id = createTask("FIREBIRD_SERVICE", Map.of("database", "fb-ods"));
        WorkSnapshot run = runTask(id);
        String log = log(run.id());
        assertThat(run.state()).as(log).isEqualTo(WorkState.FAILED);
        assertThat(log).contains("другой версии ODS").contains("found 11.0");
        assertNothingRunningAndStillScheduled(id);
    }

    @Test
    void aShutDownBaseFailsSayingItIsLocked() {
        long id = createTask("FIREBIRD_SERVICE", Map.of("database", "fb-shut"));
        WorkSnapshot run = runTask(id);
        String log = log(run.id());
        assertThat(run.state()).as(log).isEqualTo(WorkState.FAILED);
        assertThat(log).contains("заблокирована (выключена, shutdown)");
        assertNothingRunningAndStillScheduled(id);
    }

    @Test
    void glavnayaListsTheFirebirdBasesAndTheirCheck() {
        Api.Reply home = api().get("/");
        assertThat(home.status()).isEqualTo(200);
        String html = home.text();
        assertThat(html).contains("Регистр Firebird").contains("Firebird/RedDatabase");
        assertThat(row(html, "fb")).contains("up");
        assertThat(row(html, "fb-absent")).contains("down");
    }

    private static String row(String html, String name) {
        int at = html.indexOf("data-name=\"" + name + "\"");
        assertThat(at).as("a row for " + name).isPositive();
        return html.substring(at, html.indexOf("</tr>", at));
    }

    private void assertNothingRunningAndStillScheduled(long id) {
        assertThat(threads.list()).as("nothing of the task left running")
                .noneMatch(u -> u.taskId() != null && u.taskId() == id && !u.state().finished());
        assertThat(task(id).get("nearestStart").asString()).as("the next run stays scheduled").isNotBlank();
    }
}
