package ru.ksamu.hub.releases;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import ru.ksamu.hub.files.BlobStore;
import ru.ksamu.hub.telegram.Announcements;
import ru.ksamu.release.Channel;
import ru.ksamu.release.ReleaseIoException;
import ru.ksamu.release.Version;
import ru.ksamu.release.bundle.Bundle;
import ru.ksamu.release.bundle.Bundles;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.signing.TrustedKeys;

/**
 * Publishes, promotes and withdraws releases. A publish is visible only when complete: the
 * bundle is verified in full ({@link Bundles#open} against the pinned vendor keys), its files are
 * stored (each verified again while copied), and only then are the rows inserted in one
 * transaction with the announcement. A refusal at any step leaves nothing behind: files written
 * by a failed publish are removed. Changes are serialized on this hub (publishing is rare), which
 * keeps "already exists" checks and the undo of new files exact.
 */
@Component
class Publisher {

    private static final Logger log = LoggerFactory.getLogger(Publisher.class);

    private final PublishSettings settings;
    private final ReleaseRepository releases;
    private final BlobStore blobs;
    private final Announcements announcements;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ReentrantLock changes = new ReentrantLock();
    private final ReleaseMetrics metrics;

    Publisher(PublishSettings settings, ReleaseRepository releases, BlobStore blobs, Announcements announcements,
              TransactionTemplate tx, Clock clock, ReleaseMetrics metrics) {
        this.metrics = metrics;
        this.settings = settings;
        this.releases = releases;
        this.blobs = blobs;
        this.announcements = announcements;
        this.tx = tx;
        this.clock = clock;
        settings.trustedKeys().ifPresentOrElse(
                keys -> log.info("Pinned vendor release keys: {}; largest upload {}", keys.keyIds(),
                        settings.maxUploadSize()),
                () -> log.warn("Ключ релизов не задан ({}): все загрузки будут отклонены / no vendor release key is"
                        + " pinned: every upload is refused", PublishSettings.KEYS));
    }

    /** Publishes an uploaded bundle zip into a channel. */
    ReleaseView.InChannel publish(Path zip, Channel channel) {
        try {
            ReleaseView.InChannel published = publishBundle(zip, channel);
            metrics.published(channel);
            return published;
        } catch (RuntimeException e) {
            metrics.publishFailed(channel, e);
            throw e;
        }
    }

    private ReleaseView.InChannel publishBundle(Path zip, Channel channel) {
        TrustedKeys keys = settings.trustedKeys().orElseThrow(ReleaseRefusals.NoReleaseKeyException::new);
        ReleaseManifest manifest;
        try (Bundle bundle = Bundles.open(zip, keys)) {
            manifest = bundle.manifest();
            changes.lock();
            try {
                if (releases.exists(manifest.version())) {
                    throw new ReleaseRefusals.ReleaseExistsException(manifest.version());
                }
                store(bundle, channel);
            } finally {
                changes.unlock();
            }
        } catch (IOException e) {
            throw new ReleaseIoException(zip, e);
        }
        announcements.wake();
        log.info("Published release {} to {}: {} files, {} bytes", manifest.version(), channel,
                manifest.files().size(), manifest.totalSize());
        return new ReleaseView.InChannel(manifest.version().toString(), channel.wireName());
    }

    private void store(Bundle bundle, Channel channel) {
        ReleaseManifest manifest = bundle.manifest();
        Map<String, ManifestEntry> contents = new LinkedHashMap<>();
        manifest.files().forEach(entry -> contents.putIfAbsent(entry.sha256(), entry));
        List<String> written = new ArrayList<>();
        try {
            for (ManifestEntry entry : contents.values()) {
                if (blobs.put(entry.sha256(), () -> bundle.openFile(entry))) {
                    written.add(entry.sha256());
                }
            }
            Instant now = clock.instant();
            tx.executeWithoutResult(status -> {
                contents.values().forEach(entry -> blobs.recordIfAbsent(entry.sha256(), entry.size()));
                releases.insert(manifest, bundle.manifestBytes(), bundle.signature().toText(), now);
                releases.join(manifest.version(), channel, now);
                announce(channel, manifest);
            });
        } catch (RuntimeException e) {
            written.forEach(blobs::remove);
            throw e;
        }
    }

    /** Adds a release to the stable channel; returns without change if it is there already. */
    ReleaseView.InChannel promote(Version version, Channel to) {
        if (to != Channel.STABLE) {
            throw new ReleaseRefusals.PromoteTargetException(to.wireName());
        }
        boolean joined;
        changes.lock();
        try {
            joined = Boolean.TRUE.equals(tx.execute(status -> {
                ReleaseView.Summary release = releases.find(version)
                        .orElseThrow(() -> new ReleaseRefusals.ReleaseNotFoundException(version));
                if (release.withdrawn()) {
                    throw new ReleaseRefusals.ReleaseWithdrawnException(version);
                }
                if (release.channels().contains(to.wireName())) {
                    return false;
                }
                releases.join(version, to, clock.instant());
                announcements.record(to, version, releases.previousIn(to, version), release.notes(), release.regions());
                return true;
            }));
        } finally {
            changes.unlock();
        }
        if (joined) {
            announcements.wake();
            metrics.promoted(to);
            log.info("Promoted release {} to {}", version, to);
        }
        return new ReleaseView.InChannel(version.toString(), to.wireName());
    }

    /** Takes a release out of every feed; its files stay for servers that are downloading them. */
    ReleaseView.Withdrawn withdraw(Version version) {
        changes.lock();
        try {
            tx.executeWithoutResult(status -> {
                if (!releases.exists(version)) {
                    throw new ReleaseRefusals.ReleaseNotFoundException(version);
                }
                releases.withdraw(version, clock.instant());
            });
        } finally {
            changes.unlock();
        }
        metrics.withdrawn();
        log.info("Withdrew release {}", version);
        return new ReleaseView.Withdrawn(version.toString());
    }

    private void announce(Channel channel, ReleaseManifest manifest) {
        announcements.record(channel, manifest.version(), releases.previousIn(channel, manifest.version()),
                manifest.notes(), manifest.regions());
    }
}
