package ru.ksamu.hub.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import ru.ksamu.hub.HubHttp;
import ru.ksamu.hub.TestBundles;
import ru.ksamu.hub.TestHub;
import ru.ksamu.hub.files.BlobStore;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.Version;
import ru.ksamu.release.feed.ChannelFeed;
import ru.ksamu.release.feed.FeedRelease;
import ru.ksamu.release.feed.FeedVerifier;
import ru.ksamu.release.feed.SignedFeed;
import ru.ksamu.release.signing.TrustedKeys;
import ru.ksamu.release.signing.UntrustedKeyException;
import tools.jackson.databind.JsonNode;

/**
 * A regional mirror against a real vendor hub on loopback (issue 21, point 5): it takes every
 * release with the vendor's signatures unchanged and serves them under its own feed key; promotions
 * and withdrawals follow; a tampered file upstream is refused and never offered, and the mirror's
 * health shows it behind; an upstream signed with a key it does not pin is refused, named in its
 * health; a mirror of a mirror (country → region) serves the same releases. The tests run in order
 * on one vendor hub and one mirror, as a region's history would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class MirrorContract {

    /** The arguments putting a new hub's database on the kind under test ({@code name} tells the hubs apart). */
    abstract List<String> database(String name);

    static final Duration WAIT = Duration.ofSeconds(30);

    Path dir;
    RunningHub vendor;
    RunningHub mirror;
    Version first;
    Version second;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("ksamu-mirror");
        vendor = RunningHub.vendor(dir.resolve("vendor"), database("vendor"));
        mirror = RunningHub.mirror(dir.resolve("mirror"), database("mirror"), vendor.url(), vendor.feedKeyText(), "300ms");
    }

    @AfterAll
    void stop() {
        if (mirror != null) {
            mirror.close();
        }
        if (vendor != null) {
            vendor.close();
        }
    }

    static ChannelFeed feed(RunningHub hub, Channel channel, TrustedKeys feedKeys) {
        HubHttp.Reply reply = hub.http.get("/api/v1/feeds/" + channel.wireName());
        assertThat(reply.status()).isEqualTo(200);
        return new FeedVerifier(feedKeys, TrustedKeys.of(TestHub.VENDOR.trustedKey()), Clock.systemUTC())
                .verify(SignedFeed.parse(reply.body()), channel, Optional.empty());
    }

    static List<Version> versions(ChannelFeed feed) {
        return feed.releases().stream().map(FeedRelease::version).toList();
    }

    static List<String> missing(JsonNode health) {
        return StreamSupport.stream(health.path("details").path("missing").spliterator(), false).map(JsonNode::asString).toList();
    }

    void publish(Version version, Channel channel) {
        Path zip = TestBundles.bundle(dir, version, List.of());
        assertThat(vendor.http.publish(zip, channel).status()).isEqualTo(201);
    }

    @Test
    @Order(1)
    void theMirrorServesTheVendorsReleasesUnderItsOwnFeedKey() throws Exception {
        first = TestHub.freshVersion();
        second = TestHub.nextBuild(first);
        assertThat(vendor.http.publish(TestBundles.bundle(dir, first, List.of("09")), Channel.TEST).status()).isEqualTo(201);
        publish(second, Channel.TEST);
        assertThat(vendor.http.promote(second, "stable").status()).isEqualTo(200);

        await().atMost(WAIT).until(() -> versions(feed(mirror, Channel.STABLE, mirror.feedKeys())).contains(second));
        ChannelFeed test = feed(mirror, Channel.TEST, mirror.feedKeys());
        assertThat(versions(test)).containsExactly(first, second);
        // The vendor's manifests and signatures, byte for byte.
        ChannelFeed upstreamTest = feed(vendor, Channel.TEST, vendor.feedKeys());
        assertThat(test.releases()).isEqualTo(upstreamTest.releases());
        // Regions as upstream: region 10's servers are not offered the release for region 09.
        HubHttp.Reply region10 = mirror.http.get("/api/v1/feeds/test?region=10");
        assertThat(ChannelFeed.parse(SignedFeed.parse(region10.body()).feedBytes()).releases())
                .extracting(FeedRelease::version).containsExactly(second);
        // Signed by the mirror's key, not the vendor hub's.
        assertThat(mirror.feedKeyText()).isNotEqualTo(vendor.feedKeyText());
        assertThatThrownBy(() -> feed(mirror, Channel.TEST, vendor.feedKeys())).isInstanceOf(UntrustedKeyException.class);
        // The files themselves.
        String sha = test.releases().get(0).manifest().files().get(1).sha256();
        HubHttp.Reply file = mirror.http.get("/api/v1/files/" + sha);
        assertThat(file.status()).isEqualTo(200);
        assertThat(Sha256.of(file.body())).isEqualTo(sha);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode health = mirror.upstreamHealth();
            assertThat(health.path("status").asString()).isEqualTo("UP");
            assertThat(health.path("details").path("upstream").asString()).isEqualTo(vendor.url());
        });
    }

    @Test
    @Order(2)
    void publishingOnAMirrorIsRefusedInRussian() {
        Path zip = TestBundles.bundle(dir, TestHub.freshVersion(), List.of());
        HubHttp.Reply refused = mirror.http.publish(zip, Channel.TEST);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text()).contains("зеркало " + vendor.url()).contains("mirrors " + vendor.url());
        assertThat(mirror.http.withdraw(first).status()).isEqualTo(409);
    }

    @Test
    @Order(3)
    void aWithdrawalUpstreamIsFollowed() {
        assertThat(vendor.http.withdraw(first).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !versions(feed(mirror, Channel.TEST, mirror.feedKeys())).contains(first));
        assertThat(versions(feed(mirror, Channel.TEST, mirror.feedKeys()))).containsExactly(second);
        assertThat(mirror.http.get("/api/v1/releases/" + first).json().path("withdrawn").asBoolean()).isTrue();
    }

    @Test
    @Order(4)
    void aTamperedFileUpstreamIsRefusedNeverOfferedAndTakenOnceRepaired() throws Exception {
        Version third = TestHub.nextBuild(second);
        byte[] app = TestBundles.random(80_000);
        Path zip = TestBundles.bundle(dir, third, Map.of("client/app.jar", app), List.of(), "Выпуск 3",
                TestHub.VENDOR.signingKey());
        assertThat(vendor.http.publish(zip, Channel.TEST).status()).isEqualTo(201);
        String sha = Sha256.of(app);
        Path blob = vendor.bean(BlobStore.class).pathOf(sha);
        byte[] tampered = app.clone();
        tampered[40_000] ^= 1;
        Files.write(blob, tampered); // same length, other bytes: what a broken disk or an attacker leaves

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode health = mirror.upstreamHealth();
            assertThat(health.path("status").asString()).isEqualTo("DOWN");
            assertThat(missing(health)).containsExactly(third.toString());
            assertThat(health.path("details").path("lastError").asString())
                    .contains("Зеркало хаба " + vendor.url()).contains(third.toString()).contains("SHA-256");
        });
        assertThat(versions(feed(mirror, Channel.TEST, mirror.feedKeys()))).doesNotContain(third);
        assertThat(mirror.http.get("/api/v1/files/" + sha).status()).isEqualTo(404);
        assertThat(mirror.http.get("/api/v1/releases/" + third).status()).isEqualTo(404);

        Files.write(blob, app);
        await().atMost(WAIT).until(() -> versions(feed(mirror, Channel.TEST, mirror.feedKeys())).contains(third));
        await().atMost(WAIT).until(() -> "UP".equals(mirror.upstreamHealth().path("status").asString()));
    }

    @Test
    @Order(5)
    void aMirrorOfTheMirrorServesTheSameReleases() {
        try (RunningHub district = RunningHub.mirror(dir.resolve("district"), database("district"), mirror.url(), mirror.feedKeyText(), "300ms")) {
            await().atMost(WAIT).until(() -> "UP".equals(district.upstreamHealth().path("status").asString()));
            ChannelFeed regional = feed(mirror, Channel.TEST, mirror.feedKeys());
            ChannelFeed local = feed(district, Channel.TEST, district.feedKeys());
            assertThat(local.releases()).isEqualTo(regional.releases());
            assertThat(versions(feed(district, Channel.STABLE, district.feedKeys()))).containsExactly(second);
            assertThat(district.http.get("/api/v1/releases/" + first).status())
                    .as("a release withdrawn before the district mirror started is never taken").isEqualTo(404);
        }
    }

    @Test
    @Order(6)
    void anUpstreamSignedWithAnUnpinnedKeyIsRefusedAndNamed() {
        String stranger = TestHub.STRANGER.trustedKey().toText();
        try (RunningHub wrong = RunningHub.mirror(dir.resolve("wrong"), database("wrong"), vendor.url(), stranger, "300ms")) {
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode health = wrong.upstreamHealth();
                assertThat(health.path("status").asString()).isEqualTo("DOWN");
                assertThat(health.path("details").path("lastError").asString())
                        .contains("Зеркало хаба " + vendor.url()).contains("лента канала");
                assertThat(health.path("details").path("lastSuccess").asString()).isEqualTo("null");
            });
            assertThat(feed(wrong, Channel.TEST, wrong.feedKeys()).releases()).isEmpty();
        }
    }
}
