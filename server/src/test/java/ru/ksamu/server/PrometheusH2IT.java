package ru.ksamu.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.schedule.ScheduleFormats;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkKind;
import ru.ksamu.server.threads.WorkRequest;
import ru.ksamu.testkit.Prometheus;
import ru.ksamu.testkit.TestAdmin;

/**
 * What operations scrape from {@code /actuator/prometheus} (loopback, no credentials) after real
 * work: a task run through the API, units held at the gate, a client on the event stream. The
 * metrics do not depend on the database kind, so this runs on H2 only, in the context the task
 * API's tests share.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ksamu-server", "ksamu.port=0", "ksamu.data-dir=target/it-data"})
@ContextConfiguration(initializers = ServerOnH2.class)
class PrometheusH2IT {

    @LocalServerPort
    int port;
    @Autowired
    ThreadManager threads;

    private Prometheus scrape() {
        Api.Reply r = Api.at(port).get("/actuator/prometheus");
        assertThat(r.status()).as("loopback needs no credentials").isEqualTo(200);
        return new Prometheus(r.text());
    }

    private double value(String name, String... labels) {
        Prometheus p = scrape();
        OptionalDouble v = p.sample(name, labels);
        assertThat(v).as(name + " " + String.join(",", labels) + " in\n" + p).isPresent();
        return v.getAsDouble();
    }

    @Test
    void aTaskRunThroughTheApiIsCountedByTypeAndOutcome() {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("type", "LOG_TRIM");
        form.put("name", "Метрики " + System.nanoTime());
        form.put("start", ScheduleFormats.formatDateTime(LocalDateTime.now().plusDays(40).withHour(3)
                .withMinute(0).withSecond(0).withNano(0)));
        form.put("periodicity", "DAY");
        form.put("days", "ALL");
        form.put("options", Map.of("days", "30"));
        long id = Api.at(port).post("/api/v1/tasks", form, TestAdmin.PASSWORD).json().get("id").asLong();
        double before = scrape().sample("ksamu_tasks_outcomes_total", "type", "LOG_TRIM", "outcome", "done").orElse(0);

        assertThat(Api.at(port).post("/api/v1/tasks/" + id + "/run", null, TestAdmin.PASSWORD).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                scrape().sample("ksamu_tasks_outcomes_total", "type", "LOG_TRIM", "outcome", "done").orElse(0) == before + 1);
        assertThat(value("ksamu_threads_running", "type", "LOG_TRIM")).isZero();
        assertThat(value("ksamu_threads_waiting", "type", "LOG_TRIM")).isZero();
        assertThat(value("ksamu_threads_gate_wait_seconds_count", "rule", "shared")).isPositive();
    }

    @Test
    void unitsRunningAndWaitingAtTheGateAreGaugedAndTheirWaitIsTimed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        double exclusiveWaits = scrape().sample("ksamu_threads_gate_wait_seconds_count", "rule", "exclusive").orElse(0);
        threads.submit(WorkRequest.task("Метрики: держит ворота", WorkKind.MANUAL, "test", false, null,
                work -> release.await(30, TimeUnit.SECONDS)));
        var waiting = threads.submit(WorkRequest.task("Метрики: ждёт", WorkKind.MANUAL, "test", true, null, work -> { }));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> value("ksamu_threads_running", "type", "other") >= 1
                    && value("ksamu_threads_waiting", "type", "other") >= 1);
        } finally {
            release.countDown();
        }
        waiting.completion().get(30, TimeUnit.SECONDS);
        assertThat(value("ksamu_threads_gate_wait_seconds_count", "rule", "exclusive")).isGreaterThan(exclusiveWaits);
    }

    @Test
    void aConnectedClientIsGaugedByItsVersionAndNoMaintenanceIsUnderWay() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<InputStream>> stream = http.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/client/events?user=nurse&host=ws-1&version=6.0.77.1"))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    scrape().sample("ksamu_clients_connected", "version", "6.0.77.1").orElse(0) == 1);
        } finally {
            stream.thenAccept(r -> {
                try {
                    r.body().close();
                } catch (java.io.IOException ignored) {
                    // the stream is being dropped anyway
                }
            });
        }
        assertThat(value("ksamu_maintenance_phase", "operation", "update")).isZero();
        assertThat(value("ksamu_maintenance_phase", "operation", "restore")).isZero();
    }
}
