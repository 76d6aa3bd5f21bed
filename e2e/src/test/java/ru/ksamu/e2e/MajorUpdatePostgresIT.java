package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import ru.ksamu.testkit.Postgres;

/**
 * The major update on PostgreSQL, where a DBA has revoked CONNECT on the main base from PUBLIC and
 * granted it to the MIS's role only, and pg_dump is taken from {@code ksamu.backup.pg-bin} (a
 * folder holding only a link to it).
 */
@ExtendWith(Postgres.class)
class MajorUpdatePostgresIT extends MajorUpdateContract {

    /** The main base's JDBC URL. */
    String mainDb;
    /** The folder named by ksamu.backup.pg-bin: nothing in it but a link to the real pg_dump. */
    Path pgBin;

    @Override
    List<String> hubDatabase() {
        return E2e.postgresHub("majhub");
    }

    @Override
    List<String> serverDatabases() {
        pgBin = pgDumpOnlyFolder();
        List<String> args = new ArrayList<>(E2e.postgresServer("maj", "--ksamu.update.lock-roles=" + E2e.misRole(),
                "--ksamu.backup.pg-bin=" + pgBin, "--ksamu.update.postpone-step=1s"));
        mainDb = E2e.arg(args, "ksamu.databases.main.url");
        // The DBA's own choice, before the server's first start: only the MIS's role may connect.
        String name = mainDb.substring(mainDb.lastIndexOf('/') + 1);
        Postgres.execute("REVOKE CONNECT ON DATABASE " + name + " FROM PUBLIC");
        Postgres.execute("GRANT CONNECT ON DATABASE " + name + " TO " + E2e.misRole());
        return args;
    }

    static Path pgDumpOnlyFolder() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            Path real = versions.map(v -> v.resolve("bin/pg_dump")).filter(Files::isExecutable)
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no pg_dump under /usr/lib/postgresql"));
            Path folder = Files.createTempDirectory("ksamu-pg-bin");
            Files.createSymbolicLink(folder.resolve("pg_dump"), real);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    String slowScript() {
        return "SELECT pg_sleep(2);\n";
    }

    /** The MIS's role connecting to the main base (the table is readable: schema public, patient). */
    @Override
    Connection directConnection(ConfigurableApplicationContext server) throws SQLException {
        return DriverManager.getConnection(mainDb, E2e.misRole(), "");
    }

    /** Who holds CONNECT on the main base by a grant of its own: "PUBLIC" or role names. */
    List<String> connectGrantees() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(mainDb, Postgres.user(), "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE r.rolname END FROM pg_database d"
                             + " CROSS JOIN LATERAL aclexplode(COALESCE(d.datacl, acldefault('d', d.datdba))) a"
                             + " LEFT JOIN pg_roles r ON r.oid = a.grantee"
                             + " WHERE d.datname = current_database() AND a.privilege_type = 'CONNECT'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    long grantsNotGivenBack() {
        return server.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM lock_grant").query(Long.class).single();
    }

    @Test
    @Order(4)
    void theMajorUpdatesBackupUsedThePgDumpOfPgBin() {
        // the shared cluster does not archive WAL: auto takes pg_dump's directory format during the countdown
        assertThat(runLog(majorRun)).contains("Точка восстановления главной базы: точки восстановления не будет (archive_mode = off")
                .contains("Резервная копия главной базы готова (" + pgBin.resolve("pg_dump") + " -Fd -j 2)");
    }

    @Test
    @Order(5)
    void aDbasRevokeFromPublicStaysAfterStartAndMajorUpdatesWhileTheMisRoleGetsItsConnectBack() throws Exception {
        assertThat(connectGrantees()).contains(E2e.misRole()).doesNotContain("PUBLIC");
        assertThat(runLog(majorRun)).contains("право CONNECT отозвано у " + E2e.misRole() + ",");
        assertThat(grantsNotGivenBack()).isZero();
    }

