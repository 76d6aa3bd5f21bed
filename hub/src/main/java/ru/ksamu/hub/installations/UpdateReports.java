package ru.ksamu.hub.installations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import ru.ksamu.release.Sha256;

/**
 * The update reports of registered installations ({@code update_reports}, issue 22): a report
 * reaches this class once its signature is checked ({@link SignedReport#verify}); it is kept only
 * for an installation registered by its statistics with the same key, once per (installation, job),
 * so a server retrying after a lost answer is told it is already here and nothing is stored twice.
 */
@Component
class UpdateReports {

    private final JdbcClient jdbc;
    private final Clock clock;

    UpdateReports(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How a report was taken. */
    enum Outcome { STORED, ALREADY_STORED }

    /**
     * @throws StatsRefusal 403 when the installation is not registered (no statistics yet) or with another key
     */
    Outcome store(SignedReport signed, UpdateReport r) {
        String id = signed.id().toString();
        Optional<String> keyHash = jdbc.sql("SELECT key_sha256 FROM installation_stats WHERE installation_id = ?")
                .param(id).query(String.class).optional();
        String presented = Sha256.of(signed.key().publicKey().getEncoded());
        if (keyHash.isEmpty() || keyHash.get() == null || !MessageDigest.isEqual(keyHash.get().getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII))) {
            throw StatsRefusal.notRegistered(id);
        }
        try {
            jdbc.sql("INSERT INTO update_reports (installation_id, job_id, region, from_version, to_version, kind, outcome,"
                            + " step, message, started_at, finished_at, locked_ms, migration_ms, recovery_ms, backup_mode,"
                            + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, r.jobId(), r.region(), r.fromVersion(), r.toVersion(), r.kind(), r.outcome(), r.step(),
                            r.message(), utc(r.startedAt()), utc(r.finishedAt()), r.lockedMs(), r.migrationMs(),
                            r.recoveryMs(), r.backupMode(), utc(clock.instant()))
                    .update();
            return Outcome.STORED;
        } catch (DuplicateKeyException e) {
            return Outcome.ALREADY_STORED;
        }
    }

    /** One stored report, with when the hub received it. */
    record Stored(String installationId, UpdateReport report, Instant receivedAt) {
    }

    /** One page of an installation's update reports, newest job first. */
    record Page(int page, int size, long total, List<Stored> items) {
    }

    Page list(String installationId, int page, int size) {
        long total = jdbc.sql("SELECT COUNT(*) FROM update_reports WHERE installation_id = ?").param(installationId)
                .query(Long.class).single();
        List<Stored> items = jdbc.sql("SELECT installation_id, job_id, from_version, to_version, kind, outcome, step, message,"
                        + " started_at, finished_at, locked_ms, migration_ms, recovery_ms, backup_mode, region, received_at"
                        + " FROM update_reports WHERE installation_id = ? ORDER BY job_id DESC LIMIT ? OFFSET ?")
                .params(installationId, size, (long) page * size)
                .query(UpdateReports::map).list();
        return new Page(page, size, total, items);
    }

    private static Stored map(ResultSet rs, int n) throws SQLException {
        return new Stored(rs.getString(1), new UpdateReport(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), instant(rs, 9), instant(rs, 10), rs.getObject(11, Long.class),
                rs.getObject(12, Long.class), rs.getObject(13, Long.class), rs.getString(14), rs.getString(15)), instant(rs, 16));
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
