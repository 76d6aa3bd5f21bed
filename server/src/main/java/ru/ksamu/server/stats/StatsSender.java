package ru.ksamu.server.stats;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import ru.ksamu.server.installation.Installation;
import ru.ksamu.server.installation.InstallationStore;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.server.tasks.TaskService;
import ru.ksamu.server.update.CloudSettings;
import ru.ksamu.server.update.UpdateSettings;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds this installation's statistics report and posts it to the hub,
 * {@code POST {hub}/api/v1/installations/{id}/stats} with the installation's key
 * ({@code X-Ksamu-Installation-Key}, made on the first report and kept in {@code stats_key}).
 */
@Component
class StatsSender {

    static final String KEY_HEADER = "X-Ksamu-Installation-Key";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InstallationStore installation;
    private final CloudSettings cloud;
    // Lazily: the task registry holds StatsTask, which holds this sender.
    private final ObjectProvider<TaskService> tasks;
    private final JdbcClient jdbc;
    private final UpdateSettings settings;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    StatsSender(InstallationStore installation, CloudSettings cloud, ObjectProvider<TaskService> tasks, JdbcClient jdbc, UpdateSettings settings) {
        this.installation = installation;
        this.cloud = cloud;
        this.tasks = tasks;
        this.jdbc = jdbc;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    }

    /** The server program's build: the jar's Implementation-Version, or "dev" when run from classes. */
    static String serverVersion() {
        String v = ServerApplication.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    StatsReport report() {
        Installation i = installation.get();
        return new StatsReport(cloud.region(), i.installedVersion().map(Object::toString).orElse(null), serverVersion(),
                StatsReport.outcomes(tasks.getObject().list()));
    }

    String json(StatsReport report) {
        return JSON.writeValueAsString(report);
    }

    /** The hub's answer: its status and body. */
    record Sent(String url, int status, String body) {
    }

    Sent send(String json) throws Exception {
        String url = cloud.hubUrl() + "/api/v1/installations/" + installation.get().id() + "/stats";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(settings.requestTimeout())
                .header("Content-Type", "application/json").header(KEY_HEADER, key())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return new Sent(url, r.statusCode(), r.body());
    }

    /** This installation's key, made once (two racing first reports: the stored one wins). */
    synchronized String key() {
        return jdbc.sql("SELECT installation_key FROM stats_key WHERE singleton = 1").query(String.class).optional()
                .orElseGet(() -> {
                    byte[] b = new byte[32];
                    random.nextBytes(b);
                    String k = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
                    jdbc.sql("INSERT INTO stats_key (singleton, installation_key) VALUES (1, ?)").param(k).update();
                    return k;
                });
    }
}
