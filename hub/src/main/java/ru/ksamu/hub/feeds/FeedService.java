package ru.ksamu.hub.feeds;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import ru.ksamu.hub.releases.ReleaseCatalog;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.feed.ChannelFeed;
import ru.ksamu.release.feed.SignedFeed;

/**
 * Signed channel feeds, per channel and region. A signed feed is kept and served again until the
 * channel changes (its revision in the database grows) or half of its validity has passed, so
 * servers always get at least half a validity and the ETag stays stable between changes. Issue
 * times never go back: each is at least the last one stored for the channel, so a server never
 * takes a fresh feed for a replay, even after a restart or a clock step back.
 */
@Component
class FeedService {

    private final ReleaseCatalog catalog;
    private final JdbcClient jdbc;
    private final HubKey key;
    private final FeedSettings settings;
    private final Clock clock;
    private final Map<Key, Issued> cache = new ConcurrentHashMap<>();
    private final Map<Channel, ReentrantLock> locks = new EnumMap<>(Channel.class);

    FeedService(ReleaseCatalog catalog, JdbcClient jdbc, HubKey key, FeedSettings settings, Clock clock) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.key = key;
        this.settings = settings;
        this.clock = clock;
        for (Channel channel : Channel.values()) {
            locks.put(channel, new ReentrantLock());
        }
        LoggerFactory.getLogger(FeedService.class).info("Channel feeds: valid for {}, at most {} releases each",
                settings.validity(), settings.maxReleases());
    }

    private record Key(Channel channel, String region) {
    }

    /** A signed feed as served: the envelope's bytes and their ETag. */
    record Issued(long revision, Instant issuedAt, byte[] envelope, String etag) {
    }

    /** The current signed feed of a channel, for all releases or for one region's servers. */
    Issued current(Channel channel, Optional<String> region) {
        Key cacheKey = new Key(channel, region.orElse(""));
        long revision = catalog.revision(channel);
        Issued cached = cache.get(cacheKey);
        if (fresh(cached, revision)) {
            return cached;
        }
        ReentrantLock lock = locks.get(channel);
        lock.lock();
        try {
            cached = cache.get(cacheKey);
            if (fresh(cached, revision)) {
                return cached;
            }
            Issued issued = issue(channel, region, revision);
            cache.put(cacheKey, issued);
            return issued;
        } finally {
            lock.unlock();
        }
    }

    private boolean fresh(Issued issued, long revision) {
        return issued != null && issued.revision() == revision
                && clock.instant().isBefore(issued.issuedAt().plus(settings.validity().dividedBy(2)));
    }

    private Issued issue(Channel channel, Optional<String> region, long revision) {
        Instant issuedAt = nextIssueTime(channel);
        ChannelFeed feed = ChannelFeed.issue(channel, catalog.feedReleases(channel, region, settings.maxReleases()),
                Clock.fixed(issuedAt, ZoneOffset.UTC), settings.validity());
        byte[] envelope = SignedFeed.sign(feed, key.signingKey()).toJson();
        return new Issued(revision, issuedAt, envelope, Sha256.of(envelope));
    }

    /** Now (to the millisecond), but never before the channel's last issue time; stored. */
    private Instant nextIssueTime(Channel channel) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant last = jdbc.sql("SELECT feed_issued_at FROM channels WHERE name = ?").param(channel.wireName())
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))).single()
                .map(OffsetDateTime::toInstant).orElse(Instant.EPOCH);
        Instant issuedAt = now.isBefore(last) ? last : now;
        if (issuedAt.isAfter(last)) {
            jdbc.sql("UPDATE channels SET feed_issued_at = ? WHERE name = ?")
                    .params(OffsetDateTime.ofInstant(issuedAt, ZoneOffset.UTC), channel.wireName()).update();
        }
        return issuedAt;
    }
}
