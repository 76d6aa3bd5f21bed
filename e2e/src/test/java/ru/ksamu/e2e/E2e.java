package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.ksamu.testkit.Postgres;
import ru.ksamu.testkit.TestAdmin;
import tools.jackson.databind.json.JsonMapper;

/** What the end-to-end tests share: fresh PostgreSQL databases as program arguments, and a server's runs. */
final class E2e {

    private E2e() {
    }

    /**
     * Registers a workstation with a running server as a launcher does (the admin reads the
     * enrollment code, the workstation posts it) and gives its token for the MIS API.
     */
    static String workstationToken(HttpClient http, String base) throws Exception {
        HttpResponse<String> code = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/clients/enrollment-code"))
                .header("Authorization", TestAdmin.basic()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(code.statusCode()).as(code.body()).isEqualTo(200);
        String body = "{\"code\":\"" + JsonMapper.shared().readTree(code.body()).get("code").asString()
                + "\",\"name\":\"e2e\",\"user\":\"nurse\"}";
        HttpResponse<String> reg = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/client/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reg.statusCode()).as(reg.body()).isEqualTo(201);
        return JsonMapper.shared().readTree(reg.body()).get("token").asString();
    }

    /** A fresh PostgreSQL database for the hub, as its arguments. */
    static List<String> postgresHub(String prefix) {
        return postgres("ksamu.hub-db", Postgres.createDatabase(prefix));
    }

    /** Fresh service and main PostgreSQL databases for one server, as its arguments, then {@code extra}. */
    static List<String> postgresServer(String prefix, String... extra) {
        List<String> args = new ArrayList<>(postgres("ksamu.service-db", Postgres.createDatabase(prefix + "srv")));
        args.addAll(postgres("ksamu.databases.main", Postgres.createDatabase(prefix + "main")));
        args.addAll(List.of(extra));
        return args;
    }

    /** The arguments pointing the setting group {@code key} at an existing PostgreSQL database. */
    static List<String> postgres(String key, String database) {
        return List.of("--" + key + ".url=" + Postgres.url(database), "--" + key + ".user=" + Postgres.user(),
                "--" + key + ".password=");
    }

    /** The MIS's own PostgreSQL role (made once if missing): it loses CONNECT during a major update's lock. */
    static String misRole() {
        Postgres.execute("DO $$ BEGIN CREATE ROLE ksamu_test_app LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        return "ksamu_test_app";
    }

    /** The value of one {@code --key=value} argument. */
    static String arg(List<String> args, String key) {
        return args.stream().filter(a -> a.startsWith("--" + key + "=")).map(a -> a.substring(key.length() + 3))
                .findFirst().orElseThrow();
    }

    /** Waits until a thread-manager unit of {@code server} has ended, whatever its outcome. */
    static void awaitRun(ConfigurableApplicationContext server, long runId, Duration atMost) {
        await().atMost(atMost).until(() -> ended(server, runId));
    }

    /** Whether a thread-manager unit of {@code server} has ended, whatever its outcome. */
    static boolean ended(ConfigurableApplicationContext server, long runId) {
        String state = server.getBean(JdbcClient.class).sql("SELECT state FROM work_run WHERE id = ?").param(runId)
                .query(String.class).single();
        return !"WAITING".equals(state) && !"RUNNING".equals(state) && !"STOPPING".equals(state);
    }

    /** A run's log messages, in order, one per line. */
    static String runLog(ConfigurableApplicationContext server, long runId) {
        return String.join("\n", server.getBean(JdbcClient.class)
                .sql("SELECT message FROM run_log WHERE run_id = ? ORDER BY id").param(runId).query(String.class).list());
    }
}
