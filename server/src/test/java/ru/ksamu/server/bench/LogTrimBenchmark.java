package ru.ksamu.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.server.tasks.TaskDefinition;
import ru.ksamu.server.tasks.TaskService;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.threads.WorkKind;
import ru.ksamu.server.threads.WorkRequest;
import ru.ksamu.testkit.Postgres;

/**
 * Benchmark (not part of the test suite; run by bench/trim/run.sh): trims ROWS old run-log rows
 * with the real "Обрезка БД логов" task while another unit keeps writing log entries through the
 * real journal, and reports the longest stall of one insert and the rows deleted per second.
 */
class LogTrimBenchmark {

    static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);

    @Test
    void trimWhileInserting() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String db : System.getProperty("bench.dbs", "h2,postgresql").split(",")) {
            lines.add(run(db.strip()));
        }
        Path out = Path.of(System.getProperty("bench.out", "../bench/trim/last-run.txt"));
        Files.write(out, lines);
        lines.forEach(System.out::println);
    }

    private String run(String db) throws Exception {
        Path dir = Files.createTempDirectory("ksamu-bench-trim");
        List<String> args = new ArrayList<>(List.of("--ksamu.port=0", "--ksamu.data-dir=" + dir,
                "--logging.level.root=WARN"));
        if (db.equals("postgresql")) {
            for (String key : new String[] {"ksamu.service-db", "ksamu.databases.main"}) {
                String name = Postgres.createDatabase("bench" + key.replaceAll("[^a-z]", "").substring(5));
                args.add("--" + key + ".url=" + Postgres.url(name));
                args.add("--" + key + ".user=" + Postgres.user());
            }
        }
        try (ConfigurableApplicationContext ctx = ServerApplication.builder().run(args.toArray(String[]::new))) {
            fill(ctx.getBean(DataSource.class));
            ThreadManager threads = ctx.getBean(ThreadManager.class);
            List<Long> stalls = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean trimming = new AtomicBoolean(true);
            var writer = threads.submit(WorkRequest.system("Писатель логов (бенчмарк)", ctx2 -> {
                while (trimming.get()) {
                    long t0 = System.nanoTime();
                    ctx2.log(WorkContext.LogLevel.INFO, "запись во время обрезки");
                    stalls.add(System.nanoTime() - t0);
                }
            }));
            TaskService tasks = ctx.getBean(TaskService.class);
            TaskDefinition trim = tasks.list().stream().filter(t -> t.type().equals("LOG_TRIM")).findFirst().orElseThrow();
            long t0 = System.nanoTime();
            long runId = tasks.runNow(trim.id(), "bench");
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            while (!"DONE".equals(jdbc.sql("SELECT state FROM work_run WHERE id = ?").param(runId)
                    .query(String.class).optional().orElse(""))) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            trimming.set(false);
            writer.completion().get(30, TimeUnit.SECONDS);
            long left = jdbc.sql("SELECT COUNT(*) FROM run_log WHERE task_name = 'Старое'").query(Long.class).single();
            List<Long> sorted = new ArrayList<>(stalls);
            Collections.sort(sorted);
            return String.format("%s: deleted %,d rows in %.1f s = %,.0f rows/s; %,d inserts meanwhile, insert p50 %.2f ms,"
                            + " p99 %.2f ms, longest stall %.1f ms; old rows left %d",
                    db, ROWS, seconds, ROWS / seconds, sorted.size(), ms(sorted, 0.5), ms(sorted, 0.99),
                    sorted.get(sorted.size() - 1) / 1e6, left);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static double ms(List<Long> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 1e6;
    }

    /** Inserts ROWS entries dated 40 days ago, in batches. */
    private static void fill(DataSource ds) throws Exception {
        OffsetDateTime old = OffsetDateTime.ofInstant(Instant.now().minus(Duration.ofDays(40)), ZoneOffset.UTC);
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO run_log (at, level, task_name, message) VALUES (?, 'INFO', 'Старое', ?)")) {
            c.setAutoCommit(false);
            for (int i = 1; i <= ROWS; i++) {
                s.setObject(1, old);
                s.setString(2, "старая запись номер " + i);
                s.addBatch();
                if (i % 10_000 == 0) {
                    s.executeBatch();
                    c.commit();
                }
            }
            s.executeBatch();
            c.commit();
        }
    }

    private static void deleteQuietly(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
