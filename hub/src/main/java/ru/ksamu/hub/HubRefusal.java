package ru.ksamu.hub;

import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/**
 * A refusal of the hub itself (not of the release library), with the HTTP status it answers
 * with. The {@link #code()} is one of the shared {@link ErrorCode} names, so the release CLI
 * maps it to its exit code.
 */
public abstract class HubRefusal extends ReleaseException {

    private final int status;

    protected HubRefusal(ErrorCode code, int status, String russian, String english) {
        super(code, russian, english, null);
        this.status = status;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }
}
