package ru.ksamu.release.internal;

/** Message text helpers: inputs are quoted safely so that a hostile name cannot forge log lines. */
public final class Texts {

    /** Longest part of an input shown in a message; the rest is elided. */
    static final int MAX_QUOTED = 200;

    private Texts() {
    }

    /**
     * Quotes an input for a message: in double quotes, control characters escaped as
     * {@code \\uXXXX}, cut after {@value #MAX_QUOTED} characters; {@code null} becomes
     * {@code null} without quotes.
     */
    public static String quote(String input) {
        if (input == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(input.length(), MAX_QUOTED) + 8).append('"');
        for (int i = 0; i < input.length(); i++) {
            if (i == MAX_QUOTED) {
                out.append('…');
                break;
            }
            char ch = input.charAt(i);
            if (Character.isISOControl(ch) || ch == '\u2028' || ch == '\u2029') {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }
}
