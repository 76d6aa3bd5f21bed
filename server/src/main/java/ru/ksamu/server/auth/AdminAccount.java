package ru.ksamu.server.auth;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin password of the article ("Для входа в настройки задач используйте пароль admin"):
 * {@code admin} until changed, stored only as a bcrypt hash in the service database.
 */
@Component
public class AdminAccount {

    public static final String USER = "admin";
    static final String DEFAULT_PASSWORD = "admin";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;

    AdminAccount(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    /** The stored hash; the default password's hash is written on first use. */
    @Transactional
    public String passwordHash() {
        return jdbc.sql("SELECT password_hash FROM admin_account WHERE singleton = 1").query(String.class).optional()
                .orElseGet(() -> {
                    String hash = encoder.encode(DEFAULT_PASSWORD);
                    jdbc.sql("INSERT INTO admin_account (singleton, password_hash, is_default, changed_at) VALUES (1, ?, TRUE, ?)")
                            .params(hash, now()).update();
                    return hash;
                });
    }

    /** Whether the article's default password is still in use (the console warns until it is changed). */
    public boolean isDefault() {
        passwordHash();
        return jdbc.sql("SELECT is_default FROM admin_account WHERE singleton = 1").query(Boolean.class).single();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
