package ru.ksamu.hub.installations;

import java.time.Instant;

/**
 * One update job as a clinic server reports it (issue 22): from and to which release, minor or major,
 * start and end, outcome, the step it ended at with its message, and for a major update the lock
 * window (ms) with the recovery point's mode. Checked on construction: a report the table cannot
 * hold is refused whole (400), never cut.
 */
record UpdateReport(long jobId, String fromVersion, String toVersion, String kind, String outcome, String step,
                    String message, Instant startedAt, Instant finishedAt, Long lockedMs, Long migrationMs,
                    Long recoveryMs, String backupMode, String region) {

    UpdateReport {
        if (jobId < 1) {
            throw new IllegalArgumentException("jobId must be positive: " + jobId);
        }
        required("toVersion", toVersion, 64);
        required("kind", kind, 20);
        required("outcome", outcome, 20);
        if (startedAt == null) {
            throw new IllegalArgumentException("startedAt is required");
        }
        at("fromVersion", fromVersion, 64);
        at("step", step, 400);
        at("message", message, 4000);
        at("backupMode", backupMode, 20);
        at("region", region, 20);
        for (Long ms : new Long[] {lockedMs, migrationMs, recoveryMs}) {
            if (ms != null && ms < 0) {
                throw new IllegalArgumentException("a lock window's milliseconds must not be negative: " + ms);
            }
        }
    }

    private static void required(String name, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        at(name, value, max);
    }

    private static void at(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
    }
}
