package ru.ksamu.release.signing;

import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/** A key file or key text that cannot be read as an Ed25519 key with its id. */
public final class MalformedKeyException extends ReleaseException {

    private final String source;

    MalformedKeyException(String source, String reasonRu, String reasonEn, Throwable cause) {
        super(ErrorCode.MALFORMED_KEY, "Ключ " + source + " не читается: " + reasonRu,
                "key " + source + " cannot be read: " + reasonEn, cause);
        this.source = source;
    }

    /** Where the key came from: a file name or a setting. */
    public String source() {
        return source;
    }
}
