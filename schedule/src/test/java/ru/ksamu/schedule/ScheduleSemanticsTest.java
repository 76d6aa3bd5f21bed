package ru.ksamu.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The schedule rules one at a time, with hand-checked answers. */
class ScheduleSemanticsTest {

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Schedule schedule(String start, Periodicity periodicity) {
        return Schedule.of("test", "test", local(start), periodicity);
    }

    static LocalDateTime local(String text) {
        return ScheduleFormats.parseDateTime(text).orElseThrow();
    }

    static ZonedDateTime at(String text, ZoneId zone) {
        return ZonedDateTime.of(local(text), zone);
    }

    /** The nearest start as the table shows it, with the UTC offset so DST answers are unambiguous. */
    static String nearest(Schedule schedule, ZonedDateTime now) {
        return schedule.nearestStart(now)
                .map(z -> ScheduleFormats.formatDateTime(z.toLocalDateTime()) + " " + z.getOffset())
                .orElse("never");
    }

    @Nested
    class Grid {
        @Test
        void aPointEqualToNowIsDueNow() {
            Schedule every5 = schedule("01.01.2024 0:00:00", Periodicity.MINUTES_5);
            assertThat(nearest(every5, at("01.06.2024 10:40:00", MOSCOW))).isEqualTo("01.06.2024 10:40:00 +03:00");
        }

        @Test
        void aFractionOfASecondPastAPointWaitsForTheNext() {
            Schedule every5 = schedule("01.01.2024 0:00:00", Periodicity.MINUTES_5);
            ZonedDateTime justAfter = at("01.06.2024 10:40:00", MOSCOW).plusNanos(1);
            assertThat(nearest(every5, justAfter)).isEqualTo("01.06.2024 10:45:00 +03:00");
        }

        @Test
        void aStartInTheFutureIsTheFirstPoint() {
            Schedule daily = schedule("10.06.2024 7:15:00", Periodicity.DAY);
            assertThat(nearest(daily, at("01.06.2024 10:37:00", MOSCOW))).isEqualTo("10.06.2024 7:15:00 +03:00");
        }

        @Test
        void onceRunsAtItsStartOnlyIfAllowed() {
            Schedule once = schedule("03.06.2024 12:00:00", Periodicity.ONCE);
            ZonedDateTime now = at("01.06.2024 10:37:00", MOSCOW);
            assertThat(nearest(once, now)).isEqualTo("03.06.2024 12:00:00 +03:00");
            assertThat(nearest(once.withForbiddenWindow(LocalTime.of(9, 0), LocalTime.of(18, 0)), now)).isEqualTo("never");
            assertThat(nearest(once, at("03.06.2024 12:00:01", MOSCOW))).isEqualTo("never");
        }

        @Test
        void aDisabledTaskNeverStarts() {
            Schedule off = schedule("01.01.2024 0:00:00", Periodicity.MINUTES_5).withEnabled(false);
            assertThat(nearest(off, at("01.06.2024 10:37:00", MOSCOW))).isEqualTo("never");
        }

        @Test
        void theOffsetShiftsTheWholeGrid() {
            Schedule every30 = schedule("01.01.2016 0:08:00", Periodicity.MINUTES_30).withOffset(Duration.ofMinutes(21));
            assertThat(nearest(every30, at("01.06.2024 10:37:00", MOSCOW))).isEqualTo("01.06.2024 10:59:00 +03:00");
            Schedule daily = schedule("01.01.2016 3:00:00", Periodicity.DAY).withOffset(Duration.ofMinutes(90));
            assertThat(nearest(daily, at("01.06.2024 10:37:00", MOSCOW))).isEqualTo("02.06.2024 4:30:00 +03:00");
        }

