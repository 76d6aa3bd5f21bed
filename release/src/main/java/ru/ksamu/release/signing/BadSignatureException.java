package ru.ksamu.release.signing;

import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/** A signature by a trusted key that does not verify: the signed bytes or the signature were changed. */
public final class BadSignatureException extends ReleaseException {

    private final String keyId;
    private final String subject;

    BadSignatureException(String keyId, Subject subject) {
        super(ErrorCode.BAD_SIGNATURE,
                subject.russian() + ": подпись ключом " + keyId
                        + " не сходится (содержимое изменено или подпись повреждена)",
                subject.english() + ": the signature by key " + keyId
                        + " does not verify (the content was changed or the signature is damaged)", null);
        this.keyId = keyId;
        this.subject = subject.english();
    }

    /** The id of the key the signature names. */
    public String keyId() {
        return keyId;
    }

    /** What was signed, e.g. {@code release 6.0.51.22966}. */
    public String subject() {
        return subject;
    }
}
