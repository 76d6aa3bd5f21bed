package ru.ksamu.server.auth;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import ru.ksamu.server.Times;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin password of the article ("Для входа в настройки задач используйте пароль admin"):
 * {@code admin} until changed, stored only as a bcrypt hash in the service database.
 */
@Component
public class AdminAccount {

    public static final String USER = "admin";
    static final String DEFAULT_PASSWORD = "admin";
    static final int MIN_LENGTH = 8;

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

    /**
     * Changes the password after checking the current one.
     *
     * @throws IllegalArgumentException with a Russian message when the current password is wrong or
     *                                  the new one is too short
     */
    @Transactional
    public void changePassword(String current, String next) {
        if (current == null || !encoder.matches(current, passwordHash())) {
            throw new IllegalArgumentException("Текущий пароль введён неверно");
        }
        if (next == null || next.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("Новый пароль должен быть не короче " + MIN_LENGTH + " символов");
        }
        if (next.equals(DEFAULT_PASSWORD)) {
            throw new IllegalArgumentException("Новый пароль не должен совпадать с паролем по умолчанию");
        }
        jdbc.sql("UPDATE admin_account SET password_hash = ?, is_default = FALSE, changed_at = ? WHERE singleton = 1")
                .params(encoder.encode(next), now()).update();
    }

    private OffsetDateTime now() {
        return Times.utc(clock.instant());
    }
}
