package ru.ksamu.server.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.server.time.Times;
import ru.ksamu.server.web.ServerProblem;

/**
 * The admin password of the article ("Для входа в настройки задач используйте пароль admin"):
 * {@code admin} until changed, stored only as a bcrypt hash in the service database. The default
 * password lets the admin sign in once: until a new one is set nothing can be changed (the
 * console asks for a new password first, the API answers 403 {@code PASSWORD_CHANGE_REQUIRED}).
 * Whoever installs the server may give the first password instead
 * ({@code ksamu.admin.initial-password}); it is used only while the default is still in place.
 */
@Component
public class AdminAccount {

    public static final String USER = "admin";
    static final String DEFAULT_PASSWORD = "admin";
    static final int MIN_LENGTH = 8;
    /** bcrypt reads at most 72 bytes of a password (Spring Security refuses longer ones). */
    static final int MAX_BYTES = 72;
    static final String INITIAL_PASSWORD_KEY = "ksamu.admin.initial-password";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final String initialPassword;
    /** Whether the default is in use; read once, then kept in step by {@link #changePassword}. */
    private volatile Boolean isDefault;

    AdminAccount(JdbcClient jdbc, PasswordEncoder encoder, Clock clock,
                 @Value("${" + INITIAL_PASSWORD_KEY + ":}") String initialPassword) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
        this.initialPassword = initialPassword;
        if (!initialPassword.isEmpty()) {
            // The value itself is never printed: it is a password.
            weakness(initialPassword).ifPresent(why -> {
                throw new InvalidSettingException(INITIAL_PASSWORD_KEY, "***", why.russian(), why.english());
            });
        }
    }

    /**
     * The stored hash. The first call writes the account: the configured initial password, or the
     * article's default; a configured one also replaces a default that was never changed.
     */
    @Transactional
    public String passwordHash() {
        Optional<Account> row = read();
        if (row.isPresent() && !(row.get().isDefault() && !initialPassword.isEmpty())) {
            return row.get().hash();
        }
        boolean useDefault = initialPassword.isEmpty();
        String hash = encoder.encode(useDefault ? DEFAULT_PASSWORD : initialPassword);
        if (row.isEmpty()) {
            jdbc.sql("INSERT INTO admin_account (singleton, password_hash, is_default, changed_at) VALUES (1, ?, ?, ?)")
                    .params(hash, useDefault, now()).update();
        } else {
            jdbc.sql("UPDATE admin_account SET password_hash = ?, is_default = FALSE, changed_at = ? WHERE singleton = 1")
                    .params(hash, now()).update();
        }
        isDefault = useDefault;
        return hash;
    }

    /** Whether the article's default password is still in use: then nothing may be changed until it is. */
    public boolean isDefault() {
        Boolean known = isDefault;
        if (known == null) {
            passwordHash();
            known = read().map(Account::isDefault).orElse(true);
            isDefault = known;
        }
        return known;
    }

    private Optional<Account> read() {
        return jdbc.sql("SELECT password_hash, is_default FROM admin_account WHERE singleton = 1")
                .query((rs, n) -> new Account(rs.getString(1), rs.getBoolean(2))).optional();
    }

    private record Account(String hash, boolean isDefault) {
    }

    /** A refused password change (400 {@code INVALID_PASSWORD}): why, in Russian and in English. */
    public static final class PasswordRefused extends ProblemException {
        PasswordRefused(String russian, String english) {
            super(ServerProblem.INVALID_PASSWORD.problem(russian, english));
        }
    }

    /** Why a new password is not good enough, if it is not. */
    static Optional<PasswordRefused> weakness(String next) {
        if (next == null || next.length() < MIN_LENGTH) {
            return Optional.of(new PasswordRefused("Новый пароль должен быть не короче " + MIN_LENGTH + " символов",
                    "the new password must be at least " + MIN_LENGTH + " characters long"));
        }
        if (next.equals(DEFAULT_PASSWORD)) {
            return Optional.of(new PasswordRefused("Новый пароль не должен совпадать с паролем по умолчанию",
                    "the new password must not be the default one"));
        }
        if (next.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of(new PasswordRefused("Новый пароль не длиннее " + MAX_BYTES
                    + " байт (72 латинских или 36 русских букв): bcrypt не учитывает остальное",
                    "the new password is at most " + MAX_BYTES + " bytes (72 Latin letters): bcrypt ignores the rest"));
        }
        return Optional.empty();
    }

    /**
     * Changes the password after checking the current one.
     *
     * @throws PasswordRefused when the current password is wrong, or the new one is too weak or unchanged
     */
    @Transactional
    public void changePassword(String current, String next) {
        if (current == null || current.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES
                || !encoder.matches(current, passwordHash())) {
            throw new PasswordRefused("Текущий пароль введён неверно", "the current password is wrong");
        }
        Optional<PasswordRefused> weak = weakness(next);
        if (weak.isPresent()) {
            throw weak.get();
        }
        if (next.equals(current)) {
            throw new PasswordRefused("Новый пароль должен отличаться от текущего",
                    "the new password must differ from the current one");
        }
        jdbc.sql("UPDATE admin_account SET password_hash = ?, is_default = FALSE, changed_at = ? WHERE singleton = 1")
                .params(encoder.encode(next), now()).update();
        isDefault = false;
    }

    private OffsetDateTime now() {
        return Times.utc(clock.instant());
    }
}
