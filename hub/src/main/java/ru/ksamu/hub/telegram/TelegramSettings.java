package ru.ksamu.hub.telegram;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import ru.ksamu.platform.InvalidSettingException;

/**
 * {@code ksamu.hub.telegram.*}: where release announcements go and how failed sends are retried.
 *
 * @param baseUrl        the Bot API address (requests go to {@code {baseUrl}/bot{token}/sendMessage})
 * @param botToken       the bot's token; empty turns sending off (announcements are still recorded)
 * @param chatId         the chat: {@code @channel} or a numeric id
 * @param retryBaseDelay the first retry delay; it doubles with each failure
 * @param retryMaxDelay  the longest retry delay
 * @param pollInterval   how often the outbox is checked for announcements due
 */
@ConfigurationProperties("ksamu.hub.telegram")
record TelegramSettings(String baseUrl, String botToken, String chatId, Duration retryBaseDelay,
                        Duration retryMaxDelay, Duration pollInterval) {

    static final String PREFIX = "ksamu.hub.telegram.";
    static final String DEFAULT_BASE_URL = "https://api.telegram.org";
    static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofSeconds(5);
    static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofHours(1);
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    TelegramSettings {
        baseUrl = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.strip().replaceAll("/+$", "");
        botToken = botToken == null ? "" : botToken.strip();
        chatId = chatId == null ? "" : chatId.strip();
        retryBaseDelay = retryBaseDelay == null ? DEFAULT_RETRY_BASE_DELAY : retryBaseDelay;
        retryMaxDelay = retryMaxDelay == null ? DEFAULT_RETRY_MAX_DELAY : retryMaxDelay;
        pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
        checkUrl(baseUrl);
        positive("retry-base-delay", retryBaseDelay);
        positive("retry-max-delay", retryMaxDelay);
        positive("poll-interval", pollInterval);
        if (retryMaxDelay.compareTo(retryBaseDelay) < 0) {
            throw new InvalidSettingException(PREFIX + "retry-max-delay", retryMaxDelay.toString(),
                    "должна быть не меньше retry-base-delay (" + retryBaseDelay + ")",
                    "must not be shorter than retry-base-delay (" + retryBaseDelay + ")");
        }
        if (!botToken.isEmpty() && chatId.isEmpty()) {
            throw new InvalidSettingException(PREFIX + "chat-id", "",
                    "задан токен бота, но не задан чат (@канал или числовой id)",
                    "a bot token is set but no chat (@channel or a numeric id)");
        }
        if (botToken.chars().anyMatch(ch -> ch <= ' ' || ch == '/' || ch == '?' || ch == '#')) {
            throw new InvalidSettingException(PREFIX + "bot-token", "***",
                    "токен бота содержит недопустимые символы", "the bot token contains invalid characters");
        }
    }

    /** Whether announcements are sent at all. */
    boolean enabled() {
        return !botToken.isEmpty();
    }

    /** The sendMessage address; it contains the secret token, so it is never logged. */
    URI sendMessageUri() {
        return URI.create(baseUrl + "/bot" + botToken + "/sendMessage");
    }

    private static void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new InvalidSettingException(PREFIX + "base-url", url, "нужен адрес http(s)://хост[:порт]",
                "expected an http(s)://host[:port] address");
    }

    private static void positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new InvalidSettingException(PREFIX + key, value.toString(), "длительность должна быть положительной",
                    "the duration must be positive");
        }
    }

    /** Never shows the bot token. */
    @Override
    public String toString() {
        return "TelegramSettings[baseUrl=" + baseUrl + ", botToken=" + (enabled() ? "***" : "") + ", chatId=" + chatId
                + ", retryBaseDelay=" + retryBaseDelay + ", retryMaxDelay=" + retryMaxDelay
                + ", pollInterval=" + pollInterval + "]";
    }
}
