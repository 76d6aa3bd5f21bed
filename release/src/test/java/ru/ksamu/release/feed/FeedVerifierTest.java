package ru.ksamu.release.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ru.ksamu.release.Channel;
import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.InvalidArgumentException;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.signing.BadSignatureException;
import ru.ksamu.release.signing.SigningKeyPair;
import ru.ksamu.release.signing.TrustedKeys;
import ru.ksamu.release.signing.UntrustedKeyException;

class FeedVerifierTest {

    private static final Instant ISSUED = Instant.parse("2024-06-01T21:00:00Z");

    private final SigningKeyPair vendor = SigningKeyPair.generate();
    private final SigningKeyPair hub = SigningKeyPair.generate();
    private final Clock issueClock = Clock.fixed(ISSUED, ZoneOffset.UTC);
    private final ChannelFeed feed = ChannelFeed.issue(Channel.STABLE,
            List.of(FeedFixtures.release(vendor.signingKey(), "6.0.51.22966", "09"),
                    FeedFixtures.release(vendor.signingKey(), "6.0.51.22965")), issueClock);

    @Test
    void aFreshFeedSignedByThePinnedHubKeyIsAccepted() {
        ChannelFeed accepted = verifierAt(ISSUED.plusSeconds(60))
                .verify(SignedFeed.sign(feed, hub.signingKey()), Channel.STABLE, Optional.empty());

        assertThat(accepted).isEqualTo(feed);
        assertThat(accepted.expiresAt()).isEqualTo(ISSUED.plus(ChannelFeed.DEFAULT_VALIDITY));
        assertThat(accepted.releases()).extracting(release -> release.version().toString())
                .containsExactly("6.0.51.22965", "6.0.51.22966");
    }

    @Test
    void theEnvelopeRoundTripsThroughItsJson() {
        SignedFeed signed = SignedFeed.sign(feed, hub.signingKey());

        SignedFeed parsed = SignedFeed.parse(signed.toJson());

        assertThat(parsed).isEqualTo(signed);
        assertThat(verifierAt(ISSUED).verify(parsed, Channel.STABLE, Optional.empty())).isEqualTo(feed);
    }

    @Test
    void anExpiredFeedIsRefused() {
        SignedFeed signed = SignedFeed.sign(feed, hub.signingKey());
        Instant expiry = ISSUED.plus(Duration.ofHours(24));

        verifierAt(expiry.minusMillis(1)).verify(signed, Channel.STABLE, Optional.empty());
        assertThatThrownBy(() -> verifierAt(expiry).verify(signed, Channel.STABLE, Optional.empty()))
                .isInstanceOf(FeedExpiredException.class)
                .hasMessageContaining("Лента канала stable истекла в 2024-06-02T21:00:00Z")
                .satisfies(e -> assertThat(((ReleaseException) e).code()).isEqualTo(ErrorCode.FEED_EXPIRED));
    }

    @Test
    void validityIsAParameter() {
        ChannelFeed shortLived = ChannelFeed.issue(Channel.TEST, List.of(), issueClock, Duration.ofMinutes(5));
        SignedFeed signed = SignedFeed.sign(shortLived, hub.signingKey());

        assertThat(shortLived.expiresAt()).isEqualTo(ISSUED.plusSeconds(300));
        assertThatThrownBy(() -> verifierAt(ISSUED.plusSeconds(300)).verify(signed, Channel.TEST, Optional.empty()))
                .isInstanceOf(FeedExpiredException.class);
        assertThatThrownBy(() -> ChannelFeed.issue(Channel.TEST, List.of(), issueClock, Duration.ZERO))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void aReplayedOlderFeedIsRefused() {
        SignedFeed older = SignedFeed.sign(feed, hub.signingKey());
        Instant lastAccepted = ISSUED.plusSeconds(1800);

        assertThatThrownBy(() -> verifierAt(ISSUED.plusSeconds(3600))
                .verify(older, Channel.STABLE, Optional.of(lastAccepted)))
                .isInstanceOf(FeedReplayedException.class)
                .hasMessageContaining("выпущена в 2024-06-01T21:00:00Z, раньше уже принятой (2024-06-01T21:30:00Z)")
                .satisfies(e -> assertThat(((ReleaseException) e).code()).isEqualTo(ErrorCode.FEED_REPLAYED));
    }

    @Test
    void theSameFeedFetchedAgainIsAccepted() {
        SignedFeed signed = SignedFeed.sign(feed, hub.signingKey());

        assertThat(verifierAt(ISSUED.plusSeconds(60)).verify(signed, Channel.STABLE, Optional.of(ISSUED))).isEqualTo(feed);
    }

    @Test
    void aFeedSignedWithTheVendorKeyInsteadOfTheHubKeyIsUntrusted() {
        SignedFeed signed = SignedFeed.sign(feed, vendor.signingKey());

        assertThatThrownBy(() -> verifierAt(ISSUED).verify(signed, Channel.STABLE, Optional.empty()))
                .isInstanceOf(UntrustedKeyException.class)
                .hasMessageContaining("Лента канала stable: подписан ключом " + vendor.trustedKey().keyId());
    }

    @Test
    void aTamperedFeedIsRefusedBeforeItIsParsed() {
        SignedFeed signed = SignedFeed.sign(feed, hub.signingKey());
        byte[] bytes = signed.feedBytes();
        bytes[bytes.length - 2] ^= 1;

        assertThatThrownBy(() -> verifierAt(ISSUED).verify(new SignedFeed(bytes, signed.signature()), Channel.STABLE,
                Optional.empty())).isInstanceOf(BadSignatureException.class);
    }

    @Test
    void aTestFeedServedAsStableIsRefused() {
        ChannelFeed testFeed = ChannelFeed.issue(Channel.TEST, feed.releases(), issueClock);

        assertThatThrownBy(() -> verifierAt(ISSUED).verify(SignedFeed.sign(testFeed, hub.signingKey()), Channel.STABLE,
                Optional.empty()))
                .isInstanceOf(WrongChannelException.class)
                .hasMessageContaining("Запрошена лента канала stable, а получена лента канала test");
    }

    @Test
    void aReleaseNotSignedByTheVendorIsRefusedNamingItsVersion() {
        SigningKeyPair stranger = SigningKeyPair.generate();
        ChannelFeed withForeignRelease = ChannelFeed.issue(Channel.STABLE,
                List.of(FeedFixtures.release(stranger.signingKey(), "6.0.52.1")), issueClock);

        assertThatThrownBy(() -> verifierAt(ISSUED).verify(SignedFeed.sign(withForeignRelease, hub.signingKey()),
                Channel.STABLE, Optional.empty()))
                .isInstanceOf(UntrustedKeyException.class)
                .hasMessageContaining("Релиз 6.0.52.1: подписан ключом " + stranger.trustedKey().keyId());
    }

    private FeedVerifier verifierAt(Instant now) {
        return new FeedVerifier(TrustedKeys.of(hub.trustedKey()), TrustedKeys.of(vendor.trustedKey()),
                Clock.fixed(now, ZoneOffset.UTC));
    }
}
