package ru.ksamu.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Optional;

/**
 * Finds the first allowed grid point at or after an instant, without walking the grid point by
 * point: it lands on the first grid point by arithmetic, then skips whole forbidden stretches
 * (the rest of a forbidden day, the rest of the window, or the rest of a UTC-offset period when
 * the pattern the grid repeats is forbidden, e.g. a daily time inside the window or a weekly
 * point on a forbidden weekday; in a zone without clock changes that answers "never" at once). Each skip lands on the first grid point at or after the
 * stretch's end, so no allowed point is passed over.
 *
 * <p>A skip relies on local time running forward while the skipped stretch lasts; an autumn
 * overlap turns the clock back, so no skip crosses one (it stops at the overlap and looks again).
 * One search object serves one call; it caches the next overlap.
 */
final class Search {

    /** Twice what two years of the busiest realistic schedule need; a guard against a bug, not a limit in use. */
    static final int MAX_STEPS = 20_000;

    private final Grid grid;
    private final Window window;
    private final DayRule days;
    private final ZoneRules rules;
    private long nextOverlap = Long.MIN_VALUE;

    Search(Grid grid, Window window, DayRule days, ZoneRules rules) {
        this.grid = grid;
        this.window = window;
        this.days = days;
        this.rules = rules;
    }

    /** The search over a schedule's own grid in {@code zone}. */
    static Search of(Schedule schedule, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        return new Search(gridOf(schedule, rules), Window.of(schedule.forbiddenFrom(), schedule.forbiddenTo()),
                DayRule.of(schedule.forbiddenWeekdays(), schedule.days()), rules);
    }

    /** The search over every second: its first point is the first allowed moment. */
    static Search everySecond(Schedule schedule, ZonedDateTime from) {
        ZoneRules rules = from.getZone().getRules();
        return new Search(new Grid.Fixed(ceilSeconds(from.toInstant()), 1),
                Window.of(schedule.forbiddenFrom(), schedule.forbiddenTo()),
                DayRule.of(schedule.forbiddenWeekdays(), schedule.days()), rules);
    }

    static Grid gridOf(Schedule schedule, ZoneRules rules) {
        Periodicity periodicity = schedule.periodicity();
        if (periodicity == Periodicity.ONCE) {
            return new Grid.Single(Grid.resolve(schedule.start(), rules));
        }
        if (periodicity.isCalendar()) {
            return new Grid.Calendar(schedule.start().plus(schedule.offset()), periodicity, rules);
        }
        long anchor = Grid.resolve(schedule.start(), rules) + schedule.offset().getSeconds();
        return new Grid.Fixed(anchor, periodicity.fixedSeconds());
    }

    /**
     * The first allowed point at or after {@code now} and within the horizon, in now's zone. A
     * single start has no horizon: it is one point, however far ahead.
     */
    Optional<ZonedDateTime> first(ZonedDateTime now) {
        long limit = grid instanceof Grid.Single single ? Math.max(single.at(), now.toEpochSecond())
                : now.plus(Schedule.HORIZON).toEpochSecond();
        long found = first(ceilSeconds(now.toInstant()), limit);
        return found == Grid.NONE ? Optional.empty()
                : Optional.of(ZonedDateTime.ofInstant(Instant.ofEpochSecond(found), now.getZone()));
    }

    /** The first allowed grid point in [from, limit] (epoch seconds), or {@link Grid#NONE}. */
    long first(long from, long limit) {
        if (days.allowsNone()) {
            return Grid.NONE;
        }
        LocalDate lastDate = LocalDateTime.ofEpochSecond(limit, 0, rules.getOffset(Instant.ofEpochSecond(limit)))
                .toLocalDate().plusDays(1);
        long point = grid.firstAtOrAfter(from);
        for (int step = 0; step < MAX_STEPS && point <= limit; step++) {
            ZoneOffset offset = rules.getOffset(Instant.ofEpochSecond(point));
            LocalDateTime local = LocalDateTime.ofEpochSecond(point, 0, offset);
            boolean dayAllowed = days.allows(local.toLocalDate());
            if (dayAllowed && !window.contains(local.toLocalTime().toSecondOfDay())) {
                return point;
            }
            long skipTo;
            if (grid.restForbidden(local, window, days)) {
                ZoneOffsetTransition change = rules.nextTransition(Instant.ofEpochSecond(point));
                if (change == null) {
                    return Grid.NONE;
                }
                skipTo = change.toEpochSecond();
            } else if (!dayAllowed) {
                LocalDate next = days.nextAllowedAfter(local.toLocalDate(), lastDate);
                if (next == null) {
                    return Grid.NONE;
                }
                skipTo = beforeOverlap(point, reaching(next.atStartOfDay(), point));
            } else {
                skipTo = beforeOverlap(point, reaching(window.endAfter(local), point));
            }
            point = grid.firstAtOrAfter(Math.max(skipTo, point + 1));
        }
        return Grid.NONE;
    }

    /**
     * The first instant after {@code point} whose local date-time reaches {@code target}, given
     * that local time runs forward from the point: the end of the gap when the target falls in
     * one; in an overlap the earlier occurrence unless the point is already past it.
     */
    private long reaching(LocalDateTime target, long point) {
        ZoneOffsetTransition transition = rules.getTransition(target);
        if (transition == null) {
            return target.toEpochSecond(rules.getOffset(target));
        }
        if (transition.isGap()) {
            return transition.toEpochSecond();
        }
        long earlier = target.toEpochSecond(transition.getOffsetBefore());
        return earlier > point ? earlier : target.toEpochSecond(transition.getOffsetAfter());
    }

    /** Stops a skip at the next autumn overlap after the point, where local time turns back. */
    private long beforeOverlap(long point, long skipTo) {
        if (nextOverlap <= point) {
            nextOverlap = overlapAfter(point);
        }
        return Math.min(skipTo, nextOverlap);
    }

    private long overlapAfter(long point) {
        ZoneOffsetTransition transition = rules.nextTransition(Instant.ofEpochSecond(point));
        // Zones alternate gaps and overlaps; a few steps find the overlap, else stopping at a gap is harmless.
        for (int i = 0; i < 4 && transition != null; i++) {
            if (transition.isOverlap()) {
                return transition.toEpochSecond();
            }
            ZoneOffsetTransition next = rules.nextTransition(transition.getInstant());
            if (next == null) {
                return transition.toEpochSecond();
            }
            transition = next;
        }
        return transition == null ? Long.MAX_VALUE : transition.toEpochSecond();
    }

    static long ceilSeconds(Instant instant) {
        return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
    }
}
