package ru.ksamu.hub.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelegramClientTest {

    @Test
    void okTrueIsSent() {
        assertThat(TelegramClient.outcome(200, "{\"ok\":true,\"result\":{\"message_id\":7}}"))
                .isInstanceOf(TelegramClient.Outcome.Sent.class);
    }

    @Test
    void tooManyRequestsCarriesRetryAfter() {
        TelegramClient.Outcome outcome = TelegramClient.outcome(429, "{\"ok\":false,\"error_code\":429,"
                + "\"description\":\"Too Many Requests: retry after 17\",\"parameters\":{\"retry_after\":17}}");

        assertThat(outcome).isEqualTo(new TelegramClient.Outcome.Failed(
                "HTTP 429: Too Many Requests: retry after 17", Optional.of(Duration.ofSeconds(17))));
    }

    @Test
    void anythingElseIsAFailureToRetryWithBackoff() {
        assertThat(TelegramClient.outcome(502, "<html>Bad Gateway</html>"))
                .isEqualTo(new TelegramClient.Outcome.Failed("HTTP 502", Optional.empty()));
        assertThat(TelegramClient.outcome(200, "{\"ok\":false,\"description\":\"Bad Request: chat not found\"}"))
                .isEqualTo(new TelegramClient.Outcome.Failed("HTTP 200: Bad Request: chat not found", Optional.empty()));
    }
}
