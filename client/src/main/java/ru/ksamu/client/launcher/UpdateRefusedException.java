package ru.ksamu.client.launcher;

/** An update the launcher will not install: a signature, a listing or a file that does not hold. */
final class UpdateRefusedException extends RuntimeException {

    private final String russian;
    private final String english;

    UpdateRefusedException(String russian, String english, Throwable cause) {
        super(russian + " / " + english, cause);
        this.russian = russian;
        this.english = english;
    }

    String text(boolean english) {
        return english ? this.english : russian;
    }
}
