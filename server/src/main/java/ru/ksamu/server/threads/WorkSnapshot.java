package ru.ksamu.server.threads;

import java.time.Duration;
import java.time.Instant;

/**
 * One line of the thread manager at one moment.
 *
 * @param progress   percent 0..100, or null when unknown
 * @param waitingFor in Russian, for whom a waiting unit waits (empty when it does not wait)
 * @param waitingForEn the same in English
 * @param critical   it is finishing a step that must not be cut (stopping waits for its end)
 * @param unresponsive it was asked to stop longer ago than the stop timeout and still runs
 */
public record WorkSnapshot(long id, String name, WorkKind kind, String startedBy, boolean exclusive, boolean system,
                           Long taskId, WorkState state, Instant submittedAt, Instant startedAt, Instant finishedAt,
                           Duration elapsed, String step, Integer progress, String waitingFor, String waitingForEn,
                           boolean critical,
                           boolean unresponsive, String error) {
}
