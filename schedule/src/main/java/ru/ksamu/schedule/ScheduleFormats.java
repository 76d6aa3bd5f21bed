package ru.ksamu.schedule;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The article's formats: date-times as {@code 01.06.2024 21:29:00} and {@code 01.06.2024 3:00:00}
 * (hour without a leading zero), window bounds as {@code 06:00} in the editor and {@code 6:00:00}
 * in the table, weekday names and the table's "Нет" for no forbidden weekday.
 */
public final class ScheduleFormats {

    /** Pattern of {@link #formatDateTime}: {@code dd.MM.yyyy H:mm:ss}. */
    public static final String DATE_TIME_PATTERN = "dd.MM.yyyy H:mm:ss";

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.uuuu H:mm:ss");
    private static final DateTimeFormatter DATE_TIME_INPUT =
            DateTimeFormatter.ofPattern("dd.MM.uuuu H:mm[:ss]").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TABLE_TIME = DateTimeFormatter.ofPattern("H:mm:ss");
    private static final DateTimeFormatter EDITOR_TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter EDITOR_TIME_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter TIME_INPUT =
            DateTimeFormatter.ofPattern("H:mm[:ss]").withResolverStyle(ResolverStyle.STRICT);

    private static final String[] WEEKDAYS_RU =
            {"Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"};
    private static final String[] WEEKDAYS_RU_SHORT = {"Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"};
    private static final String[] WEEKDAYS_EN =
            {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    private static final String[] WEEKDAYS_EN_SHORT = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    private ScheduleFormats() {
    }

    /** {@code 01.06.2024 21:29:00}; {@code 01.06.2024 3:00:00} for 03:00. */
    public static String formatDateTime(LocalDateTime dateTime) {
        return DATE_TIME.format(dateTime);
    }

    /**
     * Parses {@code dd.MM.yyyy H:mm:ss}; a leading zero on the hour and omitted seconds are
     * accepted ({@code 01.06.2024 03:00}). Empty for anything else, including impossible dates.
     */
    public static Optional<LocalDateTime> parseDateTime(String text) {
        return parse(text, DATE_TIME_INPUT).map(LocalDateTime::from);
    }

    /** A window bound as the editor shows it: {@code 06:00} ({@code 06:00:30} if it has seconds). */
    public static String formatWindowBound(LocalTime time) {
        return (time.getSecond() == 0 ? EDITOR_TIME : EDITOR_TIME_SECONDS).format(time);
    }

    /** A window bound as the table shows it: {@code 6:00:00}. */
    public static String formatTableTime(LocalTime time) {
        return TABLE_TIME.format(time);
    }

    /** Parses a window bound: {@code 06:00}, {@code 6:00} or the table's {@code 6:00:00}. */
    public static Optional<LocalTime> parseWindowBound(String text) {
        return parse(text, TIME_INPUT).map(LocalTime::from);
    }

    /** The editor's weekday name: Понедельник … Воскресенье, or Monday … Sunday. */
    public static String weekdayName(DayOfWeek day, Locale locale) {
        return (isRussian(locale) ? WEEKDAYS_RU : WEEKDAYS_EN)[day.getValue() - 1];
    }

    /** The short weekday name: Пн … Вс, or Mon … Sun. */
    public static String weekdayShort(DayOfWeek day, Locale locale) {
        return (isRussian(locale) ? WEEKDAYS_RU_SHORT : WEEKDAYS_EN_SHORT)[day.getValue() - 1];
    }

    /** The table's "Запрет запуска по дням недели" cell: "Нет" ("None"), or "Пн, Ср" in weekday order. */
    public static String forbiddenWeekdays(Set<DayOfWeek> days, Locale locale) {
        if (days.isEmpty()) {
            return isRussian(locale) ? "Нет" : "None";
        }
        return new TreeSet<>(days).stream().map(d -> weekdayShort(d, locale)).collect(Collectors.joining(", "));
    }

    /** Russian for a {@code ru} locale, English for every other: one rule for every label here. */
    static boolean isRussian(Locale locale) {
        return "ru".equals(locale.getLanguage());
    }

    private static Optional<TemporalAccessor> parse(String text, DateTimeFormatter formatter) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(formatter.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
