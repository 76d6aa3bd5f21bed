package ru.ksamu.hub.auth;

import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import ru.ksamu.platform.InvalidSettingException;

/**
 * {@code ksamu.hub.publish-tokens}: the tokens that may publish, promote and withdraw.
 *
 * @param publishTokens the tokens in clear text, as configured; only their hashes are stored
 */
@ConfigurationProperties("ksamu.hub")
record TokenSettings(List<String> publishTokens) {

    static final String KEY = "ksamu.hub.publish-tokens";
    /** Shortest token accepted: a plain SHA-256 of the token is safe only for long random tokens. */
    static final int MIN_LENGTH = 32;

    TokenSettings {
        publishTokens = publishTokens == null ? List.of()
                : publishTokens.stream().filter(Objects::nonNull).map(String::strip).filter(t -> !t.isEmpty()).toList();
        for (String token : publishTokens) {
            if (token.length() < MIN_LENGTH || token.chars().anyMatch(ch -> ch <= ' ' || ch > '~')) {
                // The value is a secret: the message shows only its length.
                throw new InvalidSettingException(KEY, "*** (" + token.length() + " символов / characters)",
                        "токен должен быть не короче " + MIN_LENGTH + " печатных символов ASCII без пробелов"
                                + " (например, openssl rand -base64 33)",
                        "a token must be at least " + MIN_LENGTH + " printable ASCII characters without spaces"
                                + " (e.g. openssl rand -base64 33)");
            }
        }
    }

    /** Never shows the tokens. */
    @Override
    public String toString() {
        return "TokenSettings[" + publishTokens.size() + " token(s)]";
    }
}
