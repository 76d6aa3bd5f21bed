package ru.ksamu.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The article's words and formats, in Russian with English beside. */
class LabelsAndFormatsTest {

    static final Locale RU = Locale.forLanguageTag("ru-RU");

    @Test
    void periodicityLabelsAreTheEditorsAndTheTables() {
        assertThat(Arrays.stream(Periodicity.values()).map(p -> p.editorLabel(RU))).containsExactly(
                "Однократно", "Каждые 2 минуты", "Каждые 5 минут", "Каждые 10 минут", "Каждые 15 минут",
                "Каждые 30 минут", "Каждый час", "Каждые 3 часа", "Каждые 6 часов", "Каждый день",
                "Каждую неделю", "Каждый месяц");
        assertThat(Periodicity.DAY.tableLabel(RU)).isEqualTo("Один раз в день");
        assertThat(Periodicity.WEEK.tableLabel(RU)).isEqualTo("Один раз в неделю");
        assertThat(Periodicity.MINUTES_15.tableLabel(RU)).isEqualTo("Каждые 15 минут");
        assertThat(Periodicity.ONCE.tableLabel(RU)).isEqualTo("Однократно");
        assertThat(Periodicity.HOURS_6.editorLabel(Locale.ENGLISH)).isEqualTo("Every 6 hours");
        assertThat(Periodicity.DAY.tableLabel(Locale.GERMAN)).isEqualTo("Once a day");
    }

    @Test
    void wireNamesAreStableAndRoundTrip() {
        assertThat(Arrays.stream(Periodicity.values()).map(Periodicity::wireName)).containsExactly(
                "ONCE", "MINUTES_2", "MINUTES_5", "MINUTES_10", "MINUTES_15", "MINUTES_30", "HOUR_1", "HOURS_3",
                "HOURS_6", "DAY", "WEEK", "MONTH");
        for (Periodicity p : Periodicity.values()) {
            assertThat(Periodicity.fromWireName(p.wireName())).contains(p);
        }
        assertThat(Periodicity.fromWireName("DAILY")).isEmpty();
        assertThat(Periodicity.fromWireName(null)).isEmpty();
        assertThat(DayParity.fromWireName("ODD")).contains(DayParity.ODD);
        assertThat(DayParity.fromWireName("odd")).isEmpty();
    }

    @Test
    void dayParityLabels() {
        assertThat(Arrays.stream(DayParity.values()).map(d -> d.editorLabel(RU))).containsExactly("Все", "Чётные", "Нечётные");
        assertThat(Arrays.stream(DayParity.values()).map(d -> d.tableLabel(RU)))
                .containsExactly("Все дни", "Чётные дни", "Нечётные дни");
        assertThat(DayParity.EVEN.tableLabel(Locale.ENGLISH)).isEqualTo("Even days");
    }

    @Test
    void weekdayNames() {
        assertThat(Arrays.stream(DayOfWeek.values()).map(d -> ScheduleFormats.weekdayName(d, RU))).containsExactly(
                "Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье");
        assertThat(Arrays.stream(DayOfWeek.values()).map(d -> ScheduleFormats.weekdayShort(d, RU)))
                .containsExactly("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс");
        assertThat(ScheduleFormats.weekdayShort(DayOfWeek.SUNDAY, Locale.ENGLISH)).isEqualTo("Sun");
        assertThat(ScheduleFormats.forbiddenWeekdays(Set.of(), RU)).isEqualTo("Нет");
        assertThat(ScheduleFormats.forbiddenWeekdays(Set.of(), Locale.ENGLISH)).isEqualTo("None");
        assertThat(ScheduleFormats.forbiddenWeekdays(EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY), RU)).isEqualTo("Пн, Вс");
    }

    @Test
    void dateTimesAreWrittenAsInTheArticle() {
        assertThat(ScheduleFormats.formatDateTime(LocalDateTime.of(2024, 6, 1, 21, 29))).isEqualTo("01.06.2024 21:29:00");
        assertThat(ScheduleFormats.formatDateTime(LocalDateTime.of(2024, 6, 1, 3, 0))).isEqualTo("01.06.2024 3:00:00");
        assertThat(ScheduleFormats.formatDateTime(LocalDateTime.of(2014, 1, 1, 0, 7, 51))).isEqualTo("01.01.2014 0:07:51");
    }

    @Test
    void dateTimesAreReadStrictly() {
        LocalDateTime three = LocalDateTime.of(2024, 6, 1, 3, 0);
        assertThat(ScheduleFormats.parseDateTime("01.06.2024 3:00:00")).contains(three);
        assertThat(ScheduleFormats.parseDateTime(" 01.06.2024 03:00:00 ")).contains(three);
        assertThat(ScheduleFormats.parseDateTime("01.06.2024 03:00")).contains(three);
        assertThat(ScheduleFormats.parseDateTime("29.02.2023 3:00:00")).isEmpty();
        assertThat(ScheduleFormats.parseDateTime("1.6.2024 3:00:00")).isEmpty();
        assertThat(ScheduleFormats.parseDateTime("2024-06-01T03:00")).isEmpty();
        assertThat(ScheduleFormats.parseDateTime(null)).isEmpty();
    }

    @Test
    void windowBoundsInTheEditorAndInTheTable() {
        assertThat(ScheduleFormats.formatWindowBound(LocalTime.of(6, 0))).isEqualTo("06:00");
        assertThat(ScheduleFormats.formatWindowBound(LocalTime.of(6, 0, 30))).isEqualTo("06:00:30");
        assertThat(ScheduleFormats.formatTableTime(LocalTime.of(6, 0))).isEqualTo("6:00:00");
        assertThat(ScheduleFormats.formatTableTime(LocalTime.MIDNIGHT)).isEqualTo("0:00:00");
        assertThat(ScheduleFormats.parseWindowBound("06:00")).contains(LocalTime.of(6, 0));
        assertThat(ScheduleFormats.parseWindowBound("6:00")).contains(LocalTime.of(6, 0));
        assertThat(ScheduleFormats.parseWindowBound("21:00:00")).contains(LocalTime.of(21, 0));
        assertThat(ScheduleFormats.parseWindowBound("24:00")).isEmpty();
        assertThat(ScheduleFormats.parseWindowBound("6.00")).isEmpty();
        assertThat(ScheduleFormats.parseWindowBound("")).isEmpty();
    }
}
