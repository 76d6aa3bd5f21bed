package ru.ksamu.release;

import java.time.Duration;

/**
 * Durations for people. {@link #parse} reads one as an admin writes it on a command line or in the
 * environment: {@code 30} or {@code 30s} seconds, {@code 500ms}, {@code 2m}, {@code 1h}, or ISO-8601
 * {@code PT30S} (the one parser of the launcher's and the supervisor's options). {@link #lasted}
 * writes one as the server's run log, console and the client's windows show it, so all say the same
 * number.
 */
public final class Durations {

    private Durations() {
    }

    /** @throws IllegalArgumentException when {@code value} is none of the forms above */
    public static Duration parse(String value) {
        String v = value == null ? "" : value.strip();
        try {
            if (v.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            if (v.matches("\\d+ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.matches("\\d+[smh]")) {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            return Duration.parse(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + value + "' is not a duration", e);
        }
    }

    /**
     * How long something lasted, as a person reads it: tenths of a second under 10 s ("0,7 с" /
     * "0.7 s", rounded up so a lock never shows as 0 when it was not), whole seconds under a
     * minute ("42 с"), then minutes and seconds ("3 мин 5 с" / "3 min 5 s").
     */
    public static String lasted(Duration d, boolean russian) {
        long millis = Math.max(0, d.toMillis());
        String s = russian ? " с" : " s";
        if (millis < 10_000) {
            long tenths = (millis + 99) / 100;
            return tenths / 10 + (russian ? "," : ".") + tenths % 10 + s;
        }
        long seconds = (millis + 500) / 1000;
        if (seconds < 60) {
            return seconds + s;
        }
        return seconds / 60 + (russian ? " мин " : " min ") + seconds % 60 + s;
    }
}
