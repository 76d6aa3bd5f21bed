package ru.ksamu.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The article's Figure 1 table, read at 01.06.2024 10:37:00 Moscow time. */
class ArticleTableTest {

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    static final ZonedDateTime NOW = ZonedDateTime.of(at("01.06.2024 10:37:00"), MOSCOW);
    static final Locale RU = Locale.forLanguageTag("ru");

    static LocalDateTime at(String text) {
        return ScheduleFormats.parseDateTime(text).orElseThrow();
    }

    static String nearestCell(Schedule schedule) {
        return schedule.nearestStart(NOW).map(z -> ScheduleFormats.formatDateTime(z.toLocalDateTime())).orElse("");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            Сервисное обслуживание БД  | 24.04.2014 20:00:00 | WEEK       | Один раз в неделю | 06.06.2024 20:00:00
            Отправка статистики        | 01.01.2014 0:07:51  | MINUTES_15 | Каждые 15 минут   | 01.06.2024 10:37:51
            Валидация БД, Главная база | 01.01.2014 3:00:00  | DAY        | Один раз в день   | 02.06.2024 3:00:00
            Бэкап "Главной базы"       | 01.01.2014 21:00:00 | DAY        | Один раз в день   | 01.06.2024 21:00:00
            Бэкап "Базы печатных форм" | 01.01.2014 12:00:00 | ONCE       | Однократно        |
            Обрезка БД логов           | 18.06.2014 16:00:10 | DAY        | Один раз в день   | 01.06.2024 16:00:10
            Синхронизация              | 18.06.2014 0:00:30  | MINUTES_5  | Каждые 5 минут    | 01.06.2024 10:40:30
            Обновление Сервера КСАМУ   | 01.01.2016 0:05:00  | MINUTES_30 | Каждые 30 минут   | 01.06.2024 11:05:00
            """)
    void tasksWithoutExclusionsStartWhereTheArticleSays(String name, String start, String periodicity,
                                                         String tableLabel, String expectedNearest) {
        Periodicity p = Periodicity.fromWireName(periodicity).orElseThrow();
        Schedule schedule = Schedule.of("article", name, at(start), p);

        assertThat(ScheduleFormats.formatDateTime(schedule.start())).isEqualTo(start);
        assertThat(p.tableLabel(RU)).isEqualTo(tableLabel);
        assertThat(schedule.days().tableLabel(RU)).isEqualTo("Все дни");
        assertThat(ScheduleFormats.formatTableTime(schedule.forbiddenFrom())).isEqualTo("0:00:00");
        assertThat(ScheduleFormats.formatTableTime(schedule.forbiddenTo())).isEqualTo("0:00:00");
        assertThat(ScheduleFormats.forbiddenWeekdays(schedule.forbiddenWeekdays(), RU)).isEqualTo("Нет");
        assertThat(nearestCell(schedule)).isEqualTo(expectedNearest == null ? "" : expectedNearest);
    }

    @Test
    void cloudUpdateWithATwentyOneMinuteOffsetStartsAt2129AfterTheWindow() {
        Schedule cloud = Schedule.of("cloud-update", "Обновление КСАМУ из облака", at("01.01.2016 0:08:00"),
                        Periodicity.MINUTES_30)
                .withForbiddenWindow(LocalTime.of(6, 0), LocalTime.of(21, 0))
                .withOffset(Duration.ofMinutes(21));

        assertThat(nearestCell(cloud)).isEqualTo("01.06.2024 21:29:00");
        assertThat(ScheduleFormats.formatTableTime(cloud.forbiddenFrom())).isEqualTo("6:00:00");
        assertThat(ScheduleFormats.formatTableTime(cloud.forbiddenTo())).isEqualTo("21:00:00");
        assertThat(Periodicity.MINUTES_30.tableLabel(RU)).isEqualTo("Каждые 30 минут");
    }

    @Test
    void cloudUpdateWithoutOffsetWouldStartOnTheBareGridAt2108() {
        Schedule bare = Schedule.of("cloud-update", "Обновление КСАМУ из облака", at("01.01.2016 0:08:00"),
                Periodicity.MINUTES_30).withForbiddenWindow(LocalTime.of(6, 0), LocalTime.of(21, 0));

        assertThat(nearestCell(bare)).isEqualTo("01.06.2024 21:08:00");
    }

    @Test
    void weeklyMaintenanceStaysOnThursdayTheStartsWeekday() {
        Optional<ZonedDateTime> next = Schedule.of("db-maintenance", "Сервисное обслуживание БД",
                at("24.04.2014 20:00:00"), Periodicity.WEEK).nearestStart(NOW);

        assertThat(at("24.04.2014 20:00:00").getDayOfWeek()).isEqualTo(java.time.DayOfWeek.THURSDAY);
        assertThat(next).map(ZonedDateTime::getDayOfWeek).contains(java.time.DayOfWeek.THURSDAY);
    }
}