    /**
     * A script that ends its own session: the migration fails and the lock's connection is gone,
     * so the first unlock fails too. The migration's failure stays the run's error, the unlock is
     * retried on a new connection, and the base is unlocked as the DBA left it.
     */
    @Test
    @Order(6)
    void anUnlockThatFailsOnceKeepsTheMigrationFailureAndIsRetried() throws Exception {
        vendor.release(vendor.source("1.4.0.1", Map.of(
                "scripts/V1_4_0_1__ends_its_session.sql", "SELECT pg_terminate_backend(pg_backend_pid());\n",
                "client/ksamu-client.txt", "клиент 1.4.0.1\n")), "1.4.0.1", "Сценарий обрывает свой сеанс", "test");
        long run = updateFromTest();
        String log = runLog(run);
        assertThat(log).contains("Мажорное обновление до 1.4.0.1 не удалось")
                .contains("Попытка снять блокировку «Главная база» не удалась")
                .contains("Блокировка «Главная база» снята");
        String error = log.lines().filter(l -> l.startsWith("Завершено с ошибкой")).findFirst().orElseThrow();
        assertThat(error).as("the run's error is the migration's, not the unlock's").contains("V1_4_0_1__ends_its_session.sql")
                .doesNotContainIgnoringCase("has been closed");
        assertThat(installed()).isEqualTo("1.1.0.1");
        try (Connection c = directConnection(server); ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
        assertThat(connectGrantees()).contains(E2e.misRole()).doesNotContain("PUBLIC");
        assertThat(grantsNotGivenBack()).isZero();
    }

    /**
     * A before-countdown backup still running at the deadline postpones the lock: pg_dump (the real
     * one, behind a script in ksamu.backup.pg-bin) waits for a file the test creates. Meanwhile every
     * client gets new countdown events marked postponed, nothing is locked, and once the backup ends
     * the update goes through.
     */
    @Test
    @Order(7)
    void aBackupStillRunningAtTheDeadlinePostponesTheLockAndTellsEveryClient() throws Exception {
        Path link = pgBin.resolve("pg_dump");
        Path real = Files.readSymbolicLink(link);
        Path gate = dir.resolve("pg_dump.may-run");
        Files.delete(link);
        Files.writeString(link, "#!/bin/sh\nwhile [ ! -e '" + gate + "' ]; do sleep 0.1; done\nexec '" + real + "' \"$@\"\n");
        link.toFile().setExecutable(true);
        try {
            vendor.release(vendor.source("1.5.0.1", Map.of(
                    "scripts/V1_5_0_1__email.sql", "ALTER TABLE patient ADD email VARCHAR(100);\n",
                    "client/ksamu-client.txt", "клиент 1.5.0.1\n")), "1.5.0.1", "Резервная копия не успевает", "test");
            try (Client client = new Client("ws-7")) {
                client.event("hello", 1);
                long run = startTestUpdate();
                Instant first = Instant.parse(client.event("countdown", 1).get("deadline").asString());
                JsonNode postponed = client.event("countdown", 3); // postponed twice: the backup is still held back
                assertThat(postponed.get("postponed").asBoolean()).isTrue();
                assertThat(postponed.get("message").asString()).contains("Блокировка отложена до")
                        .contains("резервная копия главной базы ещё создаётся");
                assertThat(Instant.parse(postponed.get("deadline").asString())).isAfter(first);
                assertThat(client.count("locked")).as("never locked while the backup runs").isZero();
                assertThat(json("/api/v1/update").path("maintenance").path("phase").asString()).isEqualTo("COUNTDOWN");
                assertThat(get("/api/v1/mis/patients").statusCode()).isEqualTo(200);
                Files.createFile(gate);
                client.event("completed", 1);
                awaitRun(run);
                assertThat(runLog(run)).contains("Блокировка отложена до").contains("Резервная копия главной базы готова");
            }
            assertThat(installed()).isEqualTo("1.5.0.1");
        } finally {
            Files.delete(link);
            Files.createSymbolicLink(link, real);
        }
    }
}
