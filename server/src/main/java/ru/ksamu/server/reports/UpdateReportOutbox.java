package ru.ksamu.server.reports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import ru.ksamu.server.time.Times;
import ru.ksamu.server.update.UpdateJobFinished;

/**
 * The update reports waiting for the hub ({@code update_report_outbox}): a row per finished update
 * job, queued in the transaction in which the update journal finishes the job ({@link UpdateJobFinished}), sent by
 * {@link UpdateReportSender}, deleted once the hub took it. Bounded: only the newest
 * {@code ksamu.update.reports.outbox-max} rows are kept.
 */
@Component
class UpdateReportOutbox {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final UpdateReportSettings settings;
    private final UpdateReportSender sender;

    UpdateReportOutbox(JdbcClient jdbc, Clock clock, UpdateReportSettings settings, UpdateReportSender sender) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.sender = sender;
    }

    /**
     * Queues the report of a job that has just finished (any end: done, failed, cancelled...), inside
     * the transaction that finishes the job; the sender is woken once that commits.
     */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void finished(UpdateJobFinished event) {
        long jobId = event.jobId();
        OffsetDateTime now = Times.utc(clock.instant());
        int known = jdbc.sql("SELECT COUNT(*) FROM update_report_outbox WHERE job_id = ?").param(jobId).query(Integer.class).single();
        if (known == 0) {
            jdbc.sql("INSERT INTO update_report_outbox (job_id, queued_at, attempts, next_attempt_at) VALUES (?, ?, 0, ?)")
                    .params(jobId, now, now).update();
        }
        // Bounded: a hub away for months must not grow the service base without end.
        jdbc.sql("DELETE FROM update_report_outbox WHERE job_id NOT IN (SELECT job_id FROM update_report_outbox"
                + " ORDER BY job_id DESC LIMIT ?)").param(settings.outboxMax()).update();
    }

    /** Once the job's end (and its queued report) is committed, the sender goes. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void committed(UpdateJobFinished event) {
        sender.wake();
    }

    /** A queued report with the job it tells about, as the journal holds it. */
    record Queued(long jobId, int attempts, UpdateReport report) {
    }

    /** The queued reports due by {@code now}, oldest job first. */
    List<Queued> due(Instant now, String region, int limit) {
        return jdbc.sql("SELECT o.job_id, o.attempts, j.version, j.from_version, j.kind, j.state, j.step, j.message,"
                        + " j.started_at, j.finished_at, j.locked_ms, j.migration_ms, j.recovery_ms, j.backup_mode"
                        + " FROM update_report_outbox o JOIN update_job j ON j.id = o.job_id"
                        + " WHERE o.next_attempt_at <= ? ORDER BY o.job_id LIMIT ?")
                .params(Times.utc(now), limit).query((rs, n) -> map(rs, region)).list();
    }

    /** When the next queued report is due, or empty when none waits. */
    Optional<Instant> nextDue() {
        return jdbc.sql("SELECT MIN(next_attempt_at) FROM update_report_outbox")
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant))
                .single();
    }

    /** The hub took the report (or refused it for good): it goes. */
    void sent(long jobId) {
        jdbc.sql("DELETE FROM update_report_outbox WHERE job_id = ?").param(jobId).update();
    }

    /** The attempt failed: the report waits until {@code next}. */
    void failed(long jobId, Instant next, String why) {
        jdbc.sql("UPDATE update_report_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE job_id = ?")
                .params(Times.utc(next), why.length() > 1000 ? why.substring(0, 1000) : why, jobId).update();
    }

    /** Rows whose job is gone (a journal cleared by hand) can never be sent. */
    void dropOrphans() {
        jdbc.sql("DELETE FROM update_report_outbox WHERE job_id NOT IN (SELECT id FROM update_job)").update();
    }

    private static Queued map(ResultSet rs, String region) throws SQLException {
        return new Queued(rs.getLong(1), rs.getInt(2), new UpdateReport(rs.getLong(1), rs.getString(4), rs.getString(3),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), instant(rs, 9), instant(rs, 10),
                rs.getObject(11, Long.class), rs.getObject(12, Long.class), rs.getObject(13, Long.class), rs.getString(14), region));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
