package ru.ksamu.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import ru.ksamu.platform.problems.ProblemException;
import ru.ksamu.release.Sha256;
import ru.ksamu.server.time.Times;
import ru.ksamu.server.web.ServerProblem;

/**
 * The workstations that may read the clinic's data through the MIS API. A launcher registers once
 * with the clinic's enrollment code (shown to the admin on "Клиенты") and gets a token of its own;
 * the admin can revoke any workstation there. Only the token's SHA-256 is stored; a token is 256
 * random bits, so it is looked up, never compared against a guess list.
 */
@Component
public class Workstations {

    static final String CODE_SETTING = "ksamu.clients.enrollment-code";
    /** Letters and digits that cannot be mistaken for each other when read aloud or typed: 32 of them, 5 bits each. */
    private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    static final int MAX_NAME = 100;
    /** How long a token's lookup is remembered: a revocation here takes effect at once, this only saves reads. */
    private static final Duration CACHE = Duration.ofSeconds(10);
    /** How often a workstation's "last seen" is written at most. */
    private static final Duration SEEN_EVERY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Optional<Workstation>> byHash = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(CACHE).build();

    Workstations(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A registered workstation as the console lists it. */
    public record Workstation(String id, String name, String user, String address, Instant registeredAt,
                              Instant lastSeenAt, Instant revokedAt) {
        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** A new registration: the workstation and its token (given once, never stored). */
    public record Registered(Workstation workstation, String token) {
    }

    /** The code a launcher needs to register (made on first use). */
    @Transactional
    public String enrollmentCode() {
        return jdbc.sql("SELECT setting_value FROM server_setting WHERE name = ?").param(CODE_SETTING)
                .query(String.class).optional().orElseGet(this::newEnrollmentCode);
    }

    /** Replaces the enrollment code; workstations already registered keep their tokens. */
    @Transactional
    public String newEnrollmentCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)]);
        }
        jdbc.sql("DELETE FROM server_setting WHERE name = ?").param(CODE_SETTING).update();
        jdbc.sql("INSERT INTO server_setting (name, setting_value) VALUES (?, ?)").params(CODE_SETTING, code.toString()).update();
        return code.toString();
    }

    /** Whether a code is the clinic's (case, spaces and dashes as typed do not matter; compared in constant time). */
    public boolean codeMatches(String code) {
        if (code == null) {
            return false;
        }
        return MessageDigest.isEqual(canonical(code).getBytes(StandardCharsets.UTF_8),
                canonical(enrollmentCode()).getBytes(StandardCharsets.UTF_8));
    }

    private static String canonical(String code) {
        return code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    /**
     * Registers a workstation whose code was checked.
     *
     * @throws ProblemException 400 {@code INVALID_ARGUMENT} naming the bad field
     */
    @Transactional
    public Registered register(String name, String user, String address) {
        String n = checked("name", name, true);
        String u = checked("user", user, false);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO client_workstation (workstation_id, name, user_name, token_hash, registered_from, registered_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, n, u, hash(token), clip(address, 64), Times.utc(now)).update();
        return new Registered(new Workstation(id, n, u, clip(address, 64), now, null, null), token);
    }

    private static String checked(String field, String value, boolean required) {
        String v = value == null ? "" : value.strip();
        if (required && v.isEmpty()) {
            throw new ProblemException(ServerProblem.INVALID_ARGUMENT.problem("Не задано поле " + field, field + " is required"));
        }
        if (v.length() > MAX_NAME || v.chars().anyMatch(Character::isISOControl)) {
            throw new ProblemException(ServerProblem.INVALID_ARGUMENT.problem("Поле " + field + ": не длиннее " + MAX_NAME
                    + " символов, без управляющих символов", field + ": at most " + MAX_NAME + " printable characters"));
        }
        return v;
    }

    /** The workstation a token belongs to, revoked or not; empty for a token nobody was given. */
    public Optional<Workstation> byToken(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        String h = hash(token);
        Optional<Workstation> w = byHash.get(h, k -> find("token_hash", k));
        w.filter(x -> !x.revoked()).ifPresent(x -> seen(x, h));
        return w;
    }

    private void seen(Workstation w, String h) {
        Instant now = clock.instant();
        if (w.lastSeenAt() == null || w.lastSeenAt().plus(SEEN_EVERY).isBefore(now)) {
            jdbc.sql("UPDATE client_workstation SET last_seen_at = ? WHERE workstation_id = ?").params(Times.utc(now), w.id())
                    .update();
            byHash.put(h, Optional.of(new Workstation(w.id(), w.name(), w.user(), w.address(), w.registeredAt(), now, null)));
        }
    }

    /** Revokes a workstation: its token stops working at once. False when there is no such workstation. */
    @Transactional
    public boolean revoke(String id) {
        int n = jdbc.sql("UPDATE client_workstation SET revoked_at = ? WHERE workstation_id = ? AND revoked_at IS NULL")
                .params(Times.utc(clock.instant()), id).update();
        byHash.invalidateAll();
        return n > 0 || find("workstation_id", id).isPresent();
    }

    /** Every registered workstation, the active ones first, newest first. */
    public List<Workstation> list() {
        return jdbc.sql(SELECT + " ORDER BY CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END, registered_at DESC")
                .query((rs, n) -> row(rs)).list();
    }

    private static final String SELECT = "SELECT workstation_id, name, user_name, registered_from, registered_at,"
            + " last_seen_at, revoked_at FROM client_workstation";

    private Optional<Workstation> find(String column, String value) {
        return jdbc.sql(SELECT + " WHERE " + column + " = ?").param(value).query((rs, n) -> row(rs)).optional();
    }

    private static Workstation row(ResultSet rs) throws SQLException {
        return new Workstation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                instant(rs, 6), instant(rs, 7));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String hash(String token) {
        return Sha256.hex(Sha256.newDigest().digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static String clip(String s, int max) {
        String v = s == null ? "" : s;
        return v.length() > max ? v.substring(0, max) : v;
    }
}
