package ru.ksamu.server.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import ru.ksamu.server.installation.InstallationKey;
import ru.ksamu.server.installation.InstallationStore;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.threads.WorkRequest;
import ru.ksamu.server.update.CloudSettings;
import ru.ksamu.server.update.HubCallFailedException;
import ru.ksamu.server.update.HubHttp;
import ru.ksamu.server.update.UpdateSettings;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the queued update reports to the hub, each signed by the installation's key
 * ({@link InstallationKey#signedHeaders}): {@code POST {hub}/api/v1/installations/{id}/updates}
 * through {@link HubHttp} (proxy, timeouts, answer cap). A round is short system work of the thread
 * manager, started when a job's report is queued, at start-up (reports left from before) and, while
 * the hub is away, when the earliest waiting report is due again: each failure doubles the report's
 * wait from {@code retry-min} up to {@code retry-max}. The one timer thread only starts rounds.
 */
@Component
class UpdateReportSender implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UpdateReportSender.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The hub's answer is a short JSON; anything longer is cut. */
    static final long MAX_ANSWER_BYTES = 64 * 1024;
    /** Reports sent in one round at most; the rest in the next round, right after. */
    private static final int BATCH = 50;

    // Lazily: the outbox holds this sender to wake it.
    private final ObjectProvider<UpdateReportOutbox> outbox;
    private final InstallationStore installation;
    private final CloudSettings cloud;
    private final HubHttp http;
    private final UpdateSettings update;
    private final UpdateReportSettings settings;
    private final ThreadManager threads;
    private final Clock clock;
    private final AtomicBoolean round = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ksamu-update-reports-timer");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> next;

    UpdateReportSender(ObjectProvider<UpdateReportOutbox> outbox, InstallationStore installation, CloudSettings cloud,
                       HubHttp http, UpdateSettings update, UpdateReportSettings settings, ThreadManager threads, Clock clock) {
        this.outbox = outbox;
        this.installation = installation;
        this.cloud = cloud;
        this.http = http;
        this.update = update;
        this.settings = settings;
        this.threads = threads;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        log.info("Update reports: {}", settings);
        outbox.getObject().dropOrphans();
        wake();
    }

    /** Starts a round now, or right after the running one. */
    void wake() {
        if (!round.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        try {
            threads.submit(WorkRequest.system("Отправка отчётов об обновлениях в облако", this::round));
        } catch (RuntimeException e) {
            round.set(false);
            log.warn("Cannot start a round of update reports: {}", e.toString());
        }
    }

    private void round(WorkContext work) {
        try {
            UpdateReportOutbox box = outbox.getObject();
            List<UpdateReportOutbox.Queued> due = box.due(clock.instant(), cloud.region(), BATCH);
            for (UpdateReportOutbox.Queued q : due) {
                if (work.stopRequested()) {
                    break;
                }
                send(box, q, work);
            }
            if (due.size() == BATCH) {
                again.set(true);
            }
        } finally {
            round.set(false);
        }
        if (again.getAndSet(false)) {
            wake();
        } else {
            plan();
        }
    }

    /** Sets the timer for the earliest waiting report, if any. */
    private synchronized void plan() {
        Optional<Instant> due = outbox.getObject().nextDue();
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        if (due.isPresent() && !timer.isShutdown()) {
            long ms = Math.max(0, Duration.between(clock.instant(), due.get()).toMillis());
            next = timer.schedule(this::wake, ms, TimeUnit.MILLISECONDS);
        }
    }

    private void send(UpdateReportOutbox box, UpdateReportOutbox.Queued q, WorkContext work) {
        InstallationKey key = installation.key();
        byte[] body = JSON.writeValueAsString(q.report()).getBytes(StandardCharsets.UTF_8);
        String url = cloud.hubUrl() + "/api/v1/installations/" + key.id() + "/updates";
        String failure;
        try {
            HubHttp.Answer a = http.fetch(HttpMethod.POST, url, "ответ на отчёт об обновлении",
                    key.signedHeaders(body, clock.instant()), body, MAX_ANSWER_BYTES, update.requestTimeout());
            if (a.status() / 100 == 2) {
                box.sent(q.jobId());
                work.log(WorkContext.LogLevel.INFO, "Отчёт об обновлении №" + q.jobId() + " (" + q.report().toVersion()
                        + ") принят облаком (HTTP " + a.status() + ")");
                return;
            }
            String answer = new String(a.body(), StandardCharsets.UTF_8);
            if (a.status() == 400 || a.status() == 413) {
                // The same bytes would be refused again: retrying cannot help, the report is dropped.
                box.sent(q.jobId());
                work.log(WorkContext.LogLevel.ERROR, "Облако отвергло отчёт об обновлении №" + q.jobId() + " (HTTP "
                        + a.status() + "): " + answer + "; отчёт удалён из очереди");
                return;
            }
            failure = "HTTP " + a.status() + " " + answer;
        } catch (HubCallFailedException e) {
            failure = e.getMessage();
        } catch (IOException e) {
            failure = "облако недоступно: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        }
        Duration wait = settings.backoff(q.attempts() + 1);
        box.failed(q.jobId(), clock.instant().plus(wait), failure);
        work.log(WorkContext.LogLevel.WARN, "Отчёт об обновлении №" + q.jobId() + " не отправлен (" + failure
                + "); повтор через " + wait.toSeconds() + " с");
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
