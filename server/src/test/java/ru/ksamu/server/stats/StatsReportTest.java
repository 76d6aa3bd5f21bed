package ru.ksamu.server.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.ksamu.schedule.Schedule;
import ru.ksamu.server.tasks.TaskDefinition;

class StatsReportTest {

    static TaskDefinition task(long id, String type, String state, String finished) {
        return new TaskDefinition(id, type, (Schedule) null, Map.of(), null, false,
                new TaskDefinition.LastRun(finished == null ? null : id, null, finished == null ? null : Instant.parse(finished),
                        state, null));
    }

    @Test
    void eachTypeReportsItsLatestFinishedRun() {
        List<StatsReport.TaskOutcome> out = StatsReport.outcomes(List.of(
                task(1, "BACKUP", "DONE", "2026-11-24T03:00:00Z"),
                task(2, "BACKUP", "FAILED", "2026-11-25T03:00:00Z"),
                task(3, "BACKUP", null, null),
                task(4, "STATS", null, null)));
        assertThat(out).containsExactly(
                new StatsReport.TaskOutcome("BACKUP", "FAILED", Instant.parse("2026-11-25T03:00:00Z")),
                new StatsReport.TaskOutcome("STATS", null, null));
    }

    @Test
    void blankRegionIsSentAsNone() {
        assertThat(new StatsReport(" ", null, "dev", List.of()).region()).isNull();
    }

    @Test
    void theRunLogGetsTheReportInWordsNotItsJson() {
        StatsReport report = new StatsReport("09", "1.0.0.1", "0.1.0", List.of(
                new StatsReport.TaskOutcome("BACKUP", "DONE", Instant.parse("2026-12-02T00:00:04Z")),
                new StatsReport.TaskOutcome("STATS", null, null)));
        assertThat(report.describe(k -> k.equals("BACKUP") ? "Бэкап" : "Отправка статистики")).isEqualTo(
                "регион 09, релиз 1.0.0.1, сервер 0.1.0; итоги задач: Бэкап — успешно, Отправка статистики — ещё не выполнялась");
        assertThat(new StatsReport(null, null, "dev", List.of()).describe(k -> k))
                .isEqualTo("регион не задан, релиз не установлен, сервер dev; итоги задач: задач нет");
    }

    @Test
    void theLastMajorUpdatesLockWindowIsSaidInTheRunLog() {
        StatsReport report = new StatsReport("09", "1.1.0.1", "0.1.0", List.of(), new StatsReport.LockWindow("1.1.0.1",
                "restore-point", 1200, 900, 15, java.time.Instant.parse("2026-12-07T21:30:00Z")));
        assertThat(report.describe(k -> k)).endsWith("; последнее мажорное обновление 1.1.0.1: база заблокирована 1200 мс,"
                + " из них миграция 900 мс, точка восстановления 15 мс (restore-point)");
    }
}
