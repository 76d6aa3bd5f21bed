package ru.ksamu.release.manifest;

import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/**
 * Two paths of a release that would be one file on a client: equal, equal but for letter case
 * (Windows, macOS), or one a file and the other inside a folder of the same name.
 */
public final class DuplicatePathException extends ReleaseException {

    private final String path;
    private final String other;

    DuplicatePathException(String path, String other, String russian, String english) {
        super(ErrorCode.DUPLICATE_PATH, russian, english, null);
        this.path = path;
        this.other = other;
    }

    /** The path refused. */
    public String path() {
        return path;
    }

    /** The path it collides with (equal to {@link #path()} for an exact duplicate). */
    public String other() {
        return other;
    }
}
