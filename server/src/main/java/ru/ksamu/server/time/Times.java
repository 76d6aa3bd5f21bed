package ru.ksamu.server.time;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The server's one way to store instants (UTC) and to show them to an admin ({@code 01.06.2024 21:29:00}). */
public final class Times {

    /** How the console and the run log show a moment, as the article does. */
    public static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");

    private Times() {
    }

    /** An instant as a UTC timestamp for a {@code TIMESTAMP WITH TIME ZONE} column; null stays null. */
    public static OffsetDateTime utc(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
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

    /** An instant in the server's zone, as the admin reads it; null shows as empty. */
    public static String shown(Instant i, ZoneId zone) {
        return i == null ? "" : SHOWN.format(i.atZone(zone));
    }
}
