package ru.ksamu.client;

import java.time.Duration;
import picocli.CommandLine;

/**
 * A duration on the command line or in the environment: {@code 30} or {@code 30s} seconds,
 * {@code 500ms}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT30S}.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** @throws CommandLine.TypeConversionException naming the value and what is expected */
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
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: expected e.g. 30s, 500ms, 2m or PT30S"
                    + " / ожидается длительность, например 30s, 500ms, 2m");
        }
    }
}
