package ru.ksamu.release.signing;

import java.util.Collection;

import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/** A signature by a key that is not pinned. */
public final class UntrustedKeyException extends ReleaseException {

    private final String keyId;
    private final String subject;

    UntrustedKeyException(String keyId, Subject subject, Collection<String> trusted) {
        super(ErrorCode.UNTRUSTED_KEY,
                subject.russian() + ": подписан ключом " + keyId + ", которому нет доверия (доверенные: "
                        + String.join(", ", trusted) + ")",
                subject.english() + ": signed by key " + keyId + ", which is not trusted (trusted: "
                        + String.join(", ", trusted) + ")", null);
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
