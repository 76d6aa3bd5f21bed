package ru.ksamu.server.console;

import java.time.ZonedDateTime;
import ru.ksamu.server.time.Times;

/** Date formats of the console, as in the article: {@code 01.06.2024 21:29:00}. */
final class ConsoleFormats {


    private ConsoleFormats() {
    }

    static String dateTime(ZonedDateTime t) {
        return Times.SHOWN.format(t);
    }
}
