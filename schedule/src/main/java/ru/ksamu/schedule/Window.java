package ru.ksamu.schedule;

import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The forbidden time window [from, to) in seconds of the local day. {@code from > to} wraps
 * midnight (22:00–06:00); {@code from == to} means no window (the article's 0:00:00–0:00:00).
 */
record Window(int from, int to) {

    static final int DAY = 86_400;

    Window {
        if (from < 0 || from >= DAY || to < 0 || to >= DAY) {
            throw new IllegalArgumentException("window bounds must be seconds of a day, were " + from + " and " + to);
        }
    }

    static Window of(LocalTime from, LocalTime to) {
        return new Window(from.toSecondOfDay(), to.toSecondOfDay());
    }

    boolean isEmpty() {
        return from == to;
    }

    boolean contains(int secondOfDay) {
        if (from < to) {
            return secondOfDay >= from && secondOfDay < to;
        }
        return from > to && (secondOfDay >= from || secondOfDay < to);
    }

    /** The local date-time at which the window containing {@code local} ends. */
    LocalDateTime endAfter(LocalDateTime local) {
        LocalDateTime sameDay = local.toLocalDate().atTime(LocalTime.ofSecondOfDay(to));
        boolean endsTomorrow = from > to && local.toLocalTime().toSecondOfDay() >= from;
        return endsTomorrow ? sameDay.plusDays(1) : sameDay;
    }

    /**
     * True when every time of day congruent to {@code residue} modulo {@code period} seconds lies
     * in the window, i.e. the allowed stretch [to, from) holds none of them. The period divides a day.
     */
    boolean coversEvery(long residue, long period) {
        if (isEmpty()) {
            return false;
        }
        long allowedLength = Math.floorMod(from - to, DAY);
        long firstAllowedCandidate = Math.floorMod(residue - to, period);
        return firstAllowedCandidate >= allowedLength;
    }
}
