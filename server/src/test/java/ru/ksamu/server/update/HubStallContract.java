package ru.ksamu.server.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.ksamu.release.Channel;
import ru.ksamu.release.signing.SigningKeyPair;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.threads.WorkRequest;
import ru.ksamu.server.threads.WorkSnapshot;
import ru.ksamu.server.threads.WorkState;

/**
 * Calls to the hub against a stand-in hub that misbehaves (1 s without progress ends a call, 4 s a
 * whole feed check): a file download stalled in the middle of its body, a feed dripped
 * a byte at a time, a feed without end, a feed sent slowly but steadily. Each call ends within its timeout with a Russian reason in
 * the run log or the channel's state, the exclusive gate is free for the next task, and an
 * endless answer is cut at its bound. Written once, run per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ksamu-server", "ksamu.port=0", "ksamu.update.read-timeout=1s",
                "ksamu.update.request-timeout=4s"})
abstract class HubStallContract {

    static final SigningKeyPair VENDOR = SigningKeyPair.generate();
    static final SigningKeyPair HUB = SigningKeyPair.generate();

    /** Pins the stand-in's keys: the vendor's release key and the hub's feed key. */
    static class Keys implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext ctx) {
            ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ksamuStandInKeys", Map.of(
                    "ksamu.update.release-keys", VENDOR.trustedKey().toText(),
                    "ksamu.update.hub-keys", HUB.trustedKey().toText())));
        }
    }

    @Autowired
    UpdateEngine engine;
    @Autowired
    UpdateChecker checker;
    @Autowired
    CloudSettings cloud;
    @Autowired
    ThreadManager threads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    StandInHub hub;

    /** A counter's value now (0 before its first increment). */
    double counted(String name, String... tags) {
        var c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    StandInHub hub(StandInHub.Mode mode, String version) {
        try {
            Path dir = Files.createTempDirectory("ksamu-standin-hub");
            hub = new StandInHub(dir, VENDOR, HUB, version, mode, 3L * UpdateChecker.MAX_ENVELOPE_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cloud.change(hub.url(), "");
        return hub;
    }

    @AfterEach
    void stopHub() {
        cloud.change("", "");
        if (hub != null) {
            hub.close();
        }
    }

    WorkSnapshot awaitEnd(long runId, Duration atMost) {
        await().atMost(atMost).until(() -> threads.get(runId).map(s -> s.state().finished()).orElse(false));
        return threads.get(runId).orElseThrow();
    }

    String runLog(long runId) {
        return String.join("\n", jdbc.sql("SELECT message FROM run_log WHERE run_id = ? ORDER BY id").param(runId)
                .query(String.class).list());
    }

    @Test
    void aDownloadStalledMidBodyEndsWithinTheTimeoutAndTheNextExclusiveTaskRuns() {
        hub(StandInHub.Mode.STALL_FILE_MID_BODY, "1.0.0.1");
        double checksBefore = counted("ksamu.feed.checks", "channel", "test", "outcome", "ok");
        double failedBefore = counted("ksamu.update.outcomes", "kind", "first", "outcome", "failed");
        long started = System.nanoTime();
        long update = engine.updateFromTest("test");
        long next = threads.submit(WorkRequest.exclusiveManual("Следующая монопольная задача", "test",
                work -> work.log(WorkContext.LogLevel.INFO, "выполнена"))).id();

        WorkSnapshot failed = awaitEnd(update, Duration.ofSeconds(20));
        double seconds = (System.nanoTime() - started) / 1e9;
        String log = runLog(update);
        assertThat(failed.state()).as(log).isEqualTo(WorkState.FAILED);
        assertThat(log).contains("Облако не передаёт файл client/").contains("ksamu.update.read-timeout");
        assertThat(seconds).as("cut after 1 s without progress, not hung").isLessThan(10);
        WorkSnapshot after = awaitEnd(next, Duration.ofSeconds(10));
        assertThat(after.state()).isEqualTo(WorkState.DONE);
        assertThat(runLog(next)).contains("выполнена");
        assertThat(counted("ksamu.feed.checks", "channel", "test", "outcome", "ok")).isEqualTo(checksBefore + 1);
        assertThat(counted("ksamu.update.outcomes", "kind", "first", "outcome", "failed")).isEqualTo(failedBefore + 1);
        assertThat(meters.get("ksamu.feed.age").tag("channel", "test").gauge().value())
                .as("seconds since the stand-in signed its feed").isBetween(0.0, 60.0);
    }

    @Test
    void aFeedDrippedAByteAtATimeIsCutWithinTheTimeout() {
        StandInHub h = hub(StandInHub.Mode.DRIP_FEED, "1.0.0.2");
        double failedBefore = counted("ksamu.feed.checks", "channel", "test", "outcome", "failed");
        long started = System.nanoTime();
        UpdateChecker.ChannelState state = checker.check(Channel.TEST, false);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(state.ok()).isFalse();
        assertThat(state.message()).contains("Облако не передаёт ленту обновлений").contains("меньше 1024 байт");
        assertThat(seconds).as("a byte every 0.2 s is no progress: cut after about 1 s").isLessThan(5);
        assertThat(h.sent.get()).isLessThan(50);
        assertThat(meters.find("http.client.requests").tag("client.name", "127.0.0.1").timers())
                .as("calls to the hub are measured").isNotEmpty();
        assertThat(counted("ksamu.feed.checks", "channel", "test", "outcome", "failed")).isEqualTo(failedBefore + 1);
    }

    @Test
    void anEndlessFeedIsCutAtItsBoundAndTheCheckSaysWhy() {
        StandInHub h = hub(StandInHub.Mode.ENDLESS_FEED, "1.0.0.3");
        UpdateChecker.ChannelState state = checker.check(Channel.TEST, false);
        assertThat(state.ok()).isFalse();
        assertThat(state.message()).contains("больше допустимого");
        // What the hub could push before the cut: the bound, plus what the sockets' buffers hold.
        assertThat(h.sent.get()).as("bytes sent by the endless hub")
                .isLessThan(UpdateChecker.MAX_ENVELOPE_BYTES + 16L * 1024 * 1024);
    }

    @Test
    void aFeedThatKeepsComingSlowlyIsCutAtTheChecksDeadline() {
        StandInHub h = hub(StandInHub.Mode.SLOW_FEED, "1.0.0.4");
        long started = System.nanoTime();
        UpdateChecker.ChannelState state = checker.check(Channel.TEST, false);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(state.ok()).isFalse();
        assertThat(state.message()).contains("Облако не передало ленту обновлений за 4 с")
                .contains("ksamu.update.request-timeout");
        assertThat(seconds).as("the synchronized check holds nobody longer than its deadline").isBetween(3.5, 6.0);
        assertThat(h.sent.get()).as("it was making progress").isGreaterThan(4 * 4096);
    }
}
