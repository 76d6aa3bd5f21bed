package ru.ksamu.release.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ru.ksamu.release.Channel;
import ru.ksamu.release.Property;
import ru.ksamu.release.Version;
import ru.ksamu.release.signing.SigningKey;
import ru.ksamu.release.signing.SigningKeyPair;

class ReleasePickerTest {

    private static final SigningKey VENDOR = SigningKeyPair.generate().signingKey();
    private static final Instant ISSUED = Instant.parse("2024-06-01T21:00:00Z");

    @Test
    void picksTheNewestReleaseNewerThanTheInstalledOne() {
        ChannelFeed feed = feed(FeedFixtures.release(VENDOR, "6.0.51.22965"), FeedFixtures.release(VENDOR, "6.0.51.22966"),
                FeedFixtures.release(VENDOR, "6.0.50.1"));

        assertThat(pick(feed, "6.0.51.22965", null, false)).contains(Version.parse("6.0.51.22966"));
        assertThat(pick(feed, "6.0.51.22966", null, false)).isEmpty();
        assertThat(pick(feed, null, null, false)).contains(Version.parse("6.0.51.22966"));
    }

    @Test
    void neverPicksADowngrade() {
        ChannelFeed feed = feed(FeedFixtures.release(VENDOR, "6.0.50.1"), FeedFixtures.release(VENDOR, "6.0.51.1"));

        assertThat(pick(feed, "6.0.52.1", null, false)).isEmpty();
    }

    @Test
    void aRegionalReleaseGoesOnlyToItsRegionsUnlessRegionsAreIgnored() {
        ChannelFeed feed = feed(FeedFixtures.release(VENDOR, "6.0.51.2"),
                FeedFixtures.release(VENDOR, "6.0.51.3", "09"));

        assertThat(pick(feed, "6.0.51.1", "09", false)).contains(Version.parse("6.0.51.3"));
        assertThat(pick(feed, "6.0.51.1", "10", false)).contains(Version.parse("6.0.51.2"));
        assertThat(pick(feed, "6.0.51.1", null, false)).contains(Version.parse("6.0.51.2"));
        assertThat(pick(feed, "6.0.51.1", "10", true)).contains(Version.parse("6.0.51.3"));
    }

    @Test
    void aReleaseThatCannotUpdateFromTheInstalledVersionIsSkippedForAnOlderSteppingStone() {
        ChannelFeed feed = feed(FeedFixtures.release(VENDOR, "6.0.50.5", List.of(), null),
                FeedFixtures.release(VENDOR, "6.0.52.1", List.of(), "6.0.50.0"));

        assertThat(pick(feed, "6.0.49.1", null, false)).contains(Version.parse("6.0.50.5"));
        assertThat(pick(feed, "6.0.50.5", null, false)).contains(Version.parse("6.0.52.1"));
        assertThat(pick(feed, null, null, false)).contains(Version.parse("6.0.52.1"));
    }

    @Test
    void thePickIsTheNewestEligibleReleaseAndNeverOlderThanInstalled() {
        List<FeedRelease> pool = new ArrayList<>();
        String[] regions = {"09", "10", "77"};
        for (int build = 1; build <= 24; build++) {
            List<String> targeted = build % 3 == 0 ? List.of(regions[build % 2]) : List.of();
            String minFrom = build % 5 == 0 ? "6.0." + (build / 4) + ".0" : null;
            pool.add(FeedFixtures.release(VENDOR, "6.0." + (build / 4) + "." + build, targeted, minFrom));
        }
        Property.check("ReleasePicker.pick", 5_000, random -> {
            ChannelFeed feed = feed(sample(random, pool).toArray(FeedRelease[]::new));
            Optional<Version> installed = random.nextInt(5) == 0 ? Optional.empty()
                    : Optional.of(new Version(6, 0, random.nextInt(8), random.nextInt(26)));
            Optional<String> region = random.nextBoolean() ? Optional.empty() : Optional.of(regions[random.nextInt(3)]);
            boolean ignoreRegions = random.nextBoolean();

            Optional<FeedRelease> picked = ReleasePicker.pick(feed, installed, region, ignoreRegions);

            List<FeedRelease> eligible = feed.releases().stream()
                    .filter(r -> installed.isEmpty() || r.version().compareTo(installed.get()) > 0)
                    .filter(r -> ignoreRegions || r.regions().isEmpty() || region.isPresent() && r.regions().contains(region.get()))
                    .filter(r -> installed.isEmpty() || r.manifest().minFromVersion().isEmpty()
                            || installed.get().compareTo(r.manifest().minFromVersion().get()) >= 0)
                    .toList();
            assertThat(picked.isPresent()).isEqualTo(!eligible.isEmpty());
            picked.ifPresent(release -> {
                assertThat(eligible).contains(release);
                assertThat(eligible).allSatisfy(other -> assertThat(other.version()).isLessThanOrEqualTo(release.version()));
                installed.ifPresent(version -> assertThat(release.version()).isGreaterThan(version));
            });
        });
    }

    private static List<FeedRelease> sample(Random random, List<FeedRelease> pool) {
        return pool.stream().filter(release -> random.nextInt(3) == 0).toList();
    }

    private static Optional<Version> pick(ChannelFeed feed, String installed, String region, boolean ignoreRegions) {
        return ReleasePicker.pick(feed, Optional.ofNullable(installed).map(Version::parse), Optional.ofNullable(region),
                ignoreRegions).map(FeedRelease::version);
    }

    private static ChannelFeed feed(FeedRelease... releases) {
        return new ChannelFeed(Channel.STABLE, ISSUED, ISSUED.plusSeconds(3600), List.of(releases));
    }
}
