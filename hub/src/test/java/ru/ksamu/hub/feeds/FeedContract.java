package ru.ksamu.hub.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ru.ksamu.hub.HubContractSupport;
import ru.ksamu.hub.HubHttp;
import ru.ksamu.hub.TestBundles;
import ru.ksamu.hub.TestHub;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Version;
import ru.ksamu.release.feed.ChannelFeed;
import ru.ksamu.release.feed.FeedRelease;
import ru.ksamu.release.feed.FeedVerifier;
import ru.ksamu.release.feed.SignedFeed;
import ru.ksamu.release.signing.TrustedKey;
import ru.ksamu.release.signing.TrustedKeys;

/** Channel feeds: signed by the hub's key, filtered by region, changed by promote and withdraw. */
abstract class FeedContract extends HubContractSupport {

    private TrustedKey hubKey() {
        return TrustedKey.parse(hub().get("/api/v1/keys/hub").text(), "hub");
    }

    private ChannelFeed verified(Channel channel, String query) {
        HubHttp.Reply reply = hub().get("/api/v1/channels/" + channel.wireName() + "/latest" + query);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return new FeedVerifier(TrustedKeys.of(hubKey()), TrustedKeys.of(TestHub.VENDOR.trustedKey()), Clock.systemUTC())
                .verify(SignedFeed.parse(reply.body()), channel, Optional.empty());
    }

    private static List<String> versions(ChannelFeed feed) {
        return feed.releases().stream().map(r -> r.version().toString()).toList();
    }

    private void publish(Version version, Channel channel, List<String> regions) {
        HubHttp.Reply reply = hub().publish(TestBundles.bundle(tmp, version, regions), channel);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    }

    @Test
    void feedIsSignedByTheHubKeyServedAndStoredInTheDataFolder() throws Exception {
        Version version = TestHub.freshVersion();
        publish(version, Channel.TEST, List.of());

        ChannelFeed feed = verified(Channel.TEST, "");

        assertThat(versions(feed)).contains(version.toString());
        assertThat(Duration.between(feed.issuedAt(), feed.expiresAt())).isEqualTo(Duration.ofHours(24));
        assertThat(feed.issuedAt()).isBefore(Instant.now().plusSeconds(1));
        FeedRelease entry = feed.releases().stream().filter(r -> r.version().equals(version)).findFirst().orElseThrow();
        assertThat(entry.manifest().files()).hasSize(3);
        assertThat(entry.manifestSignature().keyId()).isEqualTo(TestHub.VENDOR.trustedKey().keyId());
        String onDisk = Files.readString(folders.keys().resolve("hub.pub")).strip();
        assertThat(onDisk).isEqualTo(hubKey().toText());
        assertThat(hub().get("/api/v1/feeds/test").body()).isEqualTo(hub().get("/api/v1/channels/test/latest").body());
    }

    @Test
    void regionFeedListsReleasesForAllRegionsAndForThatRegionOnly() {
        Version all = TestHub.freshVersion();
        Version nine = TestHub.freshVersion();
        Version ten = TestHub.freshVersion();
        publish(all, Channel.TEST, List.of());
        publish(nine, Channel.TEST, List.of("09", "77"));
        publish(ten, Channel.TEST, List.of("10"));

        List<String> for09 = versions(verified(Channel.TEST, "?region=09"));
        List<String> whole = versions(verified(Channel.TEST, ""));

        assertThat(for09).contains(all.toString(), nine.toString()).doesNotContain(ten.toString());
        assertThat(whole).contains(all.toString(), nine.toString(), ten.toString());
        assertThat(versions(verified(Channel.TEST, "?region=77"))).contains(nine.toString()).doesNotContain(ten.toString());
        HubHttp.Reply bad = hub().get("/api/v1/channels/test/latest?region=9x");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("code").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(hub().get("/api/v1/channels/beta/latest").status()).isEqualTo(400);
    }

