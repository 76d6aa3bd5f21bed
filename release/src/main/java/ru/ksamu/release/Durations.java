package ru.ksamu.release;

import java.time.Duration;

/**
 * A duration as an admin writes it on a command line or in the environment: {@code 30} or
 * {@code 30s} seconds, {@code 500ms}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT30S}. The one
 * parser of the launcher's and the supervisor's options.
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
}
