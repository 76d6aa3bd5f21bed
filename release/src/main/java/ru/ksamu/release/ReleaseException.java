package ru.ksamu.release;

import java.util.Objects;

/**
 * The root of every refusal of the release library. Unchecked; each subclass is named for its
 * failure and carries the offending input as fields. The message is Russian first, then English
 * after {@code " / "}, and names the input.
 */
public abstract class ReleaseException extends RuntimeException {

    private final ErrorCode code;
    private final String russian;
    private final String english;

    /**
     * @param code    the stable code of this refusal
     * @param russian the message in Russian, naming the input
     * @param english the same message in English
     * @param cause   the underlying failure, or {@code null}
     */
    protected ReleaseException(ErrorCode code, String russian, String english, Throwable cause) {
        super(russian + " / " + english, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.russian = russian;
        this.english = english;
    }

    /** The stable code of this refusal. */
    public ErrorCode code() {
        return code;
    }

    /** The Russian half of the message. */
    public String russian() {
        return russian;
    }

    /** The English half of the message. */
    public String english() {
        return english;
    }
}
