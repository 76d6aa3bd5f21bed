package ru.ksamu.release.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import ru.ksamu.release.Channel;
import ru.ksamu.release.InvalidArgumentException;

/**
 * The releases the hub offers in one channel, as of {@code issuedAt}, valid until
 * {@code expiresAt}. The hub signs its {@link #toCanonicalJson() canonical bytes} (see
 * {@link SignedFeed}); a server accepts it only through {@link FeedVerifier}.
 *
 * @param channel   the channel
 * @param issuedAt  when the hub made it
 * @param expiresAt when it stops being valid, after {@code issuedAt}
 * @param releases  the releases, sorted by version, no version twice
 */
public record ChannelFeed(Channel channel, Instant issuedAt, Instant expiresAt, List<FeedRelease> releases) {

    /** Default validity of a feed: 24 hours. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);
    /** The version of the feed's JSON layout, written as its {@code format} field. */
    public static final int FORMAT = 1;
    /** Largest feed read, in bytes; the hub should keep feeds far smaller (recent releases only). */
    public static final int MAX_BYTES = 64 << 20;

    /** Checks the times and sorts the releases by version, refusing a version listed twice. */
    public ChannelFeed {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new MalformedFeedException(
                    "Лента канала " + channel + ": срок действия " + expiresAt + " не позже выпуска " + issuedAt,
                    "feed of channel " + channel + ": expiry " + expiresAt + " is not after issue " + issuedAt);
        }
        releases = releases.stream().sorted(Comparator.comparing(FeedRelease::version)).toList();
        Set<Object> versions = new HashSet<>();
        for (FeedRelease release : releases) {
            if (!versions.add(release.version())) {
                throw new MalformedFeedException(
                        "Лента канала " + channel + ": версия " + release.version() + " указана дважды",
                        "feed of channel " + channel + ": version " + release.version() + " is listed twice");
            }
        }
    }

    /** A feed issued now by the clock, valid for {@link #DEFAULT_VALIDITY}. */
    public static ChannelFeed issue(Channel channel, List<FeedRelease> releases, Clock clock) {
        return issue(channel, releases, clock, DEFAULT_VALIDITY);
    }

    /** A feed issued now by the clock, valid for the given positive duration. */
    public static ChannelFeed issue(Channel channel, List<FeedRelease> releases, Clock clock, Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new InvalidArgumentException(validity.toString(),
                    "Срок действия ленты должен быть положительным: " + validity,
                    "a feed's validity must be positive: " + validity);
        }
        Instant now = clock.instant();
        return new ChannelFeed(channel, now, now.plus(validity), releases);
    }

    /** The canonical UTF-8 JSON: fixed field order, no whitespace; these bytes are what the hub signs. */
    public byte[] toCanonicalJson() {
        return FeedJson.write(this);
    }

    /**
     * Reads a feed strictly (unknown or missing fields refused, each release's metadata must
     * match its manifest). This does not check any signature: use {@link FeedVerifier}.
     *
     * @throws MalformedFeedException naming the field
     */
    public static ChannelFeed parse(byte[] json) {
        return FeedJson.read(json);
    }
}
