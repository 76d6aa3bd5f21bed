package ru.ksamu.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/** Which local dates allow a run: not a forbidden weekday, and of the right parity. */
record DayRule(int forbiddenMask, DayParity parity) {

    private static final int ALL_WEEKDAYS = 0b111_1111;

    static DayRule of(Set<DayOfWeek> forbidden, DayParity parity) {
        int mask = 0;
        for (DayOfWeek day : forbidden) {
            mask |= bit(day);
        }
        return new DayRule(mask, parity);
    }

    private static int bit(DayOfWeek day) {
        return 1 << (day.getValue() - 1);
    }

    boolean allowsNone() {
        return forbiddenMask == ALL_WEEKDAYS;
    }

    boolean forbids(DayOfWeek day) {
        return (forbiddenMask & bit(day)) != 0;
    }

    boolean allows(LocalDate date) {
        return (forbiddenMask & bit(date.getDayOfWeek())) == 0 && parity.allows(date.getDayOfMonth());
    }

    /** The first allowed date after {@code date} and not after {@code last}, or null. */
    LocalDate nextAllowedAfter(LocalDate date, LocalDate last) {
        for (LocalDate candidate = date.plusDays(1); !candidate.isAfter(last); candidate = candidate.plusDays(1)) {
            if (allows(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
