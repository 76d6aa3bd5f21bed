package ru.ksamu.server.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.ksamu.server.Api;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.threads.WorkKind;
import ru.ksamu.server.threads.WorkRequest;
import tools.jackson.databind.JsonNode;
import ru.ksamu.testkit.TestAdmin;

/** The run log: query, live stream with resume, trimming — on each kind of service database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ksamu-server", "ksamu.port=0", "ksamu.data-dir=target/it-data"})
abstract class LogsContract {

    @LocalServerPort
    int port;
    @Autowired
    ThreadManager threads;
    @Autowired
    JdbcClient jdbc;

    /** Writes {@code n} entries through a real unit of the thread manager, one every {@code pauseMillis}. */
    long writeEntries(String name, int n, long pauseMillis) throws Exception {
        var h = threads.submit(WorkRequest.task(name, WorkKind.MANUAL, "test", false, null, ctx -> {
            for (int i = 0; i < n; i++) {
                ctx.log(WorkContext.LogLevel.INFO, name + " запись " + i);
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        }));
        return h.completion().get(60, TimeUnit.SECONDS).id();
    }

    @Test
    void queryFiltersByRunLevelAndTextWithPaging() throws Exception {
        long run = writeEntries("Фильтр", 25, 0);
        JsonNode page = Api.at(port).get("/api/v1/logs?run=" + run + "&size=10&page=1").json();
        assertThat(page.get("total").asLong()).isEqualTo(25);
        assertThat(page.get("entries")).hasSize(10);
        assertThat(page.get("entries").get(0).get("message").asString()).isEqualTo("Фильтр запись 14");
        JsonNode text = Api.at(port).get("/api/v1/logs?run=" + run + "&text=" + URLEncoder.encode("запись 24", StandardCharsets.UTF_8)).json();
        assertThat(text.get("total").asLong()).isEqualTo(1);
        assertThat(Api.at(port).get("/api/v1/logs?run=" + run + "&level=ERROR").json().get("total").asLong()).isZero();
    }

    @Test
    void liveStreamResumesAfterADroppedConnectionWithEveryEntryExactlyOnce() throws Exception {
        long before = Api.at(port).get("/api/v1/logs?size=1").json().path("entries").path(0).path("id").asLong(0);
        int total = 300;
        Thread writer = new Thread(() -> {
            try {
                writeEntries("Поток", total, 2);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Long> received = new ArrayList<>();
        long last = before;
        writer.start();
        // Three connections, each dropped after some events, each resuming with Last-Event-ID.
        for (int round = 0; round < 3 && received.size() < total; round++) {
            last = readEvents(last, round == 2 ? Integer.MAX_VALUE : 60 + round * 40, received, total);
        }
        writer.join();
        Set<Long> unique = new HashSet<>(received);
        assertThat(unique).as("no entry repeated").hasSize(received.size());
        List<Long> expected = jdbc.sql("SELECT id FROM run_log WHERE id > ? AND task_name = 'Поток' ORDER BY id")
                .param(before).query(Long.class).list();
        assertThat(expected).hasSize(total);
        assertThat(received).containsAll(expected);
    }

    /** Reads {@code limit} "Поток" events after {@code afterId}, then drops the connection. */
    private long readEvents(long afterId, int limit, List<Long> received, int total) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/logs/stream"))
                .header("Last-Event-ID", Long.toString(afterId)).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofInputStream());
        long last = afterId;
        int count = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            Long id = null;
            String line;
            while (count < limit && received.size() < total && System.nanoTime() < deadline
                    && (line = in.readLine()) != null) {
                if (line.startsWith("id:")) {
                    id = Long.parseLong(line.substring(3).strip());
                } else if (line.startsWith("data:") && id != null) {
                    last = id;
                    if (line.contains("Поток запись")) {
                        received.add(id);
                        count++;
                    }
                    id = null;
                }
            }
        }
        return last;
    }

    @Test
    void logTrimTaskDeletesOldEntriesInBatchesAndSaysHowMany() throws Exception {
        OffsetDateTime old = OffsetDateTime.ofInstant(Instant.now().minus(Duration.ofDays(40)), ZoneOffset.UTC);
        for (int i = 0; i < 1234; i++) {
            jdbc.sql("INSERT INTO run_log (at, level, task_name, message) VALUES (?, 'INFO', 'Старое', ?)")
                    .params(old, "старая запись " + i).update();
        }
        long fresh = writeEntries("Свежее", 5, 0);
        Api api = Api.at(port);
        JsonNode trim = java.util.stream.StreamSupport.stream(api.get("/api/v1/tasks").json().spliterator(), false)
                .filter(t -> t.get("type").asString().equals("LOG_TRIM")).findFirst().orElseThrow();
        Map<String, Object> form = new java.util.LinkedHashMap<>();
        form.put("type", "LOG_TRIM");
        form.put("name", trim.get("name").asString());
        form.put("start", trim.get("start").asString());
        form.put("periodicity", trim.get("periodicity").asString());
        form.put("days", "ALL");
        form.put("options", Map.of("days", "30", "batch", "100"));
        Api.Reply put = api.put("/api/v1/tasks/" + trim.get("id").asLong(), form, TestAdmin.PASSWORD);
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        long run = api.post("/api/v1/tasks/" + trim.get("id").asLong() + "/run", null, TestAdmin.PASSWORD).json().get("runId").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/logs?run=" + run + "&text=" + URLEncoder.encode("Удалено строк", StandardCharsets.UTF_8))
                .json().get("total").asLong() == 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM run_log WHERE task_name = 'Старое'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM run_log WHERE run_id = ?").param(fresh).query(Long.class).single()).isEqualTo(5);
        assertThat(api.get("/api/v1/logs?run=" + run + "&size=50").text()).contains("Удалено строк логов: 1234");
    }

    @Test
    void threadManagerListsRunsAndStopAllNeedsThePassword() throws Exception {
        Api api = Api.at(port);
        writeEntries("Видимая", 1, 0);
        assertThat(api.get("/api/v1/threads").text()).contains("Видимая").contains("завершена");
        // an open live-log stream is system work: visible, and untouched by "stop all"
        var stream = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/logs/stream")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        await().atMost(Duration.ofSeconds(10)).until(() -> runningStreams(api) > 0);
        assertThat(api.post("/api/v1/threads/stop-all", null, null).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/threads/stop-all", null, TestAdmin.PASSWORD).status()).isEqualTo(200);
        assertThat(runningStreams(api)).isPositive();
        stream.get(10, TimeUnit.SECONDS).body().close();
    }

    static long runningStreams(Api api) {
        return java.util.stream.StreamSupport.stream(api.get("/api/v1/threads").json().spliterator(), false)
                .filter(u -> u.get("name").asString().startsWith("Живой журнал"))
                .filter(u -> u.get("state").asString().equals("RUNNING")).count();
    }
}
