package ru.ksamu.release.feed;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import ru.ksamu.release.Channel;
import ru.ksamu.release.signing.TrustedKeys;

/**
 * What a server does with a feed before trusting anything in it. Stateless: the caller keeps
 * the {@code issuedAt} of the last feed it accepted and passes it in.
 */
public final class FeedVerifier {

    private final TrustedKeys hubKeys;
    private final TrustedKeys releaseKeys;
    private final Clock clock;

    /**
     * @param hubKeys     the pinned hub keys that may sign feeds
     * @param releaseKeys the pinned vendor keys that may sign release manifests
     * @param clock       the time source for the expiry check
     */
    public FeedVerifier(TrustedKeys hubKeys, TrustedKeys releaseKeys, Clock clock) {
        this.hubKeys = Objects.requireNonNull(hubKeys, "hubKeys");
        this.releaseKeys = Objects.requireNonNull(releaseKeys, "releaseKeys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies a feed, in this order: the hub's signature over the exact bytes (before parsing
     * them), the channel, the expiry, the replay rule, and the vendor's signature of every
     * release's manifest.
     *
     * @param signed       the feed as received
     * @param channel      the channel asked for
     * @param lastAccepted the {@code issuedAt} of the last feed of this channel accepted, if any;
     *                     a feed issued at the same instant is accepted again, an older one is not
     * @return the verified feed; store its {@code issuedAt} as the new last accepted
     * @throws ru.ksamu.release.signing.UntrustedKeyException if the feed or a manifest is signed by an unpinned key
     * @throws ru.ksamu.release.signing.BadSignatureException if a signature does not verify
     * @throws WrongChannelException                         if the feed is of another channel
     * @throws FeedExpiredException                          if now is at or after its expiry
     * @throws FeedReplayedException                         if it was issued before {@code lastAccepted}
     */
    public ChannelFeed verify(SignedFeed signed, Channel channel, Optional<Instant> lastAccepted) {
        Objects.requireNonNull(lastAccepted, "lastAccepted");
        byte[] bytes = signed.feedBytes();
        hubKeys.verifyFeed(bytes, signed.signature(), channel);
        ChannelFeed feed = ChannelFeed.parse(bytes);
        if (feed.channel() != channel) {
            throw new WrongChannelException(channel, feed.channel());
        }
        Instant now = clock.instant();
        if (!now.isBefore(feed.expiresAt())) {
            throw new FeedExpiredException(channel, feed.expiresAt(), now);
        }
        if (lastAccepted.isPresent() && feed.issuedAt().isBefore(lastAccepted.get())) {
            throw new FeedReplayedException(channel, feed.issuedAt(), lastAccepted.get());
        }
        for (FeedRelease release : feed.releases()) {
            releaseKeys.verifyRelease(release.manifestBytes(), release.manifestSignature(), release.version());
        }
        return feed;
    }
}
