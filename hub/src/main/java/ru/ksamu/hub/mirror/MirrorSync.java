package ru.ksamu.hub.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.ksamu.hub.files.BlobStore;
import ru.ksamu.hub.releases.MirroredReleases;
import ru.ksamu.release.Channel;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.Version;
import ru.ksamu.release.feed.ChannelFeed;
import ru.ksamu.release.feed.FeedRelease;
import ru.ksamu.release.feed.FeedVerifier;
import ru.ksamu.release.feed.SignedFeed;
import ru.ksamu.release.manifest.Limits;
import ru.ksamu.release.manifest.ManifestEntry;

/**
 * One sync of a mirror with its upstream hub. For each channel the upstream's signed feed is
 * verified as a clinic server verifies it ({@link FeedVerifier}: the pinned upstream feed key, the
 * channel, the expiry, no feed older than the last accepted one, the vendor's signature of every
 * manifest). Then every release offered that this hub lacks is taken: its files are brought into
 * part files ({@link FileFetch}: resumable, size and SHA-256 checked while streaming), renamed
 * into the {@link BlobStore}, and only when all are there is the release recorded, with the
 * vendor's manifest bytes and signature unchanged ({@link MirroredReleases#add}). A release that
 * fails is not offered and is tried again at the next sync. Promotions upstream join the channel
 * here; a release that left an upstream feed while newer than the oldest it still lists was
 * withdrawn there, and is withdrawn here.
 */
final class MirrorSync {

    private static final Logger log = LoggerFactory.getLogger(MirrorSync.class);

    private final UpstreamClient upstream;
    private final FeedVerifier verifier;
    private final MirroredReleases releases;
    private final BlobStore blobs;
    private final JdbcClient jdbc;
    private final MirrorStatus status;
    private final Clock clock;

    MirrorSync(UpstreamClient upstream, FeedVerifier verifier, MirroredReleases releases, BlobStore blobs,
               JdbcClient jdbc, MirrorStatus status, Clock clock) {
        this.upstream = upstream;
        this.verifier = verifier;
        this.releases = releases;
        this.blobs = blobs;
        this.jdbc = jdbc;
        this.status = status;
        this.clock = clock;
    }

