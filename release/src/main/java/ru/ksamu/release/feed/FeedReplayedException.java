package ru.ksamu.release.feed;

import java.time.Instant;

import ru.ksamu.release.Channel;
import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/** A feed issued before the last one the server accepted: an older feed replayed to hide a release. */
public final class FeedReplayedException extends ReleaseException {

    private final Channel channel;
    private final Instant issuedAt;
    private final Instant lastAccepted;

    FeedReplayedException(Channel channel, Instant issuedAt, Instant lastAccepted) {
        super(ErrorCode.FEED_REPLAYED,
                "Лента канала " + channel + " выпущена в " + issuedAt + ", раньше уже принятой ("
                        + lastAccepted + "): повтор старой ленты отвергнут",
                "the feed of channel " + channel + " was issued at " + issuedAt
                        + ", before the one already accepted (" + lastAccepted + "): a replayed older feed is refused",
                null);
        this.channel = channel;
        this.issuedAt = issuedAt;
        this.lastAccepted = lastAccepted;
    }

    /** The feed's channel. */
    public Channel channel() {
        return channel;
    }

    /** When the refused feed was issued. */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** When the last accepted feed was issued. */
    public Instant lastAccepted() {
        return lastAccepted;
    }
}