        @Test
        void monthlyOn31stClampsToShortMonthsAndReturnsToThe31st() {
            Schedule monthly = schedule("31.01.2024 9:00:00", Periodicity.MONTH);
            assertThat(nearest(monthly, at("01.02.2024 0:00:00", MOSCOW))).isEqualTo("29.02.2024 9:00:00 +03:00");
            assertThat(nearest(monthly, at("01.03.2024 0:00:00", MOSCOW))).isEqualTo("31.03.2024 9:00:00 +03:00");
            assertThat(nearest(monthly, at("01.04.2024 0:00:00", MOSCOW))).isEqualTo("30.04.2024 9:00:00 +03:00");
            assertThat(nearest(monthly, at("01.05.2024 0:00:00", MOSCOW))).isEqualTo("31.05.2024 9:00:00 +03:00");
            assertThat(nearest(monthly, at("01.02.2025 0:00:00", MOSCOW))).isEqualTo("28.02.2025 9:00:00 +03:00");
        }
    }

    @Nested
    class Exclusions {
        @Test
        void aWindowThatWrapsMidnightForbidsTheNight() {
            Schedule every30 = schedule("01.01.2024 0:00:00", Periodicity.MINUTES_30)
                    .withForbiddenWindow(LocalTime.of(22, 0), LocalTime.of(6, 0));
            assertThat(nearest(every30, at("01.06.2024 21:45:00", MOSCOW))).isEqualTo("02.06.2024 6:00:00 +03:00");
            assertThat(nearest(every30, at("02.06.2024 5:00:00", MOSCOW))).isEqualTo("02.06.2024 6:00:00 +03:00");
            assertThat(nearest(every30, at("01.06.2024 12:10:00", MOSCOW))).isEqualTo("01.06.2024 12:30:00 +03:00");
            assertThat(nearest(every30, at("01.06.2024 21:30:00", MOSCOW))).isEqualTo("01.06.2024 21:30:00 +03:00");
        }

        @Test
        void theWindowsEndIsAllowedAndItsStartIsNot() {
            Schedule every30 = schedule("01.01.2024 0:00:00", Periodicity.MINUTES_30)
                    .withForbiddenWindow(LocalTime.of(6, 0), LocalTime.of(21, 0));
            assertThat(nearest(every30, at("01.06.2024 5:45:00", MOSCOW))).isEqualTo("01.06.2024 21:00:00 +03:00");
        }

        @Test
        void equalBoundsMeanNoWindow() {
            Schedule every30 = schedule("01.01.2024 0:00:00", Periodicity.MINUTES_30)
                    .withForbiddenWindow(LocalTime.of(6, 0), LocalTime.of(6, 0));
            assertThat(nearest(every30, at("01.06.2024 5:45:00", MOSCOW))).isEqualTo("01.06.2024 6:00:00 +03:00");
        }

