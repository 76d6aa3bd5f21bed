package ru.ksamu.hub.installations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import ru.ksamu.release.Sha256;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latest statistics report of every installation, one row each. A report reaches this class
 * only once its signature is checked ({@link SignedReport#verify}); here, in one transaction that
 * locks the installation's row: a report must be sent later than the last accepted one (a replay is
 * refused) and come no sooner than {@code ksamu.hub.stats.min-interval} after it; the first report of
 * an id registers the installation, unless its address has registered
 * {@code ksamu.hub.stats.max-new-per-address} within {@code new-per-address-window}. Everything is
 * counted in the database, so several hub processes on one database keep the same limits.
 */
@Component
class Installations {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Longer addresses (an IPv6 address with a long zone) are cut to the column's length. */
    private static final int MAX_ADDRESS = 100;

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

    /**
     * Keeps a verified report.
     *
     * @param address where it came from ({@code request.getRemoteAddr()})
     * @throws StatsRefusal 403, 409, 429 as {@link StatsRefusal} lists
     */
    Outcome report(SignedReport signed, StatsReport report, String address) {
        String id = signed.id().toString();
        String keyHash = Sha256.of(signed.key().publicKey().getEncoded());
        // The columns keep microseconds: compare at that precision, or a replay of a report sent with
        // nanoseconds would look later than its own stored time.
        Instant sentAt = signed.sentAt().truncatedTo(ChronoUnit.MICROS);
        Instant now = clock.instant();
        String tasks = JSON.writeValueAsString(report.tasks());
        String lock = report.lastMajorUpdate() == null ? null : JSON.writeValueAsString(report.lastMajorUpdate());
        try {
            return tx.execute(status -> {
                Optional<Last> last = jdbc.sql("SELECT key_sha256, last_sent_at, received_at FROM installation_stats"
                                + " WHERE installation_id = ? FOR UPDATE")
                        .param(id).query((rs, n) -> new Last(rs.getString(1), instant(rs.getObject(2, OffsetDateTime.class)),
                                instant(rs.getObject(3, OffsetDateTime.class))))
                        .optional();
                if (last.isEmpty()) {
                    register(signed, keyHash, sentAt, now, report, tasks, lock, cut(address));
                    return Outcome.REGISTERED;
                }
                update(last.get(), id, keyHash, sentAt, now, report, tasks, lock);
                return Outcome.UPDATED;
            });
        } catch (DuplicateKeyException e) {
            throw StatsRefusal.concurrentFirstReports();
        }
    }

    private void update(Last last, String id, String keyHash, Instant sentAt, Instant now, StatsReport report, String tasks,
                        String lock) {
        if (last.lastSentAt() == null || !MessageDigest.isEqual(last.keyHash().getBytes(StandardCharsets.US_ASCII),
                keyHash.getBytes(StandardCharsets.US_ASCII))) {
            // Only a row of the first scheme (no key, a random id) can get here, and the signature
            // check already refuses those ids; kept so that such a row never takes a report.
            throw StatsRefusal.notRegisteredWithThisKey(id);
        }
        if (!sentAt.isAfter(last.lastSentAt())) {
            throw StatsRefusal.replayed(id, sentAt, last.lastSentAt());
        }
        Duration since = Duration.between(last.receivedAt(), now);
        if (since.compareTo(settings.minInterval()) < 0) {
            throw StatsRefusal.tooOften(Math.max(1, settings.minInterval().minus(since).toSeconds()));
        }
        jdbc.sql("UPDATE installation_stats SET region = ?, installed_version = ?, server_version = ?, tasks = ?,"
                        + " received_at = ?, last_sent_at = ?, reports = reports + 1,"
                        + " last_major_update = COALESCE(?, last_major_update) WHERE installation_id = ?")
                .params(report.region(), report.installedVersion(), report.serverVersion(), tasks, utc(now), utc(sentAt), lock, id)
                .update();
    }

    private void register(SignedReport signed, String keyHash, Instant sentAt, Instant now, StatsReport report,
                          String tasks, String lock, String address) {
        // The address's row is locked (by this update or insert) until the transaction ends, so the
        // count below cannot be overtaken by a registration from the same address on another hub.
        int locked = jdbc.sql("UPDATE stats_registration_addresses SET last_registered_at = ? WHERE address = ?")
                .params(utc(now), address).update();
        if (locked == 0) {
            jdbc.sql("INSERT INTO stats_registration_addresses (address, last_registered_at) VALUES (?, ?)")
                    .params(address, utc(now)).update();
        }
        Instant since = now.minus(settings.newPerAddressWindow());
        Recent recent = jdbc.sql("SELECT COUNT(*), MIN(first_seen_at) FROM installation_stats"
                        + " WHERE registered_from = ? AND first_seen_at > ?")
                .params(address, utc(since))
                .query((rs, n) -> new Recent(rs.getLong(1), instant(rs.getObject(2, OffsetDateTime.class))))
                .single();
        if (recent.count() >= settings.maxNewPerAddress()) {
            Duration wait = Duration.between(now, recent.oldest().plus(settings.newPerAddressWindow()));
            throw StatsRefusal.tooManyRegistrations(address, settings.maxNewPerAddress(), settings.newPerAddressWindow(),
                    Math.max(1, wait.toSeconds() + 1));
        }
        jdbc.sql("INSERT INTO installation_stats (installation_id, key_sha256, public_key, region, installed_version,"
                        + " server_version, tasks, first_seen_at, received_at, last_sent_at, registered_from, reports,"
                        + " last_major_update) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)")
                .params(signed.id().toString(), keyHash, signed.key().toText(), report.region(), report.installedVersion(),
                        report.serverVersion(), tasks, utc(now), utc(now), utc(sentAt), address, lock)
                .update();
    }

    private record Last(String keyHash, Instant lastSentAt, Instant receivedAt) {
    }

    private record Recent(long count, Instant oldest) {
    }

    /**
     * One installation as listed.
     *
     * @param keyId the id of the installation's signing key; null for an installation registered
     *              under the first, unsigned scheme, which can no longer report
     */
    record Listed(String installationId, String keyId, String region, String installedVersion, String serverVersion,
                  Instant firstSeenAt, Instant lastReportAt, long reports, List<StatsReport.TaskOutcome> tasks,
                  StatsReport.LockWindow lastMajorUpdate) {
    }

    /** One page of the list, newest report first (ties by id). */
    record Page(int page, int size, long total, List<Listed> items) {
    }

    Page list(int page, int size) {
        long total = jdbc.sql("SELECT COUNT(*) FROM installation_stats").query(Long.class).single();
        List<Listed> items = jdbc.sql("SELECT installation_id, public_key, region, installed_version, server_version,"
                        + " first_seen_at, received_at, reports, tasks, last_major_update FROM installation_stats"
                        + " ORDER BY received_at DESC, installation_id LIMIT ? OFFSET ?")
                .params(size, (long) page * size)
                .query((rs, n) -> new Listed(rs.getString(1), keyIdOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5), instant(rs.getObject(6, OffsetDateTime.class)),
                        instant(rs.getObject(7, OffsetDateTime.class)), rs.getLong(8),
                        List.of(JSON.readValue(rs.getString(9), StatsReport.TaskOutcome[].class)),
                        rs.getString(10) == null ? null : JSON.readValue(rs.getString(10), StatsReport.LockWindow.class)))
                .list();
        return new Page(page, size, total, items);
    }

    /** The key id is the first word of the stored key line. */
    private static String keyIdOf(String publicKey) {
        return publicKey == null ? null : publicKey.substring(0, publicKey.indexOf(' '));
    }

    private static String cut(String address) {
        String a = address == null ? "" : address;
        return a.length() > MAX_ADDRESS ? a.substring(0, MAX_ADDRESS) : a;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
