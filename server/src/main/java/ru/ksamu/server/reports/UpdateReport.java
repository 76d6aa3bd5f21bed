package ru.ksamu.server.reports;

import java.time.Instant;

/**
 * What the hub learns of one update job: from and to which release, minor or major, when it began
 * and ended, how it ended, the step it ended at and its message, and, for a major update that locked
 * the main base, the lock window (ms: in all, of which the migration, of which the recovery point)
 * with the recovery point's mode. Nothing about patients or the clinic's data.
 *
 * @param jobId       the job's id in this installation's journal: with the installation, the hub's key
 * @param kind        MINOR or MAJOR
 * @param outcome     the job's final state (DONE, FAILED, CANCELLED, NEEDS_MAJOR)
 * @param region      the clinic's region code, or null
 */
record UpdateReport(long jobId, String fromVersion, String toVersion, String kind, String outcome, String step,
                    String message, Instant startedAt, Instant finishedAt, Long lockedMs, Long migrationMs,
                    Long recoveryMs, String backupMode, String region) {

    UpdateReport {
        region = region == null || region.isBlank() ? null : region;
    }
}
