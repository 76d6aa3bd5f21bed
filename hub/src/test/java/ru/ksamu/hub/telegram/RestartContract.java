package ru.ksamu.hub.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.ksamu.hub.FakeTelegram;
import ru.ksamu.hub.FakeTelegram.Reply;
import ru.ksamu.hub.HubApplication;
import ru.ksamu.hub.HubHttp;
import ru.ksamu.hub.TestBundles;
import ru.ksamu.hub.TestHub;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Version;

/**
 * What survives a restart (a new application context on the same database and data folder):
 * pending announcements are delivered by the next run, and the hub keeps its feed key.
 */
abstract class RestartContract {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** The database settings of this kind, as command-line arguments. */
    abstract List<String> databaseArguments();

    private ConfigurableApplicationContext start(FakeTelegram telegram, boolean withBot) {
        List<String> args = new ArrayList<>(databaseArguments());
        args.add("--ksamu.port=0");
        for (Map.Entry<String, Object> setting : TestHub.settings(dir.resolve("data"), telegram.url()).entrySet()) {
            if (withBot || !setting.getKey().equals("ksamu.hub.telegram.bot-token")) {
                args.add("--" + setting.getKey() + "=" + setting.getValue());
            }
        }
        return HubApplication.builder().run(args.toArray(String[]::new));
    }

    private static HubHttp http(ConfigurableApplicationContext hub) {
        return new HubHttp(Integer.parseInt(hub.getEnvironment().getProperty("local.server.port")));
    }

    private static Map<String, Object> announcement(ConfigurableApplicationContext hub, Version version) {
        return hub.getBean(JdbcClient.class).sql("SELECT status, attempts FROM announcements WHERE version = ?")
                .param(version.toString()).query().singleRow();
    }

    @Test
    void pendingAnnouncementIsDeliveredAfterARestart() {
        Version version = TestHub.freshVersion();
        String keyBefore;
        try (FakeTelegram telegram = new FakeTelegram()) {
            telegram.otherwise(Reply.SERVER_ERROR);
            try (ConfigurableApplicationContext hub = start(telegram, true)) {
                keyBefore = http(hub).get("/api/v1/keys/hub").text();
                assertThat(http(hub).publish(TestBundles.bundle(dir, version, List.of()), Channel.TEST).status())
                        .isEqualTo(201);
                await().atMost(WAIT).until(() -> telegram.callsContaining(version.toString()).size() >= 2);
                assertThat(announcement(hub, version).get("status")).isEqualTo("PENDING");
            }
            int failedCalls = telegram.callsContaining(version.toString()).size();
            telegram.otherwise(Reply.OK);

            try (ConfigurableApplicationContext hub = start(telegram, true)) {
                await().atMost(WAIT).until(() -> "SENT".equals(announcement(hub, version).get("status")));
                assertThat(telegram.callsContaining(version.toString())).hasSize(failedCalls + 1)
                        .last().extracting(FakeTelegram.Call::reply).isEqualTo(Reply.OK);
                assertThat(((Number) announcement(hub, version).get("attempts")).intValue()).isEqualTo(failedCalls + 1);
                assertThat(http(hub).get("/api/v1/keys/hub").text()).isEqualTo(keyBefore);
                assertThat(http(hub).get("/api/v1/releases/" + version).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void withoutABotTokenAnnouncementsAreRecordedButNotSent() {
        Version version = TestHub.freshVersion();
        try (FakeTelegram telegram = new FakeTelegram();
             ConfigurableApplicationContext hub = start(telegram, false)) {
            assertThat(http(hub).publish(TestBundles.bundle(dir, version, List.of()), Channel.TEST).status())
                    .isEqualTo(201);

            assertThat(announcement(hub, version).get("status")).isEqualTo("UNSENT");
            assertThat(telegram.callsContaining(version.toString())).isEmpty();
        }
    }
}
