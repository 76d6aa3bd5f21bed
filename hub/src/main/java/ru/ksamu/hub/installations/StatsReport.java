package ru.ksamu.hub.installations;

import java.time.Instant;
import java.util.List;

/**
 * What a KSAMU server reports about itself ("Отправка статистики"): its region, the installed
 * release, its own build, and the last outcome of each of its tasks. Nothing about patients: the
 * hub keeps exactly these fields, re-written from the parsed values, never the raw body.
 *
 * @param region           the clinic's region code, or null
 * @param installedVersion the installed release (a.b.c.d), or null when none
 * @param serverVersion    the server program's build
 * @param tasks            per task: its type, its last state and when that run ended
 * @param lastMajorUpdate  the lock window of the server's latest major update, or null (issue L)
 */
record StatsReport(String region, String installedVersion, String serverVersion, List<TaskOutcome> tasks,
                   LockWindow lastMajorUpdate) {

    /** A report without a lock window (a server from before issue L). */
    StatsReport(String region, String installedVersion, String serverVersion, List<TaskOutcome> tasks) {
        this(region, installedVersion, serverVersion, tasks, null);
    }

    /** The most a lock window's parts may claim: 30 days in ms (more is not a measurement). */
    static final long MAX_MS = 30L * 24 * 3600 * 1000;

    static final int MAX_TASKS = 500;

    public StatsReport {
        if (region != null && !region.matches("\\d{2,3}")) {
            throw new IllegalArgumentException("region \"" + region + "\" is not 2-3 digits");
        }
        if (installedVersion != null && !installedVersion.matches("\\d{1,9}(\\.\\d{1,9}){3}")) {
            throw new IllegalArgumentException("installedVersion \"" + installedVersion + "\" is not a.b.c.d");
        }
        if (serverVersion == null || !serverVersion.matches("[0-9A-Za-z.+_-]{1,64}")) {
            throw new IllegalArgumentException("serverVersion \"" + serverVersion + "\" is missing or not a version");
        }
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        if (tasks.size() > MAX_TASKS) {
            throw new IllegalArgumentException("more than " + MAX_TASKS + " tasks");
        }
    }

    /**
     * How long the main base was locked by the last major update (ms): in all, of which the
     * migration, of which the recovery point; its version, the server's ksamu.update.backup, its start.
     */
    public record LockWindow(String version, String backupMode, long lockedMs, long migrationMs, long recoveryMs, Instant at) {
        public LockWindow {
            if (version == null || !version.matches("\\d{1,9}(\\.\\d{1,9}){3}")) {
                throw new IllegalArgumentException("lastMajorUpdate.version \"" + version + "\" is not a.b.c.d");
            }
            if (backupMode != null && !backupMode.matches("[a-z-]{1,20}")) {
                throw new IllegalArgumentException("lastMajorUpdate.backupMode \"" + backupMode + "\" is not a mode");
            }
            for (long ms : new long[] {lockedMs, migrationMs, recoveryMs}) {
                if (ms < 0 || ms > MAX_MS) {
                    throw new IllegalArgumentException("lastMajorUpdate: " + ms + " ms is outside 0.." + MAX_MS);
                }
            }
            if (at == null) {
                throw new IllegalArgumentException("lastMajorUpdate.at is missing");
            }
        }
    }

    /** One task's last outcome. */
    public record TaskOutcome(String type, String state, Instant finishedAt) {
        public TaskOutcome {
            if (type == null || !type.matches("[A-Z][A-Z0-9_]{0,63}")) {
                throw new IllegalArgumentException("task type \"" + type + "\" is not a task type key");
            }
            if (state != null && !state.matches("[A-Z_]{1,16}")) {
                throw new IllegalArgumentException("task state \"" + state + "\" is not a state");
            }
        }
    }
}
