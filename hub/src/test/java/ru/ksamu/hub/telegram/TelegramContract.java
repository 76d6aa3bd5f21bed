package ru.ksamu.hub.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.ksamu.hub.FakeTelegram;
import ru.ksamu.hub.FakeTelegram.Reply;
import ru.ksamu.hub.HubContractSupport;
import ru.ksamu.hub.TestBundles;
import ru.ksamu.hub.TestHub;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Version;

/** Announcements reach the Telegram chat through the outbox: in Russian, retried, at least once. */
abstract class TelegramContract extends HubContractSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private void publish(Version version, Channel channel) {
        assertThat(hub().publish(TestBundles.bundle(tmp, version, List.of("09")), channel).status()).isEqualTo(201);
    }

    private List<FakeTelegram.Call> callsFor(Version version) {
        return telegram().callsContaining("КСАМУ " + version + "\n");
    }

    private String status(Version version, String channel) {
        return jdbc.sql("SELECT status FROM announcements WHERE version = ? AND channel = ?")
                .params(version.toString(), channel).query(String.class).single();
    }

    @Test
    void publishAndPromoteAreAnnouncedInRussianThroughTheBotApi() {
        Version first = TestHub.freshVersion();
        Version second = TestHub.nextBuild(first);
        publish(first, Channel.TEST);
        publish(second, Channel.TEST);
        assertThat(hub().promote(second, "stable").status()).isEqualTo(200);

        await().atMost(WAIT).until(() -> callsFor(second).size() == 2);
        FakeTelegram.Call test = callsFor(second).get(0);
        FakeTelegram.Call stable = callsFor(second).get(1);
        assertThat(test.path()).isEqualTo("/bot" + TestHub.BOT_TOKEN + "/sendMessage");
        assertThat(test.chatId()).isEqualTo(TestHub.CHAT);
        assertThat(test.text()).startsWith("Тестовый релиз КСАМУ " + second + "\n")
                .contains("Минорный, без блокировки (предыдущий в канале: " + first + ")")
                .contains("Регионы: 09")
                .endsWith("Исправлен отчёт " + second);
        assertThat(stable.text()).startsWith("Стабильный релиз КСАМУ " + second + "\n")
                .contains("Мажорный, с блокировкой БД");
        assertThat(callsFor(first).get(0).text()).contains("Мажорный, с блокировкой БД");
        await().atMost(WAIT).until(() -> "SENT".equals(status(second, "stable")));
    }

    @Test
    void failedSendsAreRetriedWithGrowingDelaysUntilTelegramTakesThem() {
        Version version = TestHub.freshVersion();
        telegram().script("КСАМУ " + version + "\n", Reply.SERVER_ERROR, Reply.SERVER_ERROR, Reply.OK);

        publish(version, Channel.TEST);

        await().atMost(WAIT).until(() -> "SENT".equals(status(version, "test")));
        List<FakeTelegram.Call> calls = callsFor(version);
        assertThat(calls).extracting(FakeTelegram.Call::reply)
                .containsExactly(Reply.SERVER_ERROR, Reply.SERVER_ERROR, Reply.OK);
        // retry-base-delay is 200 ms in tests: 200 ms, then 400 ms.
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(Duration.between(calls.get(1).at(), calls.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(390));
        assertThat(jdbc.sql("SELECT attempts FROM announcements WHERE version = ?").param(version.toString())
                .query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void tooManyRequestsIsRetriedAfterTheTimeTelegramAsks() {
        Version version = TestHub.freshVersion();
        telegram().script("КСАМУ " + version + "\n", Reply.TOO_MANY_REQUESTS, Reply.OK);

        publish(version, Channel.TEST);

        await().atMost(WAIT).until(() -> "SENT".equals(status(version, "test")));
        List<FakeTelegram.Call> calls = callsFor(version);
        assertThat(calls).hasSize(2);
        // retry_after is 1 s, far above the 200 ms backoff.
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(990));
    }

    @Test
    void anAnswerLostOnTheWayMeansTheMessageIsSentAgain() {
        Version version = TestHub.freshVersion();
        telegram().script("КСАМУ " + version + "\n", Reply.DROP, Reply.OK);

        publish(version, Channel.TEST);

        await().atMost(WAIT).until(() -> "SENT".equals(status(version, "test")));
        // At least once: Telegram may have shown it twice, but it was never lost.
        assertThat(callsFor(version)).extracting(FakeTelegram.Call::reply).containsExactly(Reply.DROP, Reply.OK);
        assertThat(callsFor(version).get(0).text()).isEqualTo(callsFor(version).get(1).text());
    }
}
