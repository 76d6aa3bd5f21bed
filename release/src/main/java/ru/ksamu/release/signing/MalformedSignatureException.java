package ru.ksamu.release.signing;

import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/** A signature text (release.sig, a feed's signature) that is not {@code <key id> <Base64>}. */
public final class MalformedSignatureException extends ReleaseException {

    private final String source;

    MalformedSignatureException(String source, String reasonRu, String reasonEn) {
        super(ErrorCode.MALFORMED_SIGNATURE, "Подпись " + source + " не читается: " + reasonRu,
                "signature " + source + " cannot be read: " + reasonEn, null);
        this.source = source;
    }

    /** Where the signature came from. */
    public String source() {
        return source;
    }
}
