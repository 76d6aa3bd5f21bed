package ru.ksamu.client;

import java.time.Duration;
import picocli.CommandLine;
import ru.ksamu.release.Durations;

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
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            // read before --lang is known: both languages
            throw new CommandLine.TypeConversionException(Texts.bothLanguages("option.notADuration", value));
        }
    }
}
