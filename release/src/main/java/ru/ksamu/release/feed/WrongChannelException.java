package ru.ksamu.release.feed;

import ru.ksamu.release.Channel;
import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/** A validly signed feed of another channel than the one asked for (e.g. test served as stable). */
public final class WrongChannelException extends ReleaseException {

    private final Channel expected;
    private final Channel actual;

    WrongChannelException(Channel expected, Channel actual) {
        super(ErrorCode.FEED_WRONG_CHANNEL,
                "Запрошена лента канала " + expected + ", а получена лента канала " + actual,
                "asked for the feed of channel " + expected + " but got the feed of channel " + actual, null);
        this.expected = expected;
        this.actual = actual;
    }

    /** The channel asked for. */
    public Channel expected() {
        return expected;
    }

    /** The channel of the feed received. */
    public Channel actual() {
        return actual;
    }
}
