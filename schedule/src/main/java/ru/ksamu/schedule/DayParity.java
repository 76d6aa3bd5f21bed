package ru.ksamu.schedule;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * On which days of the month a task may run: the editor's "Выполнять по дням" (Все / Чётные /
 * Нечётные). Parity is that of the local day of month, so the 31st and the following 1st are
 * both odd.
 */
public enum DayParity {
    ALL("ALL", "Все", "Все дни", "All", "All days"),
    EVEN("EVEN", "Чётные", "Чётные дни", "Even", "Even days"),
    ODD("ODD", "Нечётные", "Нечётные дни", "Odd", "Odd days");

    private final String wireName;
    private final String editorRu;
    private final String tableRu;
    private final String editorEn;
    private final String tableEn;

    DayParity(String wireName, String editorRu, String tableRu, String editorEn, String tableEn) {
        this.wireName = wireName;
        this.editorRu = editorRu;
        this.tableRu = tableRu;
        this.editorEn = editorEn;
        this.tableEn = tableEn;
    }

    /** The stable name used in storage and over the wire: {@code ALL}, {@code EVEN} or {@code ODD}. */
    public String wireName() {
        return wireName;
    }

    /** The value with this exact wire name, or empty when there is none. */
    public static Optional<DayParity> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(wireName)).findFirst();
    }

    /** The editor's label ("Чётные"); Russian for a {@code ru} locale, English otherwise. */
    public String editorLabel(Locale locale) {
        return ScheduleFormats.isRussian(locale) ? editorRu : editorEn;
    }

    /** The task table's label ("Чётные дни"); Russian for a {@code ru} locale, English otherwise. */
    public String tableLabel(Locale locale) {
        return ScheduleFormats.isRussian(locale) ? tableRu : tableEn;
    }

    boolean allows(int dayOfMonth) {
        return switch (this) {
            case ALL -> true;
            case EVEN -> dayOfMonth % 2 == 0;
            case ODD -> dayOfMonth % 2 == 1;
        };
    }
}
