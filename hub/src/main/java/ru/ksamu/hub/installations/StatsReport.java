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
 */
record StatsReport(String region, String installedVersion, String serverVersion, List<TaskOutcome> tasks) {

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
