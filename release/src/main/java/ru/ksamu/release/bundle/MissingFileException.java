package ru.ksamu.release.bundle;

import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/** A file the manifest lists that the bundle does not hold. */
public final class MissingFileException extends ReleaseException {

    private final String path;

    MissingFileException(String path) {
        super(ErrorCode.MISSING_FILE, "Файла " + path + " из манифеста нет в пакете",
                path + " is listed in the manifest but missing from the bundle", null);
        this.path = path;
    }

    /** The missing file's path. */
    public String path() {
        return path;
    }
}
