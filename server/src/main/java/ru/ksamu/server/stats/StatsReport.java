package ru.ksamu.server.stats;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.ksamu.server.tasks.TaskDefinition;

/**
 * What "Отправка статистики" sends to the hub: region, installed release, server build and, per
 * task type, the outcome of its latest finished run. Nothing about patients or the clinic's data.
 *
 * @param region           the region code, or null when none
 * @param installedVersion the installed release, or null
 * @param serverVersion    this server program's build
 * @param tasks            per task type, the last outcome
 */
record StatsReport(String region, String installedVersion, String serverVersion, List<TaskOutcome> tasks) {

    StatsReport {
        region = region == null || region.isBlank() ? null : region;
        tasks = List.copyOf(tasks);
    }

    /** A task type's last outcome: its state ({@code DONE}, {@code FAILED}, {@code STOPPED}) and end, or nulls. */
    record TaskOutcome(String type, String state, Instant finishedAt) {
    }

    /** Per type, the latest finished run among its tasks (types never run show null state). */
    static List<TaskOutcome> outcomes(List<TaskDefinition> tasks) {
        Map<String, TaskOutcome> byType = new LinkedHashMap<>();
        tasks.stream().sorted(Comparator.comparing(TaskDefinition::type)).forEach(t -> {
            TaskDefinition.LastRun last = t.lastRun();
            TaskOutcome mine = new TaskOutcome(t.type(), last == null ? null : last.state(), last == null ? null : last.finishedAt());
            byType.merge(t.type(), mine, (a, b) -> later(a, b));
        });
        return List.copyOf(byType.values());
    }

    private static TaskOutcome later(TaskOutcome a, TaskOutcome b) {
        if (a.finishedAt() == null) {
            return b;
        }
        return b.finishedAt() != null && b.finishedAt().isAfter(a.finishedAt()) ? b : a;
    }
}
