package ru.ksamu.server.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.ksamu.release.Version;
import ru.ksamu.release.signing.DetachedSignature;
import ru.ksamu.release.signing.InstallationIdentity;
import ru.ksamu.release.signing.TrustedKey;
import ru.ksamu.server.installation.InstallationKey;
import ru.ksamu.server.installation.InstallationStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Update reports leave the server (issue 22 point 2): the journal's end of a job queues its report in
 * the outbox; the sender posts it, signed by the installation's key, to the hub's address on loopback
 * (a receiver that checks the signature as the hub does). While nothing listens there the report waits
 * in the outbox and is retried with backoff; once the receiver is up it arrives exactly once and
 * leaves the outbox. Written once, run per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ksamu-server", "ksamu.port=0", "ksamu.update.reports.retry-min=200ms",
                "ksamu.update.reports.retry-max=1s"})
abstract class UpdateReportOutboxContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A loopback port nothing listens on until a test starts the receiver there. */
    static final int HUB_PORT = freePort();

    /** Points the server's hub address at {@link #HUB_PORT}. */
    static class HubAddress implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext ctx) {
            ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ksamuReportsHub",
                    Map.of("ksamu.update.hub-url", "http://127.0.0.1:" + HUB_PORT)));
        }
    }

    @Autowired
    UpdateJournal journal;
    @Autowired
    InstallationStore installation;
    @Autowired
    JdbcClient jdbc;

    /** The reports the receiver took: job id and body, in order, each with a verified signature. */
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();
    HttpServer receiver;

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    void startReceiver() {
        try {
            receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", HUB_PORT), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InstallationKey key = installation.key();
        receiver.createContext("/api/v1/installations/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            TrustedKey presented = TrustedKey.parse(exchange.getRequestHeaders().getFirst(InstallationKey.PUBLIC_KEY_HEADER), "key");
            boolean signed = path.equals("/api/v1/installations/" + key.id() + "/updates")
                    && InstallationIdentity.idOf(presented).equals(key.id())
                    && InstallationIdentity.verifiesReport(presented, key.id(),
                    exchange.getRequestHeaders().getFirst(InstallationKey.SENT_AT_HEADER), body,
                    DetachedSignature.parse(exchange.getRequestHeaders().getFirst(InstallationKey.SIGNATURE_HEADER), "sig"));
            if (signed) {
                received.add(JSON.readTree(body));
            } else {
                refused.add(path);
            }
            byte[] answer = "{\"outcome\":\"STORED\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(signed ? 201 : 403, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
    }

    long finishedMinor(String to, UpdateJournal.State state, String step, String message) {
        long job = journal.begin(Version.parse(to), Optional.of(Version.parse("6.0.51.1")), UpdateJournal.SOURCE_FILE, "MINOR",
                UpdateJournal.State.INSTALLING, "Установка", "admin");
        journal.finish(job, state, step, message);
        return job;
    }

    long queued(long job) {
        return jdbc.sql("SELECT COUNT(*) FROM update_report_outbox WHERE job_id = ?").param(job).query(Long.class).single();
    }

    @Test
    void reportsWaitWhileTheHubIsAwayAndArriveExactlyOnceWhenItIsBack() {
        long minor = finishedMinor("6.0.51.2", UpdateJournal.State.DONE, "Готово", null);
        long major = journal.begin(Version.parse("6.0.52.1"), Optional.of(Version.parse("6.0.51.2")), UpdateJournal.SOURCE_FILE,
                "MAJOR", UpdateJournal.State.MIGRATING, "Миграция", "admin");
        journal.lockWindow(major, 1200, 900, 15);
        journal.backupMode(major, "none");
        journal.finish(major, UpdateJournal.State.FAILED, "Миграция", "Скрипт 3 упал");
        // Nothing listens: the reports stay queued and are tried again.
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT MIN(attempts) FROM update_report_outbox WHERE job_id IN (?, ?)")
                .params(minor, major).query(Integer.class).single() >= 2);
        assertThat(jdbc.sql("SELECT last_error FROM update_report_outbox WHERE job_id = ?").param(major).query(String.class).single())
                .isNotBlank();

        startReceiver();
        await().atMost(Duration.ofSeconds(20)).until(() -> queued(minor) + queued(major) == 0);
        assertThat(refused).isEmpty();
        assertThat(received.stream().filter(r -> r.get("jobId").asLong() == minor)).hasSize(1);
        assertThat(received.stream().filter(r -> r.get("jobId").asLong() == major)).hasSize(1);
        JsonNode m = received.stream().filter(r -> r.get("jobId").asLong() == major).findFirst().orElseThrow();
        assertThat(m.get("kind").asString()).isEqualTo("MAJOR");
        assertThat(m.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(m.get("step").asString()).isEqualTo("Миграция");
        assertThat(m.get("message").asString()).isEqualTo("Скрипт 3 упал");
        assertThat(m.get("fromVersion").asString()).isEqualTo("6.0.51.2");
        assertThat(m.get("toVersion").asString()).isEqualTo("6.0.52.1");
        assertThat(m.get("lockedMs").asLong()).isEqualTo(1200);
        assertThat(m.get("migrationMs").asLong()).isEqualTo(900);
        assertThat(m.get("recoveryMs").asLong()).isEqualTo(15);
        assertThat(m.get("startedAt").isNull()).isFalse();
        assertThat(m.get("finishedAt").isNull()).isFalse();
        JsonNode n = received.stream().filter(r -> r.get("jobId").asLong() == minor).findFirst().orElseThrow();
        assertThat(n.get("kind").asString()).isEqualTo("MINOR");
        assertThat(n.get("outcome").asString()).isEqualTo("DONE");
        assertThat(n.get("lockedMs").isNull()).isTrue();

        // A later job goes at once, and the earlier ones are not sent again.
        long next = finishedMinor("6.0.52.2", UpdateJournal.State.CANCELLED, "Отменено", "Отменено администратором");
        await().atMost(Duration.ofSeconds(20)).until(() -> queued(next) == 0);
        assertThat(received.stream().filter(r -> r.get("jobId").asLong() == next).findFirst().orElseThrow()
                .get("outcome").asString()).isEqualTo("CANCELLED");
        assertThat(received.stream().filter(r -> r.get("jobId").asLong() == minor || r.get("jobId").asLong() == major)).hasSize(2);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
