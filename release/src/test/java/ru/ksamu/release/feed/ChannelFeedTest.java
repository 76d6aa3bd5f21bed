package ru.ksamu.release.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import ru.ksamu.release.Channel;
import ru.ksamu.release.signing.SigningKeyPair;

class ChannelFeedTest {

    private final SigningKeyPair vendor = SigningKeyPair.generate();
    private final FeedRelease release = FeedFixtures.release(vendor.signingKey(), "6.0.51.22966", "09", "10");
    private final ChannelFeed feed = ChannelFeed.issue(Channel.TEST, List.of(release),
            Clock.fixed(Instant.parse("2024-06-01T21:00:00Z"), ZoneOffset.UTC));

    @Test
    void canonicalJsonCarriesTheMetadataAndTheExactManifestBytes() {
        String json = new String(feed.toCanonicalJson(), StandardCharsets.UTF_8);

        assertThat(json).startsWith("{\"format\":1,\"channel\":\"test\",\"issuedAt\":\"2024-06-01T21:00:00Z\","
                        + "\"expiresAt\":\"2024-06-02T21:00:00Z\",\"releases\":[{\"version\":\"6.0.51.22966\","
                        + "\"regions\":[\"09\",\"10\"],\"notes\":\"Релиз 6.0.51.22966\",\"publishedAt\":\"2024-06-01T10:00:00Z\","
                        + "\"manifest\":\"" + Base64.getEncoder().encodeToString(release.manifestBytes()) + "\","
                        + "\"manifestSignature\":\"" + release.manifestSignature().toText() + "\"}]}");
        assertThat(ChannelFeed.parse(feed.toCanonicalJson())).isEqualTo(feed);
    }

    @Test
    void metadataThatContradictsTheSignedManifestIsRefused() {
        String json = new String(feed.toCanonicalJson(), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parse(json.replace("\"regions\":[\"09\",\"10\"]", "\"regions\":[]")))
                .isInstanceOf(MalformedFeedException.class)
                .hasMessageContaining("feed: поле \"regions\" ([]) не совпадает с манифестом ([09, 10])");
        assertThatThrownBy(() -> parse(json.replace("\"version\":\"6.0.51.22966\"", "\"version\":\"6.0.51.22967\"")))
                .isInstanceOf(MalformedFeedException.class).hasMessageContaining("\"version\"");
    }

    @Test
    void unknownFieldsAndARepeatedVersionAreRefused() {
        String json = new String(feed.toCanonicalJson(), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parse(json.replace("{\"format\":1,", "{\"format\":1,\"region\":\"09\",")))
                .isInstanceOf(MalformedFeedException.class).hasMessageContaining("unknown field \"region\"");
        assertThatThrownBy(() -> new ChannelFeed(Channel.TEST, feed.issuedAt(), feed.expiresAt(), List.of(release, release)))
                .isInstanceOf(MalformedFeedException.class).hasMessageContaining("6.0.51.22966 is listed twice");
        assertThatThrownBy(() -> new ChannelFeed(Channel.TEST, feed.issuedAt(), feed.issuedAt(), List.of()))
                .isInstanceOf(MalformedFeedException.class);
    }

    @Test
    void aBrokenEnvelopeIsRefused() {
        assertThatThrownBy(() -> SignedFeed.parse("{\"feed\":\"***\",\"signature\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedFeedException.class).hasMessageContaining("\"feed\" is not Base64");
        assertThatThrownBy(() -> SignedFeed.parse("{\"feed\":\"\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedFeedException.class).hasMessageContaining("\"signature\" is missing");
    }

    private static ChannelFeed parse(String json) {
        return ChannelFeed.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
