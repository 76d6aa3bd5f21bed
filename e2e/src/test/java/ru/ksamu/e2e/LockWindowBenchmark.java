package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.testkit.TestAdmin;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue L's benchmark (run by bench/major/run.sh, not by the test suite): how long a major update
 * keeps the main base locked beyond its migration, for each {@code ksamu.update.backup} mode, on a
 * main base of patients of about 1 KB each (hex text of little redundancy, as real records compress
 * badly) with a primary key and two indexes. The base is generated once per database by the first
 * release's own SQL (generate_series / SYSTEM_RANGE); then each mode restarts the server on the same
 * data and brings in one more major release (a new column, 1 000 rows updated). PostgreSQL runs on
 * a cluster of the benchmark's own with WAL archiving (so restore-point can be measured), H2 as the
 * server's embedded file ({@code bench.h2Rows=0} leaves H2 out). Goal: lock minus migration at most 1 s in every mode but under-lock.
 */
class LockWindowBenchmark {

    static final int PG_ROWS = Integer.getInteger("bench.pgRows", 100_000);
    static final int H2_ROWS = Integer.getInteger("bench.h2Rows", 100_000);
    static final List<String> MODES = List.of(System.getProperty("bench.modes",
            "under-lock,before-countdown,restore-point,snapshot,off").split(","));
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void lockWindowMinusMigrationPerBackupMode() throws Exception {
        StringBuilder out = new StringBuilder();
        if (H2_ROWS > 0) { // 0: PostgreSQL only (a run that keeps an earlier run's H2 numbers)
            out.append(measure("H2", H2_ROWS, null));
        }
        try (ArchivingCluster cluster = ArchivingCluster.start()) {
            cluster.execute("postgres", "CREATE DATABASE bench");
            out.append(measure("PostgreSQL", PG_ROWS, cluster));
        }
        System.out.println(out);
        String file = System.getProperty("bench.out");
        if (file != null) {
            Files.writeString(Path.of(file), out.toString());
        }
    }

    /** {@code fill}: the first release's SQL that writes the patients, by database. */
    static String patients(boolean postgres, int rows) {
        Function<Integer, String> hex = k -> postgres ? "md5((g * " + k + ")::text)"
                : "RAWTOHEX(HASH('MD5', CAST(X * " + k + " AS VARCHAR)))";
        String notes = IntStream.rangeClosed(1, 22).mapToObj(hex::apply).collect(Collectors.joining(" || "));
        String n = postgres ? "g" : "X";
        String range = postgres ? "generate_series(1, " + rows + ") g" : "SYSTEM_RANGE(1, " + rows + ")";
        return "CREATE TABLE patient (id BIGINT PRIMARY KEY, full_name VARCHAR(200), snils VARCHAR(14),"
                + " address VARCHAR(300), notes VARCHAR(1000));\n"
                + "INSERT INTO patient SELECT " + n + ", 'Пациент ' || " + hex.apply(3) + ", LPAD(CAST(" + n
                + " AS VARCHAR), 14, '0'), 'г. Черкесск, ул. ' || " + hex.apply(5) + " || ', д. ' || " + n + ", " + notes
                + " FROM " + range + ";\n"
                + "CREATE INDEX patient_name ON patient (full_name);\nCREATE INDEX patient_snils ON patient (snils);\n";
    }

