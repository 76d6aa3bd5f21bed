package ru.ksamu.release.feed;

import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/** A feed or feed envelope that cannot be read, or whose release entries contradict their manifests. */
public final class MalformedFeedException extends ReleaseException {

    MalformedFeedException(String russian, String english) {
        super(ErrorCode.MALFORMED_FEED, russian, english, null);
    }
}
