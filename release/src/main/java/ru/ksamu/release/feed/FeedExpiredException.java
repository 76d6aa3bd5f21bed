package ru.ksamu.release.feed;

import java.time.Instant;

import ru.ksamu.release.Channel;
import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/** A feed whose validity has ended: an old feed replayed, or a wrong clock on the server. */
public final class FeedExpiredException extends ReleaseException {

    private final Channel channel;
    private final Instant expiresAt;
    private final Instant now;

    FeedExpiredException(Channel channel, Instant expiresAt, Instant now) {
        super(ErrorCode.FEED_EXPIRED,
                "Лента канала " + channel + " истекла в " + expiresAt + " (сейчас " + now
                        + "): возможно, подсунута старая лента или неверны часы сервера",
                "the feed of channel " + channel + " expired at " + expiresAt + " (now " + now
                        + "): an old feed may have been replayed, or the server's clock is wrong", null);
        this.channel = channel;
        this.expiresAt = expiresAt;
        this.now = now;
    }

    /** The feed's channel. */
    public Channel channel() {
        return channel;
    }

    /** When the feed expired. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** The time of the check. */
    public Instant now() {
        return now;
    }
}
