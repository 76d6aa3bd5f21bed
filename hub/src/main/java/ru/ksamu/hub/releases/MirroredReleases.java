package ru.ksamu.hub.releases;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import ru.ksamu.hub.files.BlobStore;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Version;
import ru.ksamu.release.feed.FeedRelease;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;

/**
 * The catalog as a mirror changes it: a release taken from the upstream is recorded with the
 * vendor's manifest bytes and signature unchanged, in one transaction with its channels, only after
 * every one of its files is stored and verified; joins and withdrawals follow the upstream's feeds.
 * No announcement is recorded: the vendor's hub announces its releases itself.
 */
@Component
public class MirroredReleases {

    private final ReleaseRepository releases;
    private final BlobStore blobs;
    private final TransactionTemplate tx;
    private final Clock clock;

    MirroredReleases(ReleaseRepository releases, BlobStore blobs, TransactionTemplate tx, Clock clock) {
        this.releases = releases;
        this.blobs = blobs;
        this.tx = tx;
        this.clock = clock;
    }

    /** A release as this hub has it. */
    public record Held(boolean withdrawn, Set<Channel> channels) {
    }

    /** The release if this hub has it. */
    public Optional<Held> find(Version version) {
        return releases.find(version).map(s -> {
            Set<Channel> channels = EnumSet.noneOf(Channel.class);
            s.channels().forEach(name -> channels.add(Channel.parse(name)));
            return new Held(s.withdrawn(), channels);
        });
    }

    /** The versions in a channel that are not withdrawn. */
    public List<Version> inChannel(Channel channel) {
        return releases.list().stream()
                .filter(s -> !s.withdrawn() && s.channels().contains(channel.wireName()))
                .map(s -> Version.parse(s.version())).toList();
    }

    /**
     * Records a release whose files are all stored (verified) in {@link BlobStore}, in its channels.
     *
     * @param release  the release as the verified upstream feed lists it
     * @param channels the channels it is in upstream (at least one)
     */
    public void add(FeedRelease release, Set<Channel> channels) {
        ReleaseManifest manifest = release.manifest();
        Map<String, ManifestEntry> contents = new LinkedHashMap<>();
        manifest.files().forEach(entry -> contents.putIfAbsent(entry.sha256(), entry));
        for (ManifestEntry entry : contents.values()) {
            if (!blobs.isStored(entry.sha256())) {
                throw new IllegalStateException("file " + entry.path() + " of " + manifest.version() + " is not stored");
            }
        }
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            contents.values().forEach(entry -> blobs.recordIfAbsent(entry.sha256(), entry.size()));
            releases.insert(manifest, release.manifestBytes(), release.manifestSignature().toText(), now);
            channels.forEach(channel -> releases.join(manifest.version(), channel, now));
        });
    }

    /** Adds a held release to a channel (a promotion upstream). */
    public void join(Version version, Channel channel) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> releases.join(version, channel, now));
    }

    /** Takes a release out of every feed (a withdrawal upstream). */
    public void withdraw(Version version) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> releases.withdraw(version, now));
    }
}
