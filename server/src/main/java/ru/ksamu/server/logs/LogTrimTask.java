package ru.ksamu.server.logs;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import ru.ksamu.server.tasks.TaskForm;
import ru.ksamu.server.tasks.TaskOption;
import ru.ksamu.server.tasks.TaskRun;
import ru.ksamu.server.tasks.TaskType;
import ru.ksamu.server.time.Times;

/**
 * Обрезка БД логов: deletes run-log entries older than N days in small batches, each its own short
 * transaction, so writers never wait long; a stop takes effect between batches.
 */
@Component
class LogTrimTask implements TaskType {

    static final String KEY = "LOG_TRIM";
    static final String DAYS = "days";
    static final String BATCH = "batch";

    private final JdbcClient jdbc;
    private final Clock clock;

    LogTrimTask(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String titleRu() {
        return "Обрезка БД логов";
    }

    @Override
    public String titleEn() {
        return "Log database trimming";
    }

    @Override
    public boolean exclusive() {
        return false;
    }

    @Override
    public List<TaskOption> options() {
        return List.of(new TaskOption(DAYS, "Хранить логи, дней (не меньше 1)", TaskOption.Kind.NUMBER, true, "30"),
                new TaskOption(BATCH, "Строк за один шаг", TaskOption.Kind.NUMBER, false, "5000"));
    }

    @Override
    public List<TaskForm> defaults() {
        return List.of(new TaskForm(KEY, "Обрезка БД логов", "18.06.2014 16:00:10", "DAY", List.of(), null, null,
                "ALL", null, true));
    }

    @Override
    public void run(TaskRun run) {
        long days = Math.max(1, run.numberOption(DAYS)); // never the current day's entries
        int batch = (int) Math.max(1, Math.min(100_000, run.numberOption(BATCH)));
        OffsetDateTime cutoff = Times.utc(clock.instant().minus(Duration.ofDays(days)));
        long boundary = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM run_log WHERE at < ?").param(cutoff)
                .query(Long.class).single();
        if (boundary == 0) {
            run.info("Записей старше " + days + " дн. нет, удалять нечего");
            return;
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM run_log WHERE id <= ? AND at < ?").params(boundary, cutoff)
                .query(Long.class).single();
        run.info("Удаление записей логов старше " + days + " дн.: " + total + " строк");
        long removed = 0;
        long low = jdbc.sql("SELECT COALESCE(MIN(id), 0) FROM run_log").query(Long.class).single();
        while (low <= boundary) {
            run.work().checkpoint();
            long high = Math.min(boundary, low + batch - 1);
            removed += jdbc.sql("DELETE FROM run_log WHERE id BETWEEN ? AND ? AND at < ?")
                    .params(low, high, cutoff).update();
            low = high + 1;
            run.work().step("Удалено " + removed + " из " + total);
            run.work().progress(total == 0 ? 100 : (int) (removed * 100 / total));
        }
        run.info("Удалено строк логов: " + removed);
    }
}
