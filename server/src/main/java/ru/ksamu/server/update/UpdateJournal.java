package ru.ksamu.server.update;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Version;
import ru.ksamu.server.time.Times;

/** The {@code update_job} table: every attempt to bring a release in, step by step. */
@Component
public class UpdateJournal {

    /**
     * Where an update stands. DOWNLOADING and INSTALLING are unfinished: a start resumes them. The
     * console words each state through the bundles ({@code update.state.<STATE>}).
     */
    public enum State {
        DOWNLOADING, COUNTDOWN, LOCKED, MIGRATING, MIGRATED, INSTALLING, DONE, FAILED, CANCELLED, NEEDS_MAJOR;

        boolean unfinished() {
            return this != DONE && this != FAILED && this != CANCELLED && this != NEEDS_MAJOR;
        }
    }

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Clock clock;
    private final UpdateMetrics metrics;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    UpdateJournal(JdbcClient jdbc, Clock clock, DataSource dataSource, UpdateMetrics metrics, TransactionTemplate tx,
                  ApplicationEventPublisher events) {
        this.tx = tx;
        this.events = events;
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    long begin(Version version, Optional<Version> from, Channel channel, String kind, State state, String step,
               String who) {
        return begin(version, from, channel.wireName(), kind, state, step, who);
    }

    /** Where a release came from, when not from a channel: {@link #SOURCE_FILE} for an offline import. */
    static final String SOURCE_FILE = "file";

    /** A job whose release came from {@code source}: a channel's wire name or {@link #SOURCE_FILE}. */
    long begin(Version version, Optional<Version> from, String source, String kind, State state, String step,
               String who) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO update_job (version, from_version, channel, kind, state, step, started_by, started_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(version.toString(), from.map(Object::toString).orElse(null), source, kind,
                        state.name(), step, who, Times.utc(clock.instant()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void step(long id, State state, String step) {
        jdbc.sql("UPDATE update_job SET state = ?, step = ? WHERE id = ?").params(state.name(), clip(step, 400), id).update();
        durable();
    }

    /**
     * H2 writes a commit to its file up to half a second later; a journal step must survive a
     * kill -9 that comes right after it (crash recovery reads it), so it is flushed at once.
     */
    private void durable() {
        if (h2 == null) {
            try (Connection c = dataSource.getConnection()) {
                h2 = c.getMetaData().getDatabaseProductName().toUpperCase(Locale.ROOT).contains("H2");
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read the service database's kind", e);
            }
        }
        if (h2) {
            jdbc.sql("CHECKPOINT SYNC").update();
        }
    }

    private volatile Boolean h2;

    void finish(long id, State state, String step, String message) {
        // The hub's report is queued with the end, in one transaction: a crash cannot lose it (issue 22).
        tx.executeWithoutResult(s -> {
            jdbc.sql("UPDATE update_job SET state = ?, step = ?, finished_at = ?, message = ? WHERE id = ?")
                    .params(state.name(), clip(step, 400), Times.utc(clock.instant()), clip(message, 4000), id).update();
            events.publishEvent(new UpdateJobFinished(id));
        });
        durable();
        jdbc.sql("SELECT kind FROM update_job WHERE id = ?").param(id).query(String.class).optional()
                .ifPresent(kind -> metrics.finished(kind, state));
    }

    void deadline(long id, Instant deadline) {
        jdbc.sql("UPDATE update_job SET deadline = ? WHERE id = ?").params(Times.utc(deadline), id).update();
    }

    void backupPath(long id, String path) {
        jdbc.sql("UPDATE update_job SET backup_path = ? WHERE id = ?").params(path, id).update();
        durable();
    }

    void backupMode(long id, String mode) {
        jdbc.sql("UPDATE update_job SET backup_mode = ? WHERE id = ?").params(mode, id).update();
    }

    /** H2: whether the before-countdown backup holds everything (journalled under the lock, before the migration). */
    void backupCurrent(long id, boolean current) {
        jdbc.sql("UPDATE update_job SET backup_current = ? WHERE id = ?").params(current, id).update();
        durable();
    }

    void recoveryPoint(long id, String text) {
        jdbc.sql("UPDATE update_job SET recovery_point = ? WHERE id = ?").params(clip(text, 4000), id).update();
        durable();
    }

    /** The lock window: locked for, of which the migration, of which the recovery point (ms). */
    void lockWindow(long id, long lockedMs, long migrationMs, long recoveryMs) {
        jdbc.sql("UPDATE update_job SET locked_ms = ?, migration_ms = ?, recovery_ms = ? WHERE id = ?")
                .params(lockedMs, migrationMs, recoveryMs, id).update();
    }

    /** The lock window of the latest major update that locked the base, if any (for the hub's statistics). */
    public Optional<Job> lastLockWindow() {
        return jdbc.sql(SELECT + " WHERE locked_ms IS NOT NULL ORDER BY id DESC LIMIT 1").query(UpdateJournal::map).optional();
    }

    /** Updates a crash left unfinished, oldest first. */
    List<Job> unfinished() {
        return jdbc.sql(SELECT + " WHERE state NOT IN ('DONE', 'FAILED', 'CANCELLED', 'NEEDS_MAJOR') ORDER BY id")
                .query(UpdateJournal::map).list();
    }

    /** The latest updates, newest first. */
    public List<Job> latest(int limit) {
        return jdbc.sql(SELECT + " ORDER BY id DESC LIMIT ?").param(limit).query(UpdateJournal::map).list();
    }

    private static final String SELECT = "SELECT id, version, from_version, channel, kind, state, step, started_by,"
            + " started_at, finished_at, message, deadline, backup_path, backup_mode, backup_current, recovery_point,"
            + " locked_ms, migration_ms, recovery_ms FROM update_job";

    private static Job map(ResultSet rs, int n) throws SQLException {
        return new Job(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                State.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8),
                rs.getObject(9, OffsetDateTime.class).toInstant(),
                Optional.ofNullable(rs.getObject(10, OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null),
                rs.getString(11),
                Optional.ofNullable(rs.getObject(12, OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null),
                rs.getString(13), rs.getString(14), rs.getObject(15, Boolean.class), rs.getString(16),
                rs.getObject(17, Long.class), rs.getObject(18, Long.class), rs.getObject(19, Long.class));
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * One update as the console and the API show it. A major update adds its recovery point
     * ({@code backupMode}: the effective ksamu.update.backup; {@code recoveryPoint}: what a DBA needs;
     * {@code backupCurrent}: H2, nothing written between a before-countdown backup and the lock) and its
     * lock window in milliseconds (null when the base was not locked).
     */
    public record Job(long id, String version, String fromVersion, String channel, String kind, State state,
                      String step, String startedBy, Instant startedAt, Instant finishedAt, String message,
                      Instant deadline, String backupPath, String backupMode, Boolean backupCurrent,
                      String recoveryPoint, Long lockedMs, Long migrationMs, Long recoveryMs) {
    }
}