    @Test
    void promoteAddsToStableAndWithdrawTakesOutOfEveryFeedButKeepsFiles() {
        Version version = TestHub.freshVersion();
        publish(version, Channel.TEST, List.of());
        assertThat(versions(verified(Channel.STABLE, ""))).doesNotContain(version.toString());

        HubHttp.Reply promoted = hub().promote(version, "stable");

        assertThat(promoted.status()).as(promoted.text()).isEqualTo(200);
        assertThat(promoted.json().path("channel").asString()).isEqualTo("stable");
        assertThat(versions(verified(Channel.STABLE, ""))).contains(version.toString());
        assertThat(versions(verified(Channel.TEST, ""))).contains(version.toString());
        assertThat(hub().get("/api/v1/releases/" + version).json().path("channels").toString())
                .isEqualTo("[\"test\",\"stable\"]");

        HubHttp.Reply withdrawn = hub().withdraw(version);

        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().path("version").asString()).isEqualTo(version.toString());
        assertThat(versions(verified(Channel.STABLE, ""))).doesNotContain(version.toString());
        assertThat(versions(verified(Channel.TEST, ""))).doesNotContain(version.toString());
        var detail = hub().get("/api/v1/releases/" + version).json();
        assertThat(detail.path("withdrawn").asBoolean()).isTrue();
        String sha = detail.path("files").get(0).path("sha256").asString();
        assertThat(hub().get("/api/v1/files/" + sha).status()).isEqualTo(200);
        assertThat(hub().withdraw(version).status()).isEqualTo(200);
    }

    @Test
    void promoteIsIdempotentAndRefusesWhatItCannotDo() {
        Version version = TestHub.freshVersion();
        publish(version, Channel.TEST, List.of());

        assertThat(hub().promote(version, "stable").status()).isEqualTo(200);
        assertThat(hub().promote(version, "stable").status()).isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM announcements WHERE version = ? AND channel = 'stable'", version.toString()))
                .isEqualTo(1);

        assertThat(code(hub().promote(version, "test"), 400)).isEqualTo("INVALID_ARGUMENT");
        assertThat(code(hub().promote(TestHub.freshVersion(), "stable"), 404)).isEqualTo("RELEASE_NOT_FOUND");
        assertThat(code(hub().promote(version, "gold"), 400)).isEqualTo("INVALID_ARGUMENT");
        assertThat(code(hub().post("/api/v1/releases/6.0.51/promote?to=stable", TestHub.TOKEN), 400))
                .isEqualTo("INVALID_VERSION");
        assertThat(code(hub().withdraw(TestHub.freshVersion()), 404)).isEqualTo("RELEASE_NOT_FOUND");
        Version other = TestHub.freshVersion();
        publish(other, Channel.TEST, List.of());
        hub().withdraw(other);
        assertThat(code(hub().promote(other, "stable"), 409)).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void feedETagAnswers304UntilTheChannelChanges() {
        publish(TestHub.freshVersion(), Channel.TEST, List.of());
        HubHttp.Reply first = hub().get("/api/v1/channels/test/latest");
        String etag = first.header("ETag").orElseThrow();

        HubHttp.Reply same = hub().get("/api/v1/channels/test/latest", "If-None-Match", etag);
        assertThat(same.status()).isEqualTo(304);
        assertThat(hub().get("/api/v1/channels/test/latest").body()).isEqualTo(first.body());

        publish(TestHub.freshVersion(), Channel.TEST, List.of());
        HubHttp.Reply changed = hub().get("/api/v1/channels/test/latest", "If-None-Match", etag);

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isPresent().isNotEqualTo(Optional.of(etag));
        assertThat(changed.header("Cache-Control").orElse("")).contains("no-cache");
        ChannelFeed before = ChannelFeed.parse(SignedFeed.parse(first.body()).feedBytes());
        ChannelFeed after = ChannelFeed.parse(SignedFeed.parse(changed.body()).feedBytes());
        assertThat(after.issuedAt()).isAfterOrEqualTo(before.issuedAt());
    }

    private static String code(HubHttp.Reply reply, int status) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        return reply.json().path("code").asString();
    }
}
