package ru.ksamu.release.bundle;

import java.nio.file.Path;

import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/** A bundle that cannot be read as one: not a folder or zip, a truncated or corrupt zip, no release.json. */
public final class MalformedBundleException extends ReleaseException {

    private final Path bundle;

    MalformedBundleException(Path bundle, String reasonRu, String reasonEn, Throwable cause) {
        super(ErrorCode.MALFORMED_BUNDLE, "Пакет релиза " + bundle + " не читается: " + reasonRu,
                "release bundle " + bundle + " cannot be read: " + reasonEn, cause);
        this.bundle = bundle;
    }

    /** The bundle's location. */
    public Path bundle() {
        return bundle;
    }
}
