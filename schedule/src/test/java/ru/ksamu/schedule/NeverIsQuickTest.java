package ru.ksamu.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schedules that can never fire answer "never" at once. The bound is a guard against a search
 * that walks the grid, not a measurement; the benchmark has the real numbers.
 */
class NeverIsQuickTest {

    private static final Duration GUARD = Duration.ofMillis(200);

    static Stream<Arguments> impossible() {
        return Stream.of(
                Arguments.of("every 2 minutes, every weekday forbidden",
                        base(Periodicity.MINUTES_2, "01.01.2024 0:00:00").withForbiddenWeekdays(EnumSet.allOf(DayOfWeek.class))),
                Arguments.of("daily 03:00, forbidden 00:00–06:00",
                        base(Periodicity.DAY, "01.01.2024 3:00:00").withForbiddenWindow(LocalTime.MIDNIGHT, LocalTime.of(6, 0))),
                Arguments.of("every 30 minutes on :00/:30, forbidden 00:00–23:59",
                        base(Periodicity.MINUTES_30, "01.01.2024 0:00:00").withForbiddenWindow(LocalTime.MIDNIGHT, LocalTime.of(23, 59))),
                // In Berlin the summer points are 4/10/16/22; the window holds them too.
                Arguments.of("every 6 hours at 3/9/15/21, forbidden 02:00–23:00",
                        base(Periodicity.HOURS_6, "01.01.2024 3:00:00").withForbiddenWindow(LocalTime.of(2, 0), LocalTime.of(23, 0))),
                Arguments.of("weekly on Thursday, Thursday forbidden",
                        base(Periodicity.WEEK, "24.04.2014 20:00:00").withForbiddenWeekdays(Set.of(DayOfWeek.THURSDAY))),
                Arguments.of("monthly on the 14th, odd days only",
                        base(Periodicity.MONTH, "14.01.2024 9:00:00").withDays(DayParity.ODD)),
                Arguments.of("once, in the past",
                        base(Periodicity.ONCE, "01.01.2014 12:00:00")));
    }

    static Schedule base(Periodicity periodicity, String start) {
        return Schedule.of("test", "test", ScheduleFormats.parseDateTime(start).orElseThrow(), periodicity);
    }

    @ParameterizedTest(name = "{0} in {2}")
    @MethodSource("impossibleInBothZones")
    void answersNeverWellUnderTheGuard(String description, Schedule schedule, ZoneId zone) {
        ZonedDateTime now = ZonedDateTime.of(2024, 6, 1, 10, 37, 0, 0, zone);
        schedule.nearestStart(now); // load the classes and zone rules before timing

        long started = System.nanoTime();
        boolean never = schedule.nearestStart(now.plusDays(1)).isEmpty();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(never).as(description).isTrue();
        assertThat(took).as(description).isLessThan(GUARD);
    }

    static Stream<Arguments> impossibleInBothZones() {
        return impossible().flatMap(a -> Stream.of("Europe/Moscow", "Europe/Berlin")
                .map(zone -> Arguments.of(a.get()[0], a.get()[1], ZoneId.of(zone))));
    }
}
