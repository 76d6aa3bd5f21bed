package ru.ksamu.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * A slow, obviously correct model of the schedule semantics for the tests: it walks the grid
 * point by point with {@code ZonedDateTime} and checks each point with plain comparisons.
 */
final class Reference {

    static final Map<Periodicity, Duration> FIXED = Map.of(
            Periodicity.MINUTES_2, Duration.ofMinutes(2),
            Periodicity.MINUTES_5, Duration.ofMinutes(5),
            Periodicity.MINUTES_10, Duration.ofMinutes(10),
            Periodicity.MINUTES_15, Duration.ofMinutes(15),
            Periodicity.MINUTES_30, Duration.ofMinutes(30),
            Periodicity.HOUR_1, Duration.ofHours(1),
            Periodicity.HOURS_3, Duration.ofHours(3),
            Periodicity.HOURS_6, Duration.ofHours(6));

    private Reference() {
    }

    /** The first allowed grid point in [now, end], found by walking the grid point by point. */
    static Optional<ZonedDateTime> nearest(Schedule s, ZonedDateTime now, Instant end) {
        ZoneId zone = now.getZone();
        switch (s.periodicity()) {
            case ONCE -> {
                ZonedDateTime at = ZonedDateTime.of(s.start(), zone);
                boolean ok = !at.isBefore(now) && !at.toInstant().isAfter(end) && allowed(s, at);
                return ok ? Optional.of(at) : Optional.empty();
            }
            case DAY, WEEK, MONTH -> {
                return nearestCalendar(s, now, end);
            }
            default -> {
                Duration period = FIXED.get(s.periodicity());
                Instant anchor = ZonedDateTime.of(s.start(), zone).toInstant().plus(s.offset());
                long k = Math.max(0, Duration.between(anchor, now.toInstant()).dividedBy(period) - 1);
                for (Instant p = anchor.plus(period.multipliedBy(k)); !p.isAfter(end); p = p.plus(period)) {
                    ZonedDateTime point = p.atZone(zone);
                    if (!point.isBefore(now) && allowed(s, point)) {
                        return Optional.of(point);
                    }
                }
                return Optional.empty();
            }
        }
    }

    private static Optional<ZonedDateTime> nearestCalendar(Schedule s, ZonedDateTime now, Instant end) {
        LocalDateTime anchor = s.start().plus(s.offset());
        ChronoUnit unit = unit(s.periodicity());
        long k = Math.max(0, unit.between(anchor, now.toLocalDateTime()) - 2);
        while (true) {
            ZonedDateTime point = ZonedDateTime.of(anchor.plus(k, unit), now.getZone());
            if (point.toInstant().isAfter(end)) {
                return Optional.empty();
            }
            if (!point.isBefore(now) && allowed(s, point)) {
                return Optional.of(point);
            }
            k++;
        }
    }

    /** True when the instant is one of the schedule's grid points. */
    static boolean onGrid(Schedule s, ZonedDateTime point) {
        ZoneId zone = point.getZone();
        if (s.periodicity() == Periodicity.ONCE) {
            return ZonedDateTime.of(s.start(), zone).toInstant().equals(point.toInstant());
        }
        if (!s.periodicity().isCalendar()) {
            Instant anchor = ZonedDateTime.of(s.start(), zone).toInstant().plus(s.offset());
            Duration since = Duration.between(anchor, point.toInstant());
            return !since.isNegative() && since.toSeconds() % FIXED.get(s.periodicity()).toSeconds() == 0
                    && since.getNano() == 0;
        }
        LocalDateTime anchor = s.start().plus(s.offset());
        ChronoUnit unit = unit(s.periodicity());
        long k = unit.between(anchor, point.toLocalDateTime());
        for (long j = Math.max(0, k - 2); j <= k + 2; j++) {
            if (ZonedDateTime.of(anchor.plus(j, unit), zone).toInstant().equals(point.toInstant())) {
                return true;
            }
        }
        return false;
    }

    /** The article's exclusions, written out plainly. */
    static boolean allowed(Schedule s, ZonedDateTime point) {
        LocalDateTime local = point.toLocalDateTime();
        if (s.forbiddenWeekdays().contains(local.getDayOfWeek())) {
            return false;
        }
        int day = local.getDayOfMonth();
        if (s.days() == DayParity.EVEN && day % 2 != 0 || s.days() == DayParity.ODD && day % 2 != 1) {
            return false;
        }
        return !inWindow(s.forbiddenFrom(), s.forbiddenTo(), local.toLocalTime());
    }

    static boolean inWindow(LocalTime from, LocalTime to, LocalTime t) {
        if (from.equals(to)) {
            return false;
        }
        if (from.isBefore(to)) {
            return !t.isBefore(from) && t.isBefore(to);
        }
        return !t.isBefore(from) || t.isBefore(to);
    }

    private static ChronoUnit unit(Periodicity p) {
        return switch (p) {
            case DAY -> ChronoUnit.DAYS;
            case WEEK -> ChronoUnit.WEEKS;
            default -> ChronoUnit.MONTHS;
        };
    }
}
