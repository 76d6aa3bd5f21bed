package ru.ksamu.release.manifest;

import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/** A release.json that cannot be read: bad JSON, missing or unknown fields, values that break a rule. */
public final class MalformedManifestException extends ReleaseException {

    MalformedManifestException(String russian, String english) {
        super(ErrorCode.MALFORMED_MANIFEST, russian, english, null);
    }
}
