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

    /** An instant in the server's zone, as the admin reads it; null shows as empty. */
    public static String shown(Instant i, ZoneId zone) {
        return i == null ? "" : SHOWN.format(i.atZone(zone));
    }
}
