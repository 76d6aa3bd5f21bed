package ru.ksamu.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One task's schedule, with the fields of the article's task editor (Figure 1).
 *
 * <p><b>Grid.</b> Fire times lie on a grid anchored at the start: start + offset + k × period,
 * k >= 0, the start being a local date-time in the server's zone (a time in a spring-forward gap
 * moves forward by the gap; in an autumn overlap the earlier offset wins). Minute and hour periods
 * are fixed durations on the instant timeline; day, week and month keep the wall-clock time, and a
 * month keeps the start's day of month, clamped to shorter months (31st → 30th, 28th or 29th and
 * back to the 31st). ONCE is the start alone.
 *
 * <p><b>Exclusions.</b> A grid point is skipped when its local time lies in the forbidden window
 * [forbiddenFrom, forbiddenTo) (from later than to wraps midnight; equal bounds mean no window,
 * the article's 0:00:00–0:00:00), when its local date is a forbidden weekday, or when its day of
 * month has the wrong {@linkplain DayParity parity}.
 *
 * <p><b>Offset.</b> Cloud-facing task types spread their calls with a per-installation
 * {@link #offset()} in [0, period) ({@link Offsets#forInstallation}); other types use zero. For a
 * month the bound is 28 days; ONCE takes no offset. Calendar offsets are added to the local start.
 *
 * <p>All values are whole seconds, as the article's format {@code dd.MM.yyyy H:mm:ss} is. The
 * task type is the server's registry key; options and unique names are the server's concern.
 *
 * @param taskType the server's task type key, e.g. the cloud update's; not blank
 * @param name the task's name (Наименование); not blank
 * @param start the start date-time (Дата начала выполнения), local to the server's zone
 * @param periodicity how often it repeats (Запуск задачи)
 * @param forbiddenWeekdays weekdays on which it never runs (Запрет на выполнение); may be empty
 * @param forbiddenFrom start of the forbidden window (Запрет на выполнение задачи: с)
 * @param forbiddenTo end of the forbidden window, exclusive (по)
 * @param days which days of the month it runs on (Выполнять по дням)
 * @param enabled false keeps the task but never starts it
 * @param offset the per-installation shift of the grid, in [0, period)
 */
public record Schedule(String taskType, String name, LocalDateTime start, Periodicity periodicity,
                       Set<DayOfWeek> forbiddenWeekdays, LocalTime forbiddenFrom, LocalTime forbiddenTo,
                       DayParity days, boolean enabled, Duration offset) {

    /** How far ahead a nearest start is looked for; beyond it a schedule counts as "never". */
    static final Period HORIZON = Period.ofYears(2);

    /** Checks every field; the message names the field and the bad value. */
    public Schedule {
        requireText(taskType, "taskType");
        requireText(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(periodicity, "periodicity");
        Objects.requireNonNull(forbiddenWeekdays, "forbiddenWeekdays");
        Objects.requireNonNull(forbiddenFrom, "forbiddenFrom");
        Objects.requireNonNull(forbiddenTo, "forbiddenTo");
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(offset, "offset");
        requireWholeSeconds(start.getNano(), "start", start);
        requireWholeSeconds(forbiddenFrom.getNano(), "forbiddenFrom", forbiddenFrom);
        requireWholeSeconds(forbiddenTo.getNano(), "forbiddenTo", forbiddenTo);
        requireOffsetWithin(offset, periodicity);
        forbiddenWeekdays = forbiddenWeekdays.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(forbiddenWeekdays));
    }

    /** An enabled schedule with no exclusions and no offset. */
    public static Schedule of(String taskType, String name, LocalDateTime start, Periodicity periodicity) {
        return new Schedule(taskType, name, start, periodicity, Set.of(), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                DayParity.ALL, true, Duration.ZERO);
    }

    /** This schedule with the forbidden window [from, to); equal bounds remove the window. */
    public Schedule withForbiddenWindow(LocalTime from, LocalTime to) {
        return new Schedule(taskType, name, start, periodicity, forbiddenWeekdays, from, to, days, enabled, offset);
    }

    /** This schedule with these forbidden weekdays. */
    public Schedule withForbiddenWeekdays(Set<DayOfWeek> weekdays) {
        return new Schedule(taskType, name, start, periodicity, weekdays, forbiddenFrom, forbiddenTo, days, enabled, offset);
    }

    /** This schedule running on these days of the month. */
    public Schedule withDays(DayParity parity) {
        return new Schedule(taskType, name, start, periodicity, forbiddenWeekdays, forbiddenFrom, forbiddenTo, parity,
                enabled, offset);
    }

    /** This schedule with its grid shifted by {@code gridOffset}, in [0, period). */
    public Schedule withOffset(Duration gridOffset) {
        return new Schedule(taskType, name, start, periodicity, forbiddenWeekdays, forbiddenFrom, forbiddenTo, days,
                enabled, gridOffset);
    }

    /** This schedule enabled or disabled. */
    public Schedule withEnabled(boolean on) {
        return new Schedule(taskType, name, start, periodicity, forbiddenWeekdays, forbiddenFrom, forbiddenTo, days,
                on, offset);
    }

    /**
     * The nearest start: the first allowed grid point at or after {@code now} (a point equal to
     * now is due now), in now's zone, which is taken as the server's zone. Empty means "never":
     * the task is disabled, or no allowed point exists within two years from now (a ONCE task
     * whose start has passed is such a case; a ONCE start ahead has no horizon). The table leaves the cell blank then.
     *
     * <p>Fast by construction: a few arithmetic jumps over forbidden stretches, never a walk over
     * the grid, so even a schedule that can never fire answers in microseconds.
     */
    public Optional<ZonedDateTime> nearestStart(ZonedDateTime now) {
        Objects.requireNonNull(now, "now");
        return enabled ? Search.of(this, now.getZone()).first(now) : Optional.empty();
    }

    /**
     * When to run after the server was down or the task was held up. The run planned at
     * {@code lastPlanned} and any that followed it are not replayed one by one: if
     * {@code lastPlanned} is not after {@code now} they collapse into a single run at the first
     * allowed moment at or after now, which is now itself unless now lies in the forbidden window
     * or on a forbidden day (then the moment that stretch ends, e.g. 21:00:00 for the cloud task).
     * After that run the caller plans with {@link #nearestStart} again. If {@code lastPlanned} is
     * still ahead, nothing was missed and this is {@link #nearestStart}. Empty when disabled or
     * when no allowed moment comes within two years.
     */
    public Optional<ZonedDateTime> nextAfterDowntime(Instant lastPlanned, ZonedDateTime now) {
        Objects.requireNonNull(lastPlanned, "lastPlanned");
        Objects.requireNonNull(now, "now");
        if (!enabled || lastPlanned.isAfter(now.toInstant())) {
            return nearestStart(now);
        }
        return Search.everySecond(this, now).first(now);
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, was '" + value + "'");
        }
    }

    private static void requireWholeSeconds(int nanos, String field, Object value) {
        if (nanos != 0) {
            throw new IllegalArgumentException(field + " must be whole seconds, was " + value);
        }
    }

    private static void requireOffsetWithin(Duration offset, Periodicity periodicity) {
        Duration bound = periodicity.offsetBound();
        boolean inRange = !offset.isNegative() && (offset.compareTo(bound) < 0 || offset.isZero());
        if (!inRange || offset.getNano() != 0) {
            throw new IllegalArgumentException("offset must be whole seconds in [0, " + bound + ") for "
                    + periodicity.wireName() + " (zero for ONCE), was " + offset);
        }
    }
}
