package ru.ksamu.server.console;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Date formats of the console, as in the article: {@code 01.06.2024 21:29:00}. */
final class ConsoleFormats {

    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");

    private ConsoleFormats() {
    }

    static String dateTime(ZonedDateTime t) {
        return DATE_TIME.format(t);
    }
}
