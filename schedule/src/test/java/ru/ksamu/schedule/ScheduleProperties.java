package ru.ksamu.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Generates random schedules and moments for the property tests from one seed. */
final class ScheduleProperties {

    /** Berlin and Moscow as the issue asks; Beirut turns the date back at midnight, Lord Howe shifts by 30 minutes. */
    static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("Europe/Moscow"),
            ZoneId.of("Europe/Berlin"), ZoneId.of("Europe/Moscow"), ZoneId.of("Asia/Beirut"),
            ZoneId.of("Australia/Lord_Howe"), ZoneId.of("America/New_York"), ZoneId.of("UTC"));

    private static final Instant EARLIEST_NOW = Instant.parse("2024-01-01T00:00:00Z");
    private static final long NOW_SPAN = Duration.ofDays(3 * 365).toSeconds();

    private final Random random;

    ScheduleProperties(long seed) {
        this.random = new Random(seed);
    }

    ZoneId zone() {
        return ZONES.get(random.nextInt(ZONES.size()));
    }

    /** A moment in 2024–2026; a third of them close before a DST change, some with nanoseconds. */
    ZonedDateTime now(ZoneId zone) {
        Instant instant = EARLIEST_NOW.plusSeconds(random.nextLong(NOW_SPAN));
        if (random.nextInt(3) == 0) {
            ZoneOffsetTransition change = zone.getRules().nextTransition(instant);
            if (change != null) {
                instant = change.getInstant().minusSeconds(random.nextLong(2 * 86_400));
            }
        }
        if (random.nextInt(5) == 0) {
            instant = instant.plusNanos(1 + random.nextInt(999_999_999));
        }
        return instant.atZone(zone);
    }

    Schedule schedule() {
        Periodicity periodicity = Periodicity.values()[random.nextInt(Periodicity.values().length)];
        LocalDateTime start = LocalDateTime.of(2013 + random.nextInt(14), 1 + random.nextInt(12),
                1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(4) == 0 ? random.nextInt(60) : 0);
        if (random.nextInt(6) == 0) {
            start = start.withDayOfMonth(start.toLocalDate().lengthOfMonth());
        }
        Schedule schedule = Schedule.of("random", "random", start, periodicity)
                .withForbiddenWeekdays(weekdays())
                .withDays(DayParity.values()[random.nextInt(2) == 0 ? 0 : 1 + random.nextInt(2)])
                .withOffset(offset(periodicity));
        if (random.nextInt(3) != 0) {
            schedule = schedule.withForbiddenWindow(time(), time());
        }
        return schedule;
    }

    private Set<DayOfWeek> weekdays() {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (random.nextBoolean()) {
            for (DayOfWeek day : DayOfWeek.values()) {
                if (random.nextInt(4) == 0) {
                    days.add(day);
                }
            }
        }
        return days;
    }

    private LocalTime time() {
        return switch (random.nextInt(4)) {
            case 0 -> LocalTime.of(random.nextInt(24), 0);
            case 1 -> LocalTime.ofSecondOfDay(random.nextInt(86_400));
            default -> LocalTime.of(random.nextInt(24), random.nextInt(60));
        };
    }

    private Duration offset(Periodicity periodicity) {
        long bound = periodicity.offsetBound().getSeconds();
        return bound == 0 || random.nextBoolean() ? Duration.ZERO : Duration.ofSeconds(random.nextLong(bound));
    }

    /** Zones with clock changes, for the cases aimed at a change. */
    static final List<ZoneId> DST_ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("Asia/Beirut"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("America/New_York"));

    /**
     * A case aimed at a clock change: the start's time of day and the window's bounds lie within
     * two hours of the change's local time, and now comes up to 30 hours before it.
     */
    Aimed aimedAtClockChange() {
        ZoneId zone = DST_ZONES.get(random.nextInt(DST_ZONES.size()));
        ZoneOffsetTransition change = zone.getRules()
                .nextTransition(EARLIEST_NOW.plusSeconds(random.nextLong(NOW_SPAN)));
        LocalTime changeTime = change.getDateTimeBefore().toLocalTime();
        Schedule schedule = schedule();
        LocalDateTime start = schedule.start().with(near(changeTime, 90));
        // Daily schedules meet the change's day most often, so they get a larger share here.
        Periodicity periodicity = random.nextInt(3) == 0 ? Periodicity.DAY : schedule.periodicity();
        schedule = new Schedule(schedule.taskType(), schedule.name(), start, periodicity,
                random.nextInt(3) == 0 ? schedule.forbiddenWeekdays() : Set.of(), schedule.forbiddenFrom(),
                schedule.forbiddenTo(), random.nextInt(3) == 0 ? schedule.days() : DayParity.ALL, true,
                offset(periodicity));
        if (random.nextInt(4) != 0) {
            schedule = schedule.withForbiddenWindow(near(changeTime, 120), near(changeTime, 120));
        }
        ZonedDateTime now = change.getInstant().minusSeconds(random.nextLong(30 * 3600)).atZone(zone);
        return new Aimed(schedule, now);
    }

    record Aimed(Schedule schedule, ZonedDateTime now) {
    }

    private LocalTime near(LocalTime time, int minutes) {
        LocalTime shifted = time.plusMinutes(random.nextInt(2 * minutes + 1) - minutes);
        return random.nextBoolean() ? shifted : shifted.withSecond(random.nextInt(60));
    }

    long nextLong(long bound) {
        return random.nextLong(bound);
    }

    /** The seed to use: {@code -Dschedule.seed=N} to replay a failure, otherwise a fresh one. */
    static long seed() {
        String given = System.getProperty("schedule.seed");
        return given != null && !given.isBlank() ? Long.parseLong(given.strip()) : new Random().nextLong();
    }
}
