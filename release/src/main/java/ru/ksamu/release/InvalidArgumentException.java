package ru.ksamu.release;

/** An argument other than a version that is refused: a channel, a region code, a key name, a URL. */
public final class InvalidArgumentException extends ReleaseException {

    private final String input;

    /**
     * @param input   the refused input as given
     * @param russian the message in Russian, naming the input
     * @param english the same in English
     */
    public InvalidArgumentException(String input, String russian, String english) {
        super(ErrorCode.INVALID_ARGUMENT, russian, english, null);
        this.input = input;
    }

    /** The refused input as given (may be {@code null}). */
    public String input() {
        return input;
    }
}
