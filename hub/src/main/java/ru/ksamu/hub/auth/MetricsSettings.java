package ru.ksamu.hub.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import ru.ksamu.platform.InvalidSettingException;

/**
 * {@code ksamu.metrics.token}: the token that opens {@code /actuator/prometheus} to callers that are
 * not on the loopback address ({@code Authorization: Bearer <token>}). Empty: loopback only.
 *
 * @param token the token in clear text, or empty
 */
@ConfigurationProperties("ksamu.metrics")
record MetricsSettings(String token) {

    static final String KEY = "ksamu.metrics.token";

    MetricsSettings {
        token = token == null ? "" : token.strip();
        if (!token.isEmpty() && (token.length() < TokenSettings.MIN_LENGTH || token.chars().anyMatch(ch -> ch <= ' ' || ch > '~'))) {
            // The value is a secret: the message shows only its length.
            throw new InvalidSettingException(KEY, "*** (" + token.length() + " символов / characters)",
                    "токен должен быть не короче " + TokenSettings.MIN_LENGTH + " печатных символов ASCII без пробелов"
                            + " (например, openssl rand -base64 33) или пустым",
                    "the token must be at least " + TokenSettings.MIN_LENGTH + " printable ASCII characters without"
                            + " spaces (e.g. openssl rand -base64 33), or empty");
        }
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "MetricsSettings[" + (token.isEmpty() ? "no token: loopback only" : "token set") + "]";
    }
}
