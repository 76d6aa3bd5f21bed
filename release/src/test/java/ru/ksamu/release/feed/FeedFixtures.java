package ru.ksamu.release.feed;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import ru.ksamu.release.Version;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.signing.SigningKey;

/** Small releases signed by a given vendor key, for feed tests. */
final class FeedFixtures {

    static final Instant PUBLISHED = Instant.parse("2024-06-01T10:00:00Z");

    private FeedFixtures() {
    }

    static FeedRelease release(SigningKey vendorKey, String version, List<String> regions, String minFrom) {
        ReleaseManifest manifest = new ReleaseManifest(Version.parse(version), "Релиз " + version, regions, PUBLISHED,
                Optional.ofNullable(minFrom).map(Version::parse),
                List.of(ManifestEntry.of("client/app.jar", 3, "c".repeat(64))));
        byte[] bytes = manifest.toCanonicalJson();
        return FeedRelease.of(bytes, vendorKey.sign(bytes));
    }

    static FeedRelease release(SigningKey vendorKey, String version, String... regions) {
        return release(vendorKey, version, List.of(regions), null);
    }
}
