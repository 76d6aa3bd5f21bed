package ru.ksamu.server.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import ru.ksamu.server.installation.Installation;
import ru.ksamu.server.installation.InstallationKey;
import ru.ksamu.server.installation.InstallationStore;
import ru.ksamu.server.tasks.TaskService;
import ru.ksamu.server.update.CloudSettings;
import ru.ksamu.server.update.HubHttp;
import ru.ksamu.server.update.UpdateJournal;
import ru.ksamu.server.update.UpdateSettings;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds this installation's statistics report and posts it to the hub, signed with the
 * installation's own key: {@code POST {hub}/api/v1/installations/{id}/stats}, where the id is the
 * one derived from the key, the body is the JSON exactly as signed, and the headers carry the
 * proof headers of {@link InstallationKey#signedHeaders}.
 */
@Component
class StatsSender {

    /** The hub's answer to a report is a short JSON; anything longer is cut. */
    static final long MAX_ANSWER_BYTES = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InstallationStore installation;
    private final CloudSettings cloud;
    // Lazily: the task registry holds StatsTask, which holds this sender.
    private final ObjectProvider<TaskService> tasks;
    /** The update journal: the last major update's lock window (issue L). */
    private final ObjectProvider<UpdateJournal> journal;
    private final UpdateSettings settings;
    private final HubHttp http;
    private final Clock clock;

    StatsSender(InstallationStore installation, CloudSettings cloud, ObjectProvider<TaskService> tasks,
                UpdateSettings settings, HubHttp http, Clock clock, ObjectProvider<UpdateJournal> journal) {
        this.journal = journal;
        this.installation = installation;
        this.cloud = cloud;
        this.tasks = tasks;
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    /** The server program's build: the jar's Implementation-Version, or "dev" when run from classes. */
    static String serverVersion() {
        String v = StatsSender.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    StatsReport report() {
        Installation i = installation.get();
        StatsReport.LockWindow lock = journal.getObject().lastLockWindow().map(j -> new StatsReport.LockWindow(j.version(),
                j.backupMode(), j.lockedMs(), j.migrationMs(), j.recoveryMs(), j.startedAt())).orElse(null);
        return new StatsReport(cloud.region(), i.installedVersion().map(Object::toString).orElse(null), serverVersion(),
                StatsReport.outcomes(tasks.getObject().list()), lock);
    }

    String json(StatsReport report) {
        return JSON.writeValueAsString(report);
    }

    /** The hub's answer: its status and body. */
    record Sent(String url, int status, String body) {
    }

    Sent send(String json) throws IOException {
        InstallationKey key = installation.key();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Instant sentAt = clock.instant();
        String url = cloud.hubUrl() + "/api/v1/installations/" + key.id() + "/stats";
        Map<String, String> headers = key.signedHeaders(body, sentAt);
        HubHttp.Answer r = http.fetch(HttpMethod.POST, url, "ответ на отчёт статистики", headers, body,
                MAX_ANSWER_BYTES, settings.requestTimeout());
        return new Sent(url, r.status(), new String(r.body(), StandardCharsets.UTF_8));
    }
}
