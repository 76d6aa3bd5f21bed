package ru.ksamu.hub.telegram;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code announcements} table: rows are inserted in the transaction of the publish or
 * promote they announce, then claimed, sent and marked by {@link TelegramSender}. A claim pushes
 * {@code next_attempt_at} ahead by a lease, so a hub that dies mid-send lets the row become due
 * again (at-least-once), and two hubs on one database do not send the same row at once.
 */
@Component
class Outbox {

    static final String PENDING = "PENDING";
    static final String SENT = "SENT";
    static final String UNSENT = "UNSENT";

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(long id, String version, String text, int attempts) {
    }

    void insert(String version, String channel, String text, String status, Instant now) {
        jdbc.sql("""
                INSERT INTO announcements (version, channel, text, status, attempts, created_at, next_attempt_at)
                VALUES (?, ?, ?, ?, 0, ?, ?)""")
                .params(version, channel, text, status, at(now), at(now)).update();
    }

    /** Pending rows due at {@code now}, oldest first, so announcements go out in order. */
    List<Row> due(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id, version, text, attempts FROM announcements
                WHERE status = ? AND next_attempt_at <= ? ORDER BY id FETCH FIRST ? ROWS ONLY""")
                .params(PENDING, at(now), limit)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .list();
    }

    /** Takes a due row for one attempt; false if another sender took it first. */
    boolean claim(long id, Instant now, Instant leaseUntil) {
        return jdbc.sql("UPDATE announcements SET next_attempt_at = ? WHERE id = ? AND status = ? AND next_attempt_at <= ?")
                .params(at(leaseUntil), id, PENDING, at(now)).update() == 1;
    }

    void markSent(long id, int attempts, Instant now) {
        jdbc.sql("UPDATE announcements SET status = ?, attempts = ?, sent_at = ?, last_error = NULL WHERE id = ?")
                .params(SENT, attempts, at(now), id).update();
    }

    void markFailed(long id, int attempts, Instant nextAttempt, String error) {
        String cut = error.length() > 1000 ? error.substring(0, 1000) : error;
        jdbc.sql("UPDATE announcements SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
                .params(attempts, at(nextAttempt), cut, id).update();
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