    private String measure(String db, int rows, ArchivingCluster cluster) throws Exception {
        Path dir = Files.createTempDirectory("ksamu-bench-major");
        StringBuilder out = new StringBuilder();
        try (Vendor vendor = new Vendor(dir, List.of())) {
            vendor.release(vendor.source("1.0.0.1", Map.of("scripts/V1_0_0__patients.sql", patients(cluster != null, rows),
                    "client/ksamu-client.txt", "клиент 1.0.0.1\n")), "1.0.0.1", "База", "test");
            List<String> base = new ArrayList<>(List.of("--ksamu.port=0", "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD,
                    "--ksamu.data-dir=" + dir.resolve("server"), "--ksamu.update.hub-url=" + vendor.hubUrl,
                    "--ksamu.update.release-keys=" + vendor.releasePub(), "--ksamu.update.hub-keys=" + vendor.hubPub(),
                    "--ksamu.update.countdown=0s", "--ksamu.update.postpone-step=1s", "--ksamu.update.snapshot-command=sync"));
            if (cluster != null) {
                base.addAll(List.of("--ksamu.databases.main.url=" + cluster.jdbcUrl("bench"), "--ksamu.databases.main.user=postgres",
                        "--ksamu.databases.main.password="));
            }
            long t0 = System.nanoTime();
            try (ConfigurableApplicationContext server = ServerApplication.builder().run(base.toArray(String[]::new))) {
                run(server); // the first install: 1.0.0.1 writes the patients
                out.append(String.format(Locale.ROOT, "%s: %d patients generated in %.0f s; main base %s%n", db, rows,
                        (System.nanoTime() - t0) / 1e9, size(server, cluster, dir)));
            }
            if (cluster != null) {
                // the generation's archived WAL is not what is measured; the archive keeps working
                try (var wal = Files.list(cluster.wal)) {
                    for (Path f : wal.toList()) {
                        Files.delete(f);
                    }
                }
            }
            int minor = 1;
            for (String mode : MODES) {
                if (mode.equals("restore-point") && cluster == null) {
                    continue;
                }
                minor++;
                String v = "1." + minor + ".0.1";
                vendor.release(vendor.source(v, Map.of("scripts/V1_" + minor + "_0__column.sql",
                        "ALTER TABLE patient ADD c" + minor + " VARCHAR(20);\n"
                                + "UPDATE patient SET c" + minor + " = '+7 900 000-00-00' WHERE id <= 1000;\n",
                        "client/ksamu-client.txt", "клиент " + v + "\n")), v, "Мажорный", "test");
                List<String> args = new ArrayList<>(base);
                args.add("--ksamu.update.backup=" + mode);
                try (ConfigurableApplicationContext server = ServerApplication.builder().run(args.toArray(String[]::new))) {
                    long t = System.nanoTime();
                    long major = run(server);
                    double total = (System.nanoTime() - t) / 1e9;
                    // the journal's milliseconds (the run log's line says the same in tenths of a second)
                    Map<String, Object> w = server.getBean(JdbcClient.class).sql("SELECT locked_ms, migration_ms, recovery_ms"
                            + " FROM update_job WHERE version = ?").param(v).query().singleRow();
                    assertThat(w.get("LOCKED_MS")).as("the lock window of " + v).isNotNull();
                    double locked = ((Long) w.get("LOCKED_MS")) / 1000.0;
                    double migration = ((Long) w.get("MIGRATION_MS")) / 1000.0;
                    double point = ((Long) w.get("RECOVERY_MS")) / 1000.0;
                    out.append(String.format(Locale.ROOT, "%s %-16s locked %7.3f s, migration %6.3f s, recovery point %7.3f s,"
                                    + " lock minus migration %7.3f s (goal <= 1 s%s); whole update %.0f s%n", db, mode, locked,
                            migration, point, locked - migration, mode.equals("under-lock") ? ": reference" : "", total));
                }
            }
        }
        return out.toString();
    }

    private static String size(ConfigurableApplicationContext server, ArchivingCluster cluster, Path dir) throws Exception {
        if (cluster != null) {
            try (Connection c = cluster.connect("bench"); ResultSet rs = c.createStatement().executeQuery(
                    "SELECT pg_database_size('bench'), pg_total_relation_size('patient')")) {
                rs.next();
                return String.format(Locale.ROOT, "%.2f GB (patient with indexes %.2f GB)", rs.getLong(1) / 1e9, rs.getLong(2) / 1e9);
            }
        }
        try (var files = Files.walk(dir.resolve("server"))) {
            long bytes = files.filter(p -> p.getFileName().toString().startsWith("main") && p.toString().endsWith(".mv.db"))
                    .mapToLong(p -> p.toFile().length()).sum();
            return String.format(Locale.ROOT, "%.2f GB (H2 file)", bytes / 1e9);
        }
    }

    private long run(ConfigurableApplicationContext server) throws Exception {
        String base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/update/test"))
                .header("Authorization", TestAdmin.basic())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        long id = JsonMapper.shared().readTree(r.body()).get("runId").asLong();
        await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofSeconds(1)).until(() -> E2e.ended(server, id));
        String state = server.getBean(JdbcClient.class).sql("SELECT state FROM work_run WHERE id = ?").param(id)
                .query(String.class).single();
        assertThat(state).as(String.join("\n", server.getBean(JdbcClient.class)
                .sql("SELECT message FROM run_log WHERE run_id = ? ORDER BY id").param(id).query(String.class).list())).isEqualTo("DONE");
        return id;
    }
}
