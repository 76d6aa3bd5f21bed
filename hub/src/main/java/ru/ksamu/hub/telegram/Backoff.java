package ru.ksamu.hub.telegram;

import java.time.Duration;

/** Exponential backoff: base, 2 × base, 4 × base, ... never more than max. */
record Backoff(Duration base, Duration max) {

    /** The delay before the next attempt after {@code failures} failed attempts (at least 1). */
    Duration after(int failures) {
        int doublings = Math.max(0, failures - 1);
        if (doublings >= 62) {
            return max;
        }
        long factor = 1L << doublings;
        long baseMillis = base.toMillis();
        if (baseMillis > max.toMillis() / factor) {
            return max;
        }
        return Duration.ofMillis(baseMillis * factor);
    }
}