        @Test
        void forbiddenWeekdaysAreSkippedWhole() {
            Schedule every2 = schedule("01.01.2024 0:00:00", Periodicity.MINUTES_2)
                    .withForbiddenWeekdays(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
            // 01.06.2024 is a Saturday.
            assertThat(nearest(every2, at("01.06.2024 10:37:00", MOSCOW))).isEqualTo("03.06.2024 0:00:00 +03:00");
        }

        @Test
        void the31stAndTheFollowing1stAreBothOdd() {
            Schedule odd = schedule("01.05.2024 12:00:00", Periodicity.DAY).withDays(DayParity.ODD);
            assertThat(nearest(odd, at("30.05.2024 13:00:00", MOSCOW))).isEqualTo("31.05.2024 12:00:00 +03:00");
            assertThat(nearest(odd, at("31.05.2024 13:00:00", MOSCOW))).isEqualTo("01.06.2024 12:00:00 +03:00");
            Schedule even = odd.withDays(DayParity.EVEN);
            assertThat(nearest(even, at("30.05.2024 13:00:00", MOSCOW))).isEqualTo("02.06.2024 12:00:00 +03:00");
        }

        @Test
        void theWorstRealisticCaseStillFindsItsStart() {
            Schedule busy = schedule("01.01.2024 0:00:00", Periodicity.MINUTES_2)
                    .withForbiddenWindow(LocalTime.of(6, 0), LocalTime.of(21, 0))
                    .withDays(DayParity.ODD)
                    .withForbiddenWeekdays(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
            // Sat 01.06 and Sun 02.06 are forbidden, Mon 03.06 is odd: its first moment, 0:00.
            assertThat(nearest(busy, at("01.06.2024 10:37:00", MOSCOW))).isEqualTo("03.06.2024 0:00:00 +03:00");
            // Mon 03.06 at 10:37 is in the window: 21:00 the same day.
            assertThat(nearest(busy, at("03.06.2024 10:37:00", MOSCOW))).isEqualTo("03.06.2024 21:00:00 +03:00");
        }
    }

    @Nested
    class ClockChanges {
        @Test
        void dailyKeepsTheWallClockAcrossBothBerlinChanges() {
            Schedule daily = schedule("01.03.2024 10:00:00", Periodicity.DAY);
            assertThat(nearest(daily, at("30.03.2024 12:00:00", BERLIN))).isEqualTo("31.03.2024 10:00:00 +02:00");
            assertThat(nearest(daily, at("26.10.2024 12:00:00", BERLIN))).isEqualTo("27.10.2024 10:00:00 +01:00");
        }

        @Test
        void aDailyTimeInTheSpringGapMovesForwardByTheGapThatDayOnly() {
            Schedule daily = schedule("01.03.2024 2:30:00", Periodicity.DAY);
            assertThat(nearest(daily, at("30.03.2024 12:00:00", BERLIN))).isEqualTo("31.03.2024 3:30:00 +02:00");
            assertThat(nearest(daily, at("31.03.2024 3:30:01", BERLIN))).isEqualTo("01.04.2024 2:30:00 +02:00");
        }

        @Test
        void aShiftedDailyPointInTheWindowDoesNotHideTheFollowingDays() {
            Schedule daily = schedule("01.03.2024 2:30:00", Periodicity.DAY)
                    .withForbiddenWindow(LocalTime.of(3, 0), LocalTime.of(4, 0));
            assertThat(nearest(daily, at("30.03.2024 12:00:00", BERLIN))).isEqualTo("01.04.2024 2:30:00 +02:00");
        }

        @Test
        void aDailyTimeInTheAutumnOverlapTakesTheEarlierOffset() {
            Schedule daily = schedule("01.10.2024 2:30:00", Periodicity.DAY);
            assertThat(nearest(daily, at("26.10.2024 12:00:00", BERLIN))).isEqualTo("27.10.2024 2:30:00 +02:00");
        }

        @Test
        void hourlyKeepsElapsedTimeThroughTheAutumnOverlap() {
            Schedule hourly = schedule("27.10.2024 0:00:00", Periodicity.HOUR_1);
            ZonedDateTime firstTwo = at("27.10.2024 2:00:00", BERLIN).withEarlierOffsetAtOverlap();
            assertThat(nearest(hourly, firstTwo.plusMinutes(30))).isEqualTo("27.10.2024 2:00:00 +01:00");
            assertThat(nearest(hourly, firstTwo.plusHours(1).plusMinutes(30))).isEqualTo("27.10.2024 3:00:00 +01:00");
        }

        @Test
        void hourlyKeepsElapsedTimeThroughTheSpringGap() {
            Schedule hourly = schedule("31.03.2024 0:00:00", Periodicity.HOUR_1);
            assertThat(nearest(hourly, at("31.03.2024 1:30:00", BERLIN))).isEqualTo("31.03.2024 3:00:00 +02:00");
        }

        @Test
        void everyThreeHoursShiftsItsWallClockByTheChange() {
            Schedule every3h = schedule("01.10.2024 0:00:00", Periodicity.HOURS_3);
            assertThat(nearest(every3h, at("26.10.2024 23:00:00", BERLIN))).isEqualTo("27.10.2024 0:00:00 +02:00");
            assertThat(nearest(every3h, at("28.10.2024 0:00:00", BERLIN))).isEqualTo("28.10.2024 2:00:00 +01:00");
        }

        @Test
        void aWindowRepeatedByTheAutumnOverlapIsLeftAtItsSecondEnd() {
            // Forbidden 02:45–02:30 (all day but a quarter hour). After 02:50 CEST the clock turns back
            // to 02:00 CET, so 02:30 CET the same night is allowed: a skip must not jump to the next day.
            Schedule every2 = schedule("01.10.2024 0:00:00", Periodicity.MINUTES_2)
                    .withForbiddenWindow(LocalTime.of(2, 45), LocalTime.of(2, 30));
            ZonedDateTime afterQuarter = at("27.10.2024 2:50:00", BERLIN).withEarlierOffsetAtOverlap();
            assertThat(nearest(every2, afterQuarter)).isEqualTo("27.10.2024 2:30:00 +01:00");
        }

        @Test
        void moscowHasNoChangesAndDailyIsTwentyFourHoursApart() {
            Schedule daily = schedule("01.01.2024 10:00:00", Periodicity.DAY);
            ZonedDateTime first = daily.nearestStart(at("30.03.2024 0:00:00", MOSCOW)).orElseThrow();
            ZonedDateTime second = daily.nearestStart(first.plusSeconds(1)).orElseThrow();
            assertThat(Duration.between(first, second)).isEqualTo(Duration.ofHours(24));
        }
    }

    @Nested
    class Downtime {
        private final Schedule cloud = schedule("01.01.2016 0:08:00", Periodicity.MINUTES_30)
                .withForbiddenWindow(LocalTime.of(6, 0), LocalTime.of(21, 0))
                .withOffset(Duration.ofMinutes(21));

        @Test
        void missedRunsCollapseIntoOneAtTheEndOfTheWindow() {
            Instant missed = at("31.05.2024 21:29:00", MOSCOW).toInstant();
            Optional<ZonedDateTime> next = cloud.nextAfterDowntime(missed, at("01.06.2024 10:37:00", MOSCOW));
            assertThat(next).map(ZonedDateTime::toLocalDateTime).contains(local("01.06.2024 21:00:00"));
        }

        @Test
        void missedRunsCollapseIntoOneRightNowWhenNowIsAllowed() {
            Schedule backup = schedule("01.01.2014 21:00:00", Periodicity.DAY);
            Instant missed = at("28.05.2024 21:00:00", MOSCOW).toInstant();
            ZonedDateTime now = at("01.06.2024 10:37:00", MOSCOW).plusNanos(5);
            assertThat(backup.nextAfterDowntime(missed, now)).map(ZonedDateTime::toInstant)
                    .contains(now.toInstant().plusNanos(999_999_995));
        }

        @Test
        void aPlannedRunStillAheadIsTheNearestStart() {
            ZonedDateTime now = at("01.06.2024 10:37:00", MOSCOW);
            Instant ahead = at("01.06.2024 21:29:00", MOSCOW).toInstant();
            assertThat(cloud.nextAfterDowntime(ahead, now)).isEqualTo(cloud.nearestStart(now));
        }

        @Test
        void aMissedOneTimeRunStillHappensOnce() {
            Schedule once = schedule("01.06.2024 3:00:00", Periodicity.ONCE)
                    .withForbiddenWeekdays(Set.of(DayOfWeek.SATURDAY));
            Instant missed = at("01.06.2024 3:00:00", MOSCOW).toInstant();
            assertThat(once.nextAfterDowntime(missed, at("01.06.2024 10:37:00", MOSCOW)))
                    .map(ZonedDateTime::toLocalDateTime).contains(local("02.06.2024 0:00:00"));
        }
    }
}
