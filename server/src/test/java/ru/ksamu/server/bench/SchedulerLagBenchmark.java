package ru.ksamu.server.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.ksamu.schedule.ScheduleFormats;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.server.tasks.TaskForm;
import ru.ksamu.server.tasks.TaskService;

/**
 * Benchmark (not part of the test suite; run by bench/scheduler/run.sh): TASKS tasks every 2
 * minutes, their starts spread over one period, on a real server with the H2 service database.
 * Reports the delay between each run's planned time (the Quartz trigger the model set) and its
 * start in the thread manager: p50, p99, max.
 */
class SchedulerLagBenchmark {

    static final int TASKS = Integer.getInteger("bench.tasks", 1000);
    static final int CYCLES = Integer.getInteger("bench.cycles", 2);

    @Test
    void lagOfManyTasksEveryTwoMinutes() throws Exception {
        Path dir = Files.createTempDirectory("ksamu-bench-lag");
        try (ConfigurableApplicationContext ctx = ServerApplication.builder().run("--ksamu.port=0",
                "--ksamu.data-dir=" + dir, "--logging.level.root=WARN")) {
            TaskService tasks = ctx.getBean(TaskService.class);
            LocalDateTime base = LocalDateTime.now().withNano(0).plusSeconds(30);
            long t0 = System.nanoTime();
            for (int i = 0; i < TASKS; i++) {
                LocalDateTime start = base.plusNanos(i * 120_000_000_000L / TASKS).withNano(0);
                tasks.create(new TaskForm("LOG_TRIM", "bench-" + i, ScheduleFormats.formatDateTime(start), "MINUTES_2",
                        List.of(), null, null, "ALL", Map.of("days", "30"), true));
            }
            double createSeconds = (System.nanoTime() - t0) / 1e9;
            long waitMillis = Duration.between(LocalDateTime.now(), base).toMillis() + CYCLES * 120_000L + 5_000;
            TimeUnit.MILLISECONDS.sleep(Math.max(0, waitMillis));
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            List<Long> lags = new ArrayList<>(jdbc.sql("SELECT started_at, planned_at FROM work_run"
                            + " WHERE kind = 'SCHEDULED' AND planned_at IS NOT NULL AND started_at IS NOT NULL")
                    .query((rs, n) -> Duration.between(rs.getObject(2, java.time.OffsetDateTime.class),
                            rs.getObject(1, java.time.OffsetDateTime.class)).toMillis()).list());
            lags.sort(null);
            String line = String.format("%d tasks every 2 min (created in %.1f s), %d runs observed over %d periods:"
                            + " lag p50 %d ms, p99 %d ms, max %d ms", TASKS, createSeconds, lags.size(), CYCLES,
                    q(lags, 0.5), q(lags, 0.99), lags.isEmpty() ? -1 : lags.get(lags.size() - 1));
            System.out.println(line);
            System.out.println("trigger states: " + jdbc.sql("SELECT TRIGGER_STATE, COUNT(*) FROM QRTZ_TRIGGERS GROUP BY TRIGGER_STATE")
                    .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2)).list()
                    + "; tasks without next start: " + jdbc.sql("SELECT COUNT(*) FROM task WHERE next_fire_at IS NULL")
                    .query(Long.class).single()
                    + "; runs by state: " + jdbc.sql("SELECT state, COUNT(*) FROM work_run GROUP BY state")
                    .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2)).list());
            Files.writeString(Path.of(System.getProperty("bench.out", "../bench/scheduler/last-run.txt")), line + "\n");
        }
    }

    private static long q(List<Long> sorted, double q) {
        return sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }
}
