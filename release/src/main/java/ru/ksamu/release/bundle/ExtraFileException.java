package ru.ksamu.release.bundle;

import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/** A file in a bundle that the manifest does not list. */
public final class ExtraFileException extends ReleaseException {

    private final String path;

    ExtraFileException(String path) {
        super(ErrorCode.EXTRA_FILE, "Файл " + path + " лежит в пакете, но его нет в манифесте",
                path + " is in the bundle but not in the manifest", null);
        this.path = path;
    }

    /** The extra file's path. */
    public String path() {
        return path;
    }
}
