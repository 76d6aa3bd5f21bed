package ru.ksamu.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random schedules and moments checked against the slow {@link Reference}. A
 * failure prints the seed; replay it with {@code mvn -pl schedule test -Dschedule.seed=N}.
 */
class NearestStartPropertyTest {

    private static final int CASES = 4_000;
    /** The reference walks at most this many fixed-period points per case, to stay quick. */
    private static final long REFERENCE_POINTS = 20_000;

    @Test
    void nearestStartIsTheFirstAllowedGridPointAndNeverGoesBackwards() {
        long seed = ScheduleProperties.seed();
        ScheduleProperties gen = new ScheduleProperties(seed);
        for (int i = 0; i < CASES; i++) {
            ZoneId zone = gen.zone();
            Schedule schedule = gen.schedule();
            ZonedDateTime now = gen.now(zone);
            ZonedDateTime later = now.plusSeconds(gen.nextLong(3 * 86_400));
            String replay = "case " + i + " of seed " + seed + " (replay with -Dschedule.seed=" + seed + "): "
                    + schedule + " at " + now;
            try {
                checkAgainstReference(schedule, now);
                checkMonotone(schedule, now, later);
            } catch (AssertionError e) {
                throw new AssertionError(replay + "\n" + e.getMessage(), e);
            }
        }
    }

    @Test
    void nearestStartIsRightAroundClockChanges() {
        long seed = ScheduleProperties.seed();
        ScheduleProperties gen = new ScheduleProperties(seed);
        for (int i = 0; i < CASES; i++) {
            ScheduleProperties.Aimed aimed = gen.aimedAtClockChange();
            ZonedDateTime later = aimed.now().plusSeconds(gen.nextLong(6 * 3600));
            try {
                checkAgainstReference(aimed.schedule(), aimed.now());
                checkMonotone(aimed.schedule(), aimed.now(), later);
            } catch (AssertionError e) {
                throw new AssertionError("case " + i + " of seed " + seed + " (replay with -Dschedule.seed=" + seed
                        + "): " + aimed + "\n" + e.getMessage(), e);
            }
        }
    }

    private static void checkAgainstReference(Schedule schedule, ZonedDateTime now) {
        // a single start has no horizon: it is found however far ahead it lies
        Instant horizon = now.plusYears(schedule.periodicity() == Periodicity.ONCE ? 1000 : 2).toInstant();
        Duration period = Reference.FIXED.get(schedule.periodicity());
        Instant referenceEnd = period == null ? horizon
                : min(horizon, now.toInstant().plus(period.multipliedBy(REFERENCE_POINTS)));
        Optional<ZonedDateTime> actual = schedule.nearestStart(now);
        Optional<ZonedDateTime> expected = Reference.nearest(schedule, now, referenceEnd);

        if (expected.isPresent()) {
            assertThat(actual).as("nearest start").isPresent();
            assertThat(actual.get().toInstant()).as("nearest start").isEqualTo(expected.get().toInstant());
        } else if (actual.isPresent()) {
            ZonedDateTime found = actual.get();
            assertThat(found.toInstant()).as("found beyond the reference's reach").isAfter(referenceEnd);
            assertThat(found.toInstant()).as("within two years").isBeforeOrEqualTo(horizon);
            assertThat(Reference.onGrid(schedule, found)).as("on the grid: " + found).isTrue();
            assertThat(Reference.allowed(schedule, found)).as("allowed: " + found).isTrue();
        }
        actual.ifPresent(found -> assertThat(found.getZone()).isEqualTo(now.getZone()));
    }

    private static void checkMonotone(Schedule schedule, ZonedDateTime now, ZonedDateTime later) {
        Optional<ZonedDateTime> first = schedule.nearestStart(now);
        Optional<ZonedDateTime> second = schedule.nearestStart(later);
        if (first.isEmpty()) {
            second.ifPresent(s -> assertThat(s.toInstant()).as("only beyond the first call's horizon")
                    .isAfter(now.plusYears(2).toInstant()));
        } else if (!later.isAfter(first.get())) {
            assertThat(second.map(ZonedDateTime::toInstant)).as("unchanged while not yet reached")
                    .contains(first.get().toInstant());
        } else {
            second.ifPresent(s -> assertThat(s).isAfterOrEqualTo(later));
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
