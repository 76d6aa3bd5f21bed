package ru.ksamu.client.launcher;

import ru.ksamu.client.Texts;

/** An update the launcher will not install: a signature, a listing or a file that does not hold. */
final class UpdateRefusedException extends RuntimeException {

    private final String russian;
    private final String english;

    UpdateRefusedException(String russian, String english, Throwable cause) {
        super(russian + " / " + english, cause);
        this.russian = russian;
        this.english = english;
    }

    /** The refusal in the words of the client's bundles ({@code key} with its arguments). */
    static UpdateRefusedException of(String key, Object... args) {
        return new UpdateRefusedException(Texts.of("ru").get(key, args), Texts.of("en").get(key, args), null);
    }

    String text(boolean english) {
        return english ? this.english : russian;
    }
}
