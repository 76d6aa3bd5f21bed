package ru.ksamu.hub.releases;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import ru.ksamu.release.Channel;
import ru.ksamu.release.feed.FeedRelease;
import ru.ksamu.release.manifest.Regions;
import ru.ksamu.release.signing.DetachedSignature;

/** What a channel feed is made of: the channel's revision and its releases, as stored. */
@Component
public class ReleaseCatalog {

    private final JdbcClient jdbc;

    ReleaseCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A number that grows whenever the channel's feed content changes (publish, promote, withdraw). */
    public long revision(Channel channel) {
        return jdbc.sql("SELECT revision FROM channels WHERE name = ?").param(channel.wireName())
                .query(Long.class).single();
    }

    /**
     * The channel's newest releases that are not withdrawn, at most {@code max}: for a region,
     * those for all regions and those for that region; without one, all.
     *
     * @param region a region code, checked (it becomes part of a LIKE pattern)
     */
    public List<FeedRelease> feedReleases(Channel channel, Optional<String> region, int max) {
        String regionFilter = region.map(Regions::check)
                .map(code -> " AND (r.regions = '' OR (',' || r.regions || ',') LIKE '%," + code + ",%')")
                .orElse("");
        return jdbc.sql("""
                SELECT r.manifest, r.manifest_signature FROM releases r
                JOIN release_channels c ON c.version = r.version
                WHERE c.channel = ? AND r.withdrawn_at IS NULL""" + regionFilter
                        + " ORDER BY r.v_a DESC, r.v_b DESC, r.v_c DESC, r.v_build DESC FETCH FIRST ? ROWS ONLY")
                .params(channel.wireName(), max)
                .query((rs, n) -> FeedRelease.of(rs.getBytes(1),
                        DetachedSignature.parse(rs.getString(2), "releases.manifest_signature")))
                .list();
    }
}
