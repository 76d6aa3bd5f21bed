package ru.ksamu.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;

/**
 * The fire-time grid of a schedule, in epoch seconds: start + offset + k × period, k >= 0.
 * A grid does not know about forbidden windows or days; {@link Search} filters its points.
 */
sealed interface Grid permits Grid.Fixed, Grid.Calendar, Grid.Single {

    /** Returned when no grid point exists at or after the asked instant. */
    long NONE = Long.MAX_VALUE;

    /** The first grid point at or after {@code epochSecond}, or {@link #NONE}. */
    long firstAtOrAfter(long epochSecond);

    /**
     * True when every point after the one at {@code local}, up to the zone's next offset change,
     * is forbidden by the pattern the grid repeats (its times of day, or for weeks and months its
     * weekday or day of month), so the search may jump to that change.
     */
    boolean restForbidden(LocalDateTime local, Window window, DayRule days);

    /**
     * The instant of a local date-time as {@code ZonedDateTime.of} resolves it: a time in a
     * spring-forward gap moves forward by the gap, a time in an autumn overlap takes the earlier
     * offset (both are "the offset before the transition").
     */
    static long resolve(LocalDateTime local, ZoneRules rules) {
        return local.toEpochSecond(rules.getOffset(local));
    }

    /** Minute and hour periods: fixed durations on the instant timeline. Periods divide a day. */
    record Fixed(long anchor, long period) implements Grid {
        public Fixed {
            if (period <= 0 || Window.DAY % period != 0) {
                throw new IllegalArgumentException("a fixed period must divide a day, was " + period + " s");
            }
        }

        @Override
        public long firstAtOrAfter(long epochSecond) {
            if (epochSecond <= anchor) {
                return anchor;
            }
            long periods = (epochSecond - anchor + period - 1) / period;
            return anchor + periods * period;
        }

        @Override
        public boolean restForbidden(LocalDateTime local, Window window, DayRule days) {
            // Within one UTC offset the points' times of day form one residue class modulo the period.
            return window.coversEvery(local.toLocalTime().toSecondOfDay() % period, period);
        }
    }

    /**
     * Day, week and month: calendar periods in the zone, each point computed from the anchor
     * (never from the previous, clamped point), so a monthly 31st returns to the 31st.
     */
    record Calendar(LocalDateTime anchor, Periodicity unit, ZoneRules rules) implements Grid {
        public Calendar {
            if (!unit.isCalendar()) {
                throw new IllegalArgumentException("a calendar grid needs DAY, WEEK or MONTH, was " + unit);
            }
        }

        LocalDateTime localPoint(long k) {
            return switch (unit) {
                case DAY -> anchor.plusDays(k);
                case WEEK -> anchor.plusWeeks(k);
                default -> anchor.plusMonths(k);
            };
        }

        private long point(long k) {
            return resolve(localPoint(k), rules);
        }

        @Override
        public long firstAtOrAfter(long epochSecond) {
            long first = point(0);
            if (epochSecond <= first) {
                return first;
            }
            LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, 0,
                    rules.getOffset(Instant.ofEpochSecond(epochSecond)));
            long whole = switch (unit) {
                case DAY -> ChronoUnit.DAYS.between(anchor, local);
                case WEEK -> ChronoUnit.WEEKS.between(anchor, local);
                default -> ChronoUnit.MONTHS.between(anchor, local);
            };
            // One period below the estimate is surely before the instant (offsets move by hours, periods are days).
            long k = Math.max(0, whole - 1);
            long candidate = point(k);
            while (candidate < epochSecond) {
                candidate = point(++k);
            }
            return candidate;
        }

        @Override
        public boolean restForbidden(LocalDateTime local, Window window, DayRule days) {
            // Within one UTC offset every later point is the anchor moved by whole units (only a point
            // right after a gap is shifted, and it would come first): it keeps the anchor's time of day,
            // a week keeps its weekday, a month up to the 28th keeps its day of month.
            int dayOfMonth = anchor.getDayOfMonth();
            return window.contains(anchor.toLocalTime().toSecondOfDay())
                    || unit == Periodicity.WEEK && days.forbids(anchor.getDayOfWeek())
                    || unit == Periodicity.MONTH && dayOfMonth <= 28 && !days.parity().allows(dayOfMonth);
        }
    }

    /** ONCE: the start only. */
    record Single(long at) implements Grid {
        @Override
        public long firstAtOrAfter(long epochSecond) {
            return epochSecond <= at ? at : NONE;
        }

        @Override
        public boolean restForbidden(LocalDateTime local, Window window, DayRule days) {
            return false;
        }
    }
}
