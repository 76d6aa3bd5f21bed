package ru.ksamu.schedule;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How often a task repeats: the editor's "Запуск задачи" list.
 *
 * <p>Minute and hour periods are fixed durations on the instant timeline (across a DST change
 * they keep real elapsed time). {@link #DAY}, {@link #WEEK} and {@link #MONTH} are calendar
 * periods in the server's zone: they keep the wall-clock time. Each value has a stable
 * {@linkplain #wireName() wire name} for storage and HTTP, an editor label and a table label
 * (the article's table writes "Один раз в день" where the editor writes "Каждый день").
 */
public enum Periodicity {
    /** Runs once, at the start date-time. */
    ONCE("ONCE", 0, "Однократно", "Однократно", "Once", "Once"),
    MINUTES_2("MINUTES_2", 2 * 60, "Каждые 2 минуты", "Каждые 2 минуты", "Every 2 minutes", "Every 2 minutes"),
    MINUTES_5("MINUTES_5", 5 * 60, "Каждые 5 минут", "Каждые 5 минут", "Every 5 minutes", "Every 5 minutes"),
    MINUTES_10("MINUTES_10", 10 * 60, "Каждые 10 минут", "Каждые 10 минут", "Every 10 minutes", "Every 10 minutes"),
    MINUTES_15("MINUTES_15", 15 * 60, "Каждые 15 минут", "Каждые 15 минут", "Every 15 minutes", "Every 15 minutes"),
    MINUTES_30("MINUTES_30", 30 * 60, "Каждые 30 минут", "Каждые 30 минут", "Every 30 minutes", "Every 30 minutes"),
    HOUR_1("HOUR_1", 3600, "Каждый час", "Каждый час", "Every hour", "Every hour"),
    HOURS_3("HOURS_3", 3 * 3600, "Каждые 3 часа", "Каждые 3 часа", "Every 3 hours", "Every 3 hours"),
    HOURS_6("HOURS_6", 6 * 3600, "Каждые 6 часов", "Каждые 6 часов", "Every 6 hours", "Every 6 hours"),
    /** Every day at the start's wall-clock time. */
    DAY("DAY", 0, "Каждый день", "Один раз в день", "Every day", "Once a day"),
    /** Every week on the start's weekday and wall-clock time. */
    WEEK("WEEK", 0, "Каждую неделю", "Один раз в неделю", "Every week", "Once a week"),
    /** Every month on the start's day of month (clamped to the month's last day). */
    MONTH("MONTH", 0, "Каждый месяц", "Один раз в месяц", "Every month", "Once a month");

    /** Offsets of calendar periods stay below their shortest length; a month counts as 28 days. */
    private static final long DAY_SECONDS = 86_400;

    private final String wireName;
    private final long fixedSeconds;
    private final String editorRu;
    private final String tableRu;
    private final String editorEn;
    private final String tableEn;

    Periodicity(String wireName, long fixedSeconds, String editorRu, String tableRu, String editorEn, String tableEn) {
        this.wireName = wireName;
        this.fixedSeconds = fixedSeconds;
        this.editorRu = editorRu;
        this.tableRu = tableRu;
        this.editorEn = editorEn;
        this.tableEn = tableEn;
    }

    /** The stable name used in storage and over the wire, e.g. {@code MINUTES_30}. */
    public String wireName() {
        return wireName;
    }

    /** The value with this exact wire name, or empty when there is none. */
    public static Optional<Periodicity> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(wireName)).findFirst();
    }

    /** The editor's label ("Каждый день"); Russian for a {@code ru} locale, English otherwise. */
    public String editorLabel(Locale locale) {
        return ScheduleFormats.isRussian(locale) ? editorRu : editorEn;
    }

    /** The task table's label ("Один раз в день"); Russian for a {@code ru} locale, English otherwise. */
    public String tableLabel(Locale locale) {
        return ScheduleFormats.isRussian(locale) ? tableRu : tableEn;
    }

    /** True for the calendar periods DAY, WEEK and MONTH. */
    boolean isCalendar() {
        return this == DAY || this == WEEK || this == MONTH;
    }

    /** The fixed period in seconds for minute and hour periods; 0 for ONCE and calendar periods. */
    long fixedSeconds() {
        return fixedSeconds;
    }

    /**
     * The exclusive upper bound of a per-installation offset: the period itself, 28 days for a
     * month (its shortest length), zero for ONCE (which takes no offset).
     */
    Duration offsetBound() {
        return switch (this) {
            case ONCE -> Duration.ZERO;
            case DAY -> Duration.ofSeconds(DAY_SECONDS);
            case WEEK -> Duration.ofSeconds(7 * DAY_SECONDS);
            case MONTH -> Duration.ofSeconds(28 * DAY_SECONDS);
            default -> Duration.ofSeconds(fixedSeconds);
        };
    }
}