    /**
     * One sync; its outcome goes to {@link MirrorStatus}. Never throws but for an interrupt.
     *
     * @param hasher the scheduler's thread that hashes files while they stream in ({@link FileFetch})
     */
    void run(ExecutorService hasher) throws InterruptedException {
        Instant started = clock.instant();
        Map<Channel, ChannelFeed> feeds = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            try {
                feeds.put(channel, verifiedFeed(channel));
            } catch (ReleaseException e) {
                failed(started, "лента канала " + channel.wireName() + " не принята: " + e.russian(),
                        "the feed of channel " + channel.wireName() + " was refused: " + e.english());
                return;
            }
        }
        Map<Version, FeedRelease> offered = new TreeMap<>();
        Map<Version, Set<Channel>> channelsOf = new TreeMap<>();
        feeds.forEach((channel, feed) -> feed.releases().forEach(release -> {
            offered.putIfAbsent(release.version(), release);
            channelsOf.computeIfAbsent(release.version(), v -> EnumSet.noneOf(Channel.class)).add(channel);
        }));
        List<String> missing = new ArrayList<>();
        List<String> russian = new ArrayList<>();
        List<String> english = new ArrayList<>();
        for (FeedRelease release : offered.values()) {
            try {
                take(release, channelsOf.get(release.version()), hasher);
            } catch (ReleaseException e) {
                missing.add(release.version().toString());
                russian.add("релиз " + release.version() + " не принят и клиникам не предлагается: " + e.russian());
                english.add("release " + release.version() + " was not taken and is not offered: " + e.english());
                log.warn("Mirror of {}: release {} not taken: {}", upstream.base(), release.version(), e.getMessage());
            }
        }
        followWithdrawals(feeds);
        List<String> versions = offered.keySet().stream().map(Version::toString).toList();
        if (missing.isEmpty()) {
            status.synced(started, versions, missing, null, null);
            log.debug("Mirror of {} in step: {} release(s) offered upstream", upstream.base(), versions.size());
        } else {
            status.synced(started, versions, missing, prefixRussian(String.join("; ", russian)),
                    prefixEnglish(String.join("; ", english)));
        }
    }

    private ChannelFeed verifiedFeed(Channel channel) throws InterruptedException {
        byte[] envelope;
        try {
            envelope = upstream.feed(channel);
        } catch (IOException e) {
            throw UpstreamException.unreachable(upstream.base(), "ленту канала " + channel.wireName(), e);
        }
        ChannelFeed feed = verifier.verify(SignedFeed.parse(envelope), channel, lastAccepted(channel));
        accepted(channel, feed.issuedAt());
        return feed;
    }

    private void take(FeedRelease release, Set<Channel> channels, ExecutorService hasher) throws InterruptedException {
        Version version = release.version();
        Optional<MirroredReleases.Held> held = releases.find(version);
        if (held.isPresent()) {
            // A withdrawal is forever, here as upstream; otherwise follow promotions.
            if (!held.get().withdrawn()) {
                for (Channel channel : channels) {
                    if (!held.get().channels().contains(channel)) {
                        releases.join(version, channel);
                        log.info("Mirror of {}: release {} joined {}", upstream.base(), version, channel);
                    }
                }
            }
            return;
        }
        Limits.DEFAULT.check(release.manifest().files());
        Map<String, ManifestEntry> wanted = new LinkedHashMap<>();
        for (ManifestEntry entry : release.manifest().files()) {
            if (!blobs.isStored(entry.sha256())) {
                wanted.putIfAbsent(entry.sha256(), entry);
            }
        }
        Instant began = clock.instant();
        Path parts = blobs.parts();
        checkSpace(version, parts, wanted.values());
        for (ManifestEntry entry : wanted.values()) {
            Path part = parts.resolve(entry.sha256() + ".part");
            try {
                FileFetch.fetch(entry, part, upstream, hasher);
            } catch (IOException e) {
                throw UpstreamException.unreachable(upstream.base(), "файл " + entry.path(), e);
            }
            long committing = System.nanoTime();
            blobs.commitVerified(entry.sha256(), part);
            log.debug("Mirror of {}: {} committed in {} ms", upstream.base(), entry.path(),
                    (System.nanoTime() - committing) / 1_000_000);
        }
        long recording = System.nanoTime();
        releases.add(release, channels);
        log.debug("Mirror of {}: release {} recorded in {} ms", upstream.base(), version,
                (System.nanoTime() - recording) / 1_000_000);
        log.info("Mirror of {}: took release {} ({} new files, {} bytes) into {} in {} ms", upstream.base(), version,
                wanted.size(), wanted.values().stream().mapToLong(ManifestEntry::size).sum(), channels,
                Duration.between(began, clock.instant()).toMillis());
    }

    /** Refuses before the first byte when the disk cannot hold the files (what parts already hold counts). */
    private static void checkSpace(Version version, Path parts, Iterable<ManifestEntry> files) {
        try {
            long needed = 0;
            for (ManifestEntry entry : files) {
                Path part = parts.resolve(entry.sha256() + ".part");
                needed += entry.size() - (Files.isRegularFile(part) ? Math.min(Files.size(part), entry.size()) : 0);
            }
            long usable = Files.getFileStore(parts).getUsableSpace();
            if (needed > usable) {
                throw UpstreamException.diskFull(version, parts, needed, usable);
            }
        } catch (IOException e) {
            throw UpstreamException.local(parts, e);
        }
    }

    /**
     * A mirrored release gone from an upstream feed was withdrawn there when it is newer than the
     * oldest release the feed still lists; an older one may only have dropped out of the feed's
     * newest-N, so the upstream's release list must confirm it.
     */
    private void followWithdrawals(Map<Channel, ChannelFeed> feeds) throws InterruptedException {
        Map<Version, Boolean> gone = new TreeMap<>();
        feeds.forEach((channel, feed) -> {
            Set<Version> listed = new HashSet<>();
            feed.releases().forEach(r -> listed.add(r.version()));
            Optional<Version> oldest = listed.stream().min(Version::compareTo);
            for (Version version : releases.inChannel(channel)) {
                if (!listed.contains(version)) {
                    gone.merge(version, oldest.map(version::isNewerThan).orElse(false), Boolean::logicalOr);
                }
            }
        });
        Set<Version> confirmed = Set.of();
        if (gone.containsValue(false)) {
            try {
                confirmed = upstream.withdrawn();
            } catch (IOException e) {
                log.warn("Mirror of {}: release list unreadable, withdrawals wait: {}", upstream.base(), e.toString());
            }
        }
        for (Map.Entry<Version, Boolean> entry : gone.entrySet()) {
            if (entry.getValue() || confirmed.contains(entry.getKey())) {
                releases.withdraw(entry.getKey());
                log.info("Mirror of {}: release {} withdrawn upstream, withdrawn here", upstream.base(), entry.getKey());
            }
        }
    }

    private void failed(Instant started, String russian, String english) {
        log.warn("Mirror of {}: sync failed: {}", upstream.base(), english);
        status.failed(started, prefixRussian(russian), prefixEnglish(english));
    }

    private String prefixRussian(String text) {
        return "Зеркало хаба " + upstream.base() + ": " + text;
    }

    private String prefixEnglish(String text) {
        return "mirror of hub " + upstream.base() + ": " + text;
    }

    private Optional<Instant> lastAccepted(Channel channel) {
        return jdbc.sql("SELECT issued_at FROM upstream_feeds WHERE channel = ?").param(channel.wireName())
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).optional();
    }

    private void accepted(Channel channel, Instant issuedAt) {
        OffsetDateTime at = OffsetDateTime.ofInstant(issuedAt, ZoneOffset.UTC);
        int updated = jdbc.sql("UPDATE upstream_feeds SET issued_at = ? WHERE channel = ? AND issued_at <= ?")
                .params(at, channel.wireName(), at).update();
        if (updated == 0 && lastAccepted(channel).isEmpty()) {
            jdbc.sql("INSERT INTO upstream_feeds (channel, issued_at) VALUES (?, ?)").params(channel.wireName(), at).update();
        }
    }
}
