package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.testkit.TestAdmin;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue L's restore point, end to end: the main base lives on a cluster of the test's own with WAL
 * archiving on; ksamu.update.backup=auto sees that archiving works and, under the lock, creates a
 * named restore point instead of a backup. Then the cluster is thrown away, its base backup (taken
 * before the last rows were written) is recovered with {@code recovery_target_name}, and the
 * pre-migration schema and every row are there.
 */
class MajorRestorePointIT {

    static long updateFromTest(ConfigurableApplicationContext server) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.getEnvironment().getProperty("local.server.port") + "/api/v1/update/test"))
                .header("Authorization", TestAdmin.basic()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JsonMapper.shared().readTree(r.body()).get("runId").asLong();
    }

    @Test
    void aRestorePointUnderTheLockRecoversThePreMigrationSchemaAndEveryRow() throws Exception {
        Path dir = Files.createTempDirectory("ksamu-e2e-restore-point");
        try (ArchivingCluster cluster = ArchivingCluster.start(); Vendor vendor = new Vendor(dir, List.of())) {
            cluster.execute("postgres", "CREATE DATABASE main");
            vendor.release(vendor.source("1.0.0.1", Map.of(
                    "scripts/V1_0_0__patients.sql", "CREATE TABLE patient (id INT PRIMARY KEY, full_name VARCHAR(200));\n"
                            + "INSERT INTO patient SELECT g, 'Пациент ' || g FROM generate_series(1, 100) g;\n",
                    "client/ksamu-client.txt", "клиент 1.0.0.1\n")), "1.0.0.1", "База", "test");
            List<String> args = new ArrayList<>(List.of("--ksamu.port=0", "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD,
                    "--ksamu.data-dir=" + dir.resolve("server"), "--ksamu.update.hub-url=" + vendor.hubUrl,
                    "--ksamu.update.release-keys=" + vendor.releasePub(), "--ksamu.update.hub-keys=" + vendor.hubPub(),
                    "--ksamu.update.countdown=1s", "--ksamu.databases.main.url=" + cluster.jdbcUrl("main"),
                    "--ksamu.databases.main.user=postgres", "--ksamu.databases.main.password="));
            String point;
            try (ConfigurableApplicationContext server = ServerApplication.builder().run(args.toArray(String[]::new))) {
                E2e.awaitRun(server, updateFromTest(server), Duration.ofSeconds(90));
                Path base = cluster.root.resolve("base");
                cluster.baseBackup(base);
                // written after the base backup: they come back only by replaying the archived WAL
                cluster.execute("main", "INSERT INTO patient SELECT g, 'Пациент ' || g FROM generate_series(101, 600) g");

                vendor.release(vendor.source("1.1.0.1", Map.of(
                        "scripts/V1_1_0__phone.sql", "ALTER TABLE patient ADD phone VARCHAR(20);\n"
                                + "UPDATE patient SET phone = '+7 900 000-00-01' WHERE id = 1;\n",
                        "client/ksamu-client.txt", "клиент 1.1.0.1\n")), "1.1.0.1", "Мажорный", "test");
                long run = updateFromTest(server);
                E2e.awaitRun(server, run, Duration.ofSeconds(90));
                String log = E2e.runLog(server, run);
                assertThat(log).contains("архивирование WAL работает: под блокировкой — точка восстановления")
                        .contains("Установлена версия 1.1.0.1").containsPattern("точка восстановления \\d");
                Map<String, Object> job = server.getBean(JdbcClient.class).sql("SELECT backup_mode, recovery_point, locked_ms,"
                        + " migration_ms, recovery_ms FROM update_job WHERE version = '1.1.0.1'").query().singleRow();
                assertThat(job.get("BACKUP_MODE")).isEqualTo("restore-point");
                assertThat((String) job.get("RECOVERY_POINT")).contains("LSN ").contains("recovery_target_name = 'ksamu-1.1.0.1-");
                assertThat((Long) job.get("LOCKED_MS")).isGreaterThanOrEqualTo((Long) job.get("MIGRATION_MS"));
                assertThat((Long) job.get("RECOVERY_MS")).isLessThan(1000);
                String text = (String) job.get("RECOVERY_POINT");
                point = text.substring(text.indexOf("«") + 1, text.indexOf("»"));
                try (Connection c = cluster.connect("main"); ResultSet rs = c.createStatement().executeQuery("SELECT phone FROM patient WHERE id = 1")) {
                    assertThat(rs.next()).isTrue();
                }
            }
            cluster.stop();
            cluster.recoverTo(cluster.root.resolve("base"), point);
            try (Connection c = cluster.connect("main")) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), MAX(id) FROM patient")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("every row written before the restore point").isEqualTo(600);
                    assertThat(rs.getLong(2)).isEqualTo(600);
                }
                try (ResultSet rs = c.getMetaData().getColumns(null, "public", "patient", null)) {
                    List<String> columns = new ArrayList<>();
                    while (rs.next()) {
                        columns.add(rs.getString("COLUMN_NAME"));
                    }
                    assertThat(columns).as("the pre-migration schema").containsExactly("id", "full_name");
                }
            }
        }
    }
}
