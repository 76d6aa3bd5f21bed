package ru.ksamu.hub.releases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Version;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;

/** The release tables: {@code releases}, {@code release_channels}, {@code release_files}, {@code channels}. */
@Component
class ReleaseRepository {

    private static final String SUMMARY_COLUMNS = "version, notes, regions, published_at, uploaded_at, withdrawn_at,"
            + " min_from_version, total_size, file_count";
    private static final String NEWEST_FIRST = " ORDER BY v_a DESC, v_b DESC, v_c DESC, v_build DESC";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ReleaseRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    boolean exists(Version version) {
        return jdbc.sql("SELECT COUNT(*) FROM releases WHERE version = ?").param(version.toString())
                .query(Long.class).single() > 0;
    }

    void insert(ReleaseManifest m, byte[] manifestBytes, String signature, Instant now) {
        Version v = m.version();
        jdbc.sql("""
                INSERT INTO releases (version, v_a, v_b, v_c, v_build, notes, regions, published_at, min_from_version,
                    total_size, file_count, manifest, manifest_signature, uploaded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(v.toString(), v.a(), v.b(), v.c(), v.build(), m.notes(), String.join(",", m.regions()),
                        at(m.publishedAt()), m.minFromVersion().map(Version::toString).orElse(null), m.totalSize(),
                        m.files().size(), manifestBytes, signature, at(now))
                .update();
        List<Object[]> rows = new ArrayList<>(m.files().size());
        for (ManifestEntry f : m.files()) {
            rows.add(new Object[] {v.toString(), f.path(), f.role().folder(), f.size(), f.sha256()});
        }
        batch.batchUpdate("INSERT INTO release_files (version, path, role, size, sha256) VALUES (?, ?, ?, ?, ?)", rows);
    }

    void join(Version version, Channel channel, Instant now) {
        jdbc.sql("INSERT INTO release_channels (version, channel, joined_at) VALUES (?, ?, ?)")
                .params(version.toString(), channel.wireName(), at(now)).update();
        bumpRevision(channel);
    }

    List<Channel> channelsOf(Version version) {
        return jdbc.sql("SELECT channel FROM release_channels WHERE version = ?").param(version.toString())
                .query((rs, n) -> Channel.parse(rs.getString(1))).list();
    }

    /** Marks a release withdrawn (once) and makes the feeds of its channels stale. */
    void withdraw(Version version, Instant now) {
        int changed = jdbc.sql("UPDATE releases SET withdrawn_at = ? WHERE version = ? AND withdrawn_at IS NULL")
                .params(at(now), version.toString()).update();
        if (changed > 0) {
            channelsOf(version).forEach(this::bumpRevision);
        }
    }

    /** The channel's newest release older than {@code version} that is not withdrawn. */
    Optional<Version> previousIn(Channel channel, Version version) {
        return jdbc.sql("""
                SELECT r.version FROM releases r JOIN release_channels c ON c.version = r.version
                WHERE c.channel = ? AND r.withdrawn_at IS NULL""" + NEWEST_FIRST)
                .param(channel.wireName())
                .query((rs, n) -> Version.parse(rs.getString(1))).stream()
                .filter(version::isNewerThan).findFirst();
    }

    Optional<ReleaseView.Summary> find(Version version) {
        Map<String, List<String>> channels = channels("WHERE version = ?", version.toString());
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM releases WHERE version = ?").param(version.toString())
                .query((rs, n) -> summary(rs, channels)).optional();
    }

    List<ReleaseView.Summary> list() {
        Map<String, List<String>> channels = channels("", null);
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM releases" + NEWEST_FIRST)
                .query((rs, n) -> summary(rs, channels)).list();
    }

    String signatureOf(Version version) {
        return jdbc.sql("SELECT manifest_signature FROM releases WHERE version = ?").param(version.toString())
                .query(String.class).single();
    }

    List<ReleaseView.File> files(Version version) {
        return jdbc.sql("SELECT path, role, size, sha256 FROM release_files WHERE version = ? ORDER BY path")
                .param(version.toString())
                .query((rs, n) -> new ReleaseView.File(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                .list();
    }

    private void bumpRevision(Channel channel) {
        jdbc.sql("UPDATE channels SET revision = revision + 1 WHERE name = ?").param(channel.wireName()).update();
    }

    private Map<String, List<String>> channels(String where, String arg) {
        Map<String, List<String>> byVersion = new LinkedHashMap<>();
        var spec = jdbc.sql("SELECT version, channel FROM release_channels " + where + " ORDER BY joined_at, channel");
        (arg == null ? spec : spec.param(arg)).query((ResultSet rs) -> {
            byVersion.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        return byVersion;
    }

    private static ReleaseView.Summary summary(ResultSet rs, Map<String, List<String>> channels) throws SQLException {
        String version = rs.getString("version");
        String regions = rs.getString("regions");
        Instant withdrawnAt = instant(rs, "withdrawn_at");
        return new ReleaseView.Summary(version, channels.getOrDefault(version, List.of()), rs.getString("notes"),
                regions.isEmpty() ? List.of() : Arrays.asList(regions.split(",")), instant(rs, "published_at"),
                instant(rs, "uploaded_at"), withdrawnAt != null, withdrawnAt, rs.getString("min_from_version"),
                rs.getLong("total_size"), rs.getInt("file_count"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
