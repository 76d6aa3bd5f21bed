package ru.ksamu.hub.installations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latest statistics report of every installation, one row each. The first report of an id
 * registers the installation's key (only its SHA-256 is kept: trust on first use); later reports
 * must carry the same key, and come no sooner than {@code ksamu.hub.stats.min-interval} after the last.
 */
@Component
class Installations {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final StatsSettings settings;
    private final Clock clock;

    Installations(JdbcClient jdbc, TransactionTemplate tx, StatsSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
    }

    /** How a report was taken. */
    enum Outcome { REGISTERED, UPDATED }

    /** A report that cannot be kept: HTTP status, code, message (Russian / English), Retry-After seconds or 0. */
    static final class Refused extends RuntimeException {
        final int status;
        final String code;
        final long retryAfter;

        Refused(int status, String code, String message, long retryAfter) {
            super(message);
            this.status = status;
            this.code = code;
            this.retryAfter = retryAfter;
        }
    }

    Outcome report(String id, String key, StatsReport report) {
        String keyHash = ru.ksamu.release.Sha256.of(key.getBytes(StandardCharsets.UTF_8));
        Instant now = clock.instant();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        String tasks = JSON.writeValueAsString(report.tasks());
        try {
            return tx.execute(status -> {
                Optional<Last> last = jdbc.sql("SELECT key_sha256, received_at FROM installation_stats WHERE installation_id = ? FOR UPDATE")
                        .param(id).query((rs, n) -> new Last(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                        .optional();
                if (last.isEmpty()) {
                    jdbc.sql("INSERT INTO installation_stats (installation_id, key_sha256, region, installed_version,"
                                    + " server_version, tasks, first_seen_at, received_at, reports) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)")
                            .params(id, keyHash, report.region(), report.installedVersion(), report.serverVersion(), tasks, at, at)
                            .update();
                    return Outcome.REGISTERED;
                }
                if (!MessageDigest.isEqual(last.get().keyHash().getBytes(StandardCharsets.US_ASCII),
                        keyHash.getBytes(StandardCharsets.US_ASCII))) {
                    throw new Refused(403, "WRONG_KEY", "Ключ установки не совпадает с ключом её первого отчёта"
                            + " / the installation key differs from the one of its first report", 0);
                }
                Duration since = Duration.between(last.get().receivedAt(), now);
                if (since.compareTo(settings.minInterval()) < 0) {
                    long wait = Math.max(1, settings.minInterval().minus(since).toSeconds());
                    throw new Refused(429, "TOO_OFTEN", "Отчёт этой установки уже получен, повторите через " + wait
                            + " с / a report of this installation was just received, retry in " + wait + " s", wait);
                }
                jdbc.sql("UPDATE installation_stats SET region = ?, installed_version = ?, server_version = ?, tasks = ?,"
                                + " received_at = ?, reports = reports + 1 WHERE installation_id = ?")
                        .params(report.region(), report.installedVersion(), report.serverVersion(), tasks, at, id).update();
                return Outcome.UPDATED;
            });
        } catch (DuplicateKeyException e) {
            throw new Refused(409, "CONFLICT", "Одновременные первые отчёты одной установки; повторите"
                    + " / two first reports of one installation at once; retry", 1);
        }
    }

    private record Last(String keyHash, Instant receivedAt) {
    }

    /** One installation as listed. */
    record Listed(String installationId, String region, String installedVersion, String serverVersion,
                  Instant firstSeenAt, Instant lastReportAt, long reports, List<StatsReport.TaskOutcome> tasks) {
    }

    List<Listed> list() {
        return jdbc.sql("SELECT installation_id, region, installed_version, server_version, first_seen_at, received_at,"
                        + " reports, tasks FROM installation_stats ORDER BY received_at DESC, installation_id")
                .query((rs, n) -> new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(6, OffsetDateTime.class).toInstant(),
                        rs.getLong(7), List.of(JSON.readValue(rs.getString(8), StatsReport.TaskOutcome[].class))))
                .list();
    }
}
