package ru.ksamu.hub.feeds;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.release.feed.ChannelFeed;

/**
 * {@code ksamu.hub.feed.*}: the key that signs feeds, how long a feed is valid, how many
 * releases it lists.
 *
 * @param keyFile     the hub's private key file; empty means {@code <data-dir>/keys/hub.key}, made on first start
 * @param validity    how long a signed feed is valid
 * @param maxReleases most releases in one feed (the newest)
 */
@ConfigurationProperties("ksamu.hub.feed")
record FeedSettings(String keyFile, Duration validity, Integer maxReleases) {

    static final String PREFIX = "ksamu.hub.feed.";
    static final Duration DEFAULT_VALIDITY = ChannelFeed.DEFAULT_VALIDITY;
    static final int DEFAULT_MAX_RELEASES = 20;
    /** Shortest validity: a feed is re-signed at half of it, so shorter would re-sign too often. */
    static final Duration MIN_VALIDITY = Duration.ofMinutes(1);

    FeedSettings {
        keyFile = keyFile == null ? "" : keyFile.strip();
        validity = validity == null ? DEFAULT_VALIDITY : validity;
        maxReleases = maxReleases == null ? DEFAULT_MAX_RELEASES : maxReleases;
        if (validity.compareTo(MIN_VALIDITY) < 0) {
            throw new InvalidSettingException(PREFIX + "validity", validity.toString(),
                    "срок действия ленты должен быть не меньше " + MIN_VALIDITY.toMinutes() + " минуты",
                    "a feed must be valid for at least " + MIN_VALIDITY.toMinutes() + " minute");
        }
        if (maxReleases < 1 || maxReleases > 1000) {
            throw new InvalidSettingException(PREFIX + "max-releases", maxReleases.toString(),
                    "нужно число от 1 до 1000", "expected a number from 1 to 1000");
        }
    }
}
