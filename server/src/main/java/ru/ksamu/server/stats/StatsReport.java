package ru.ksamu.server.stats;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import ru.ksamu.server.tasks.TaskDefinition;

/**
 * What "Отправка статистики" sends to the hub: region, installed release, server build and, per
 * task type, the outcome of its latest finished run. Nothing about patients or the clinic's data.
 *
 * @param region           the region code, or null when none
 * @param installedVersion the installed release, or null
 * @param serverVersion    this server program's build
 * @param tasks            per task type, the last outcome
 * @param lastMajorUpdate  the lock window of the latest major update that locked the main base, or null (issue L)
 */
record StatsReport(String region, String installedVersion, String serverVersion, List<TaskOutcome> tasks,
                   LockWindow lastMajorUpdate) {

    StatsReport {
        region = region == null || region.isBlank() ? null : region;
        tasks = List.copyOf(tasks);
    }

    StatsReport(String region, String installedVersion, String serverVersion, List<TaskOutcome> tasks) {
        this(region, installedVersion, serverVersion, tasks, null);
    }

    /**
     * How long a major update kept the main base locked (ms): in all, of which the migration, of
     * which the recovery point; its version, the effective ksamu.update.backup, and when it began.
     */
    record LockWindow(String version, String backupMode, long lockedMs, long migrationMs, long recoveryMs, Instant at) {
    }

    /**
     * The report as the run log says it, in words: "регион 09, релиз 1.0.0.1, сервер 0.1.0; итоги
     * задач: Бэкап — успешно, Отправка статистики — ещё не выполнялась". The exact JSON goes to the
     * hub only.
     *
     * @param title a task type's name by its key
     */
    String describe(Function<String, String> title) {
        String outcomes = tasks.stream().map(t -> title.apply(t.type()) + " — " + switch (t.state() == null ? "" : t.state()) {
            case "DONE" -> "успешно";
            case "FAILED" -> "ошибка";
            case "STOPPED" -> "остановлена";
            case "" -> "ещё не выполнялась";
            default -> t.state();
        }).collect(Collectors.joining(", "));
        return (region == null ? "регион не задан" : "регион " + region)
                + ", релиз " + (installedVersion == null ? "не установлен" : installedVersion)
                + ", сервер " + serverVersion + "; итоги задач: " + (outcomes.isEmpty() ? "задач нет" : outcomes)
                + (lastMajorUpdate == null ? "" : "; последнее мажорное обновление " + lastMajorUpdate.version()
                + ": база заблокирована " + lastMajorUpdate.lockedMs() + " мс, из них миграция " + lastMajorUpdate.migrationMs()
                + " мс, точка восстановления " + lastMajorUpdate.recoveryMs() + " мс (" + lastMajorUpdate.backupMode() + ")");
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
