package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
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
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.ksamu.server.ServerApplication;
import tools.jackson.databind.json.JsonMapper;
import ru.ksamu.testkit.TestAdmin;

/**
 * Issue M's benchmark (run by bench/major/run.sh, not by the test suite): the time the main base
 * is locked minus the migration's own run time, for a major release of about 200 MB (client
 * files) on a main base of 100 000 patients, on H2 and on PostgreSQL. Goal: at most 1 s.
 */
class LockWindowBenchmark {

    static final int RELEASE_MB = Integer.getInteger("bench.releaseMb", 200);
    static final int PATIENTS = Integer.getInteger("bench.patients", 100_000);
    static final Pattern LINE = Pattern.compile("заблокирована ([0-9.]+) с, из них миграция ([0-9.]+) с");

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void lockWindowMinusMigration() throws Exception {
        StringBuilder out = new StringBuilder();
        out.append(measure("H2", List.of(), List.of(), "INSERT INTO patient SELECT X, 'Пациент ' || X FROM SYSTEM_RANGE(1, " + PATIENTS + ");\n"));
        out.append(measure("PostgreSQL", E2e.postgresHub("benchhub"), E2e.postgresServer("bench"),
                "INSERT INTO patient SELECT g, 'Пациент ' || g FROM generate_series(1, " + PATIENTS + ") g;\n"));
        System.out.println(out);
        String file = System.getProperty("bench.out");
        if (file != null) {
            Files.writeString(Path.of(file), out.toString());
        }
    }

    private String measure(String db, List<String> hubArgs, List<String> serverDb, String fill) throws Exception {
        Path dir = Files.createTempDirectory("ksamu-bench-major");
        try (Vendor vendor = new Vendor(dir, hubArgs)) {
            vendor.release(vendor.source("1.0.0.1", Map.of(
                    "scripts/V1_0_0__patients.sql", "CREATE TABLE patient (id INT PRIMARY KEY, full_name VARCHAR(200));\n" + fill,
                    "client/ksamu-client.txt", "клиент 1.0.0.1\n")), "1.0.0.1", "База", "test");
            List<String> args = new ArrayList<>(List.of("--ksamu.port=0", "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD, "--ksamu.data-dir=" + dir.resolve("server"),
                    "--ksamu.update.hub-url=" + vendor.hubUrl, "--ksamu.update.release-keys=" + vendor.releasePub(),
                    "--ksamu.update.hub-keys=" + vendor.hubPub(), "--ksamu.update.countdown=0s"));
            args.addAll(serverDb);
            try (ConfigurableApplicationContext server = ServerApplication.builder().run(args.toArray(String[]::new))) {
                String base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
                run(server, base); // the first install: 1.0.0.1 with the patients
                Path src = vendor.source("1.1.0.1", Map.of("scripts/V1_1_0__phone.sql", "ALTER TABLE patient ADD phone VARCHAR(20);\n"
                        + "UPDATE patient SET phone = '+7 900 000-00-00' WHERE id <= 1000;\n"));
                Files.createDirectories(src.resolve("client"));
                Random random = new Random(42);
                byte[] chunk = new byte[1 << 20];
                for (int f = 0; f < RELEASE_MB / 10; f++) {
                    try (OutputStream o = Files.newOutputStream(src.resolve("client/part-" + f + ".bin"))) {
                        for (int mb = 0; mb < 10; mb++) {
                            random.nextBytes(chunk);
                            o.write(chunk);
                        }
                    }
                }
                vendor.release(src, "1.1.0.1", "Мажорный, " + RELEASE_MB + " МБ", "test");
                long major = run(server, base);
                String log = String.join("\n", server.getBean(JdbcClient.class)
                        .sql("SELECT message FROM run_log WHERE run_id = ? ORDER BY id").param(major).query(String.class).list());
                Matcher m = LINE.matcher(log);
                assertThat(m.find()).as(log).isTrue();
                double locked = Double.parseDouble(m.group(1));
                double migration = Double.parseDouble(m.group(2));
                return String.format(java.util.Locale.ROOT,
                        "%s: release %d MB, %d patients: locked %.1f s, migration %.1f s, lock minus migration %.1f s (goal <= 1 s)%n",
                        db, RELEASE_MB, PATIENTS, locked, migration, locked - migration);
            }
        }
    }

    private long run(ConfigurableApplicationContext server, String base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/update/test"))
                .header("Authorization", TestAdmin.basic())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        long id = JsonMapper.shared().readTree(r.body()).get("runId").asLong();
        await().atMost(Duration.ofMinutes(10)).until(() -> {
            String state = server.getBean(JdbcClient.class).sql("SELECT state FROM work_run WHERE id = ?").param(id)
                    .query(String.class).single();
            return "DONE".equals(state) || "FAILED".equals(state);
        });
        return id;
    }
}
