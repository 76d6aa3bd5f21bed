package ru.ksamu.release;

import ru.ksamu.release.internal.Texts;

/** A version string that is not four non-negative integers a.b.c.d. */
public final class InvalidVersionException extends ReleaseException {

    private final String input;

    InvalidVersionException(String input, String reasonRu, String reasonEn) {
        super(ErrorCode.INVALID_VERSION,
                "Неверная версия " + Texts.quote(input) + ": " + reasonRu,
                "invalid version " + Texts.quote(input) + ": " + reasonEn, null);
        this.input = input;
    }

    /** The refused input as given (may be {@code null}). */
    public String input() {
        return input;
    }
}
