package ru.ksamu.hub.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import ru.ksamu.release.Sha256;

/**
 * The publisher tokens, kept only as the SHA-256 of each token (they are long random strings, so
 * a plain hash is enough; there is nothing to brute-force). At start the configured tokens
 * replace the ones stored from the setting, so removing a token from the setting revokes it.
 */
@Component
class PublisherTokens implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(PublisherTokens.class);
    static final String FROM_SETTING = "setting";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final TokenSettings settings;
    private final Clock clock;

    PublisherTokens(JdbcClient jdbc, TransactionTemplate tx, TokenSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        Set<String> hashes = new LinkedHashSet<>();
        settings.publishTokens().forEach(token -> hashes.add(hash(token)));
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        tx.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM publisher_tokens WHERE source = ?").param(FROM_SETTING).update();
            for (String hash : hashes) {
                jdbc.sql("INSERT INTO publisher_tokens (token_sha256, source, created_at) VALUES (?, ?, ?)")
                        .params(hash, FROM_SETTING, now).update();
            }
        });
        if (hashes.isEmpty()) {
            log.warn("Токены публикации не заданы ({}): публиковать релизы нельзя / no publisher token is configured:"
                    + " publishing, promoting and withdrawing are refused", TokenSettings.KEY);
        } else {
            log.info("Publisher tokens: {} configured (stored as SHA-256 only)", hashes.size());
        }
    }

    /** Whether a presented token is one of the stored ones. */
    boolean isValid(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        return jdbc.sql("SELECT COUNT(*) FROM publisher_tokens WHERE token_sha256 = ?")
                .param(hash(token)).query(Long.class).single() > 0;
    }

    static String hash(String token) {
        return Sha256.of(token.getBytes(StandardCharsets.UTF_8));
    }
}
