package ru.ksamu.server.dbtasks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.DatabaseKind;
import ru.ksamu.platform.OwnerOnly;
import ru.ksamu.release.Durations;
import ru.ksamu.release.files.Sizes;
import ru.ksamu.server.databases.DbTaskFailedException;
import ru.ksamu.server.databases.MainBase;
import ru.ksamu.server.databases.ManagedDatabase;
import ru.ksamu.server.databases.ManagedDatabases;
import ru.ksamu.server.tasks.TaskForm;
import ru.ksamu.server.tasks.TaskOption;
import ru.ksamu.server.tasks.TaskRun;
import ru.ksamu.server.tasks.TaskType;
import ru.ksamu.server.threads.WorkContext;

/**
 * Сервисное обслуживание БД, while the clinic works (not exclusive).
 * <ul>
 *   <li>PostgreSQL: {@code VACUUM (ANALYZE)} of the database (it never blocks reads or writes);
 *       with the option, {@code REINDEX SCHEMA CONCURRENTLY} of every user schema (writes go on).</li>
 *   <li>H2: {@code ANALYZE} (fresh statistics for the planner) and {@code CHECKPOINT SYNC}. H2 2.x
 *       compacts its file in the background while it runs and fully only when the database closes
 *       ({@code SHUTDOWN COMPACT}), which cuts every open connection to it for the seconds it takes:
 *       so only with the option "compact" (off by default), under the base's lock (no new
 *       connections meanwhile) in a critical step; the file's size before and after goes to the
 *       log, and the base is opened again to check it.</li>
 * </ul>
 */
@Component
class DbServiceTask implements TaskType {

    static final String KEY = "DB_SERVICE";
    static final String DATABASE = "database";
    static final String REINDEX = "reindex";
    static final String COMPACT = "compact";

    private final ManagedDatabases databases;
    private final MainBase bases;

    DbServiceTask(ManagedDatabases databases, MainBase bases) {
        this.databases = databases;
        this.bases = bases;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String titleRu() {
        return "Сервисное обслуживание БД";
    }

    @Override
    public String titleEn() {
        return "Database maintenance";
    }

    @Override
    public boolean exclusive() {
        return false;
    }

    @Override
    public List<TaskOption> options() {
        return List.of(new TaskOption(DATABASE, "База данных", TaskOption.Kind.DATABASE, true, ManagedDatabase.MAIN),
                new TaskOption(REINDEX, "Перестроить индексы (PostgreSQL, REINDEX CONCURRENTLY)", TaskOption.Kind.FLAG,
                        false, "false"),
                new TaskOption(COMPACT, "Сжать файл H2 (SHUTDOWN COMPACT: подключения к базе на время сжатия прерываются)",
                        TaskOption.Kind.FLAG, false, "false"));
    }

    /** Weekly, on Sunday night after the validation. */
    @Override
    public List<TaskForm> defaults() {
        return List.of(new TaskForm(KEY, "Сервисное обслуживание БД", "24.04.2014 20:00:00", "WEEK", List.of(),
                null, null, "ALL", Map.of(DATABASE, ManagedDatabase.MAIN, REINDEX, "false", COMPACT, "false"), true));
    }

    @Override
    public void run(TaskRun run) throws Exception {
        ManagedDatabase db = databases.find(run.option(DATABASE)).orElseThrow(() -> new DbTaskFailedException(
                "База «" + run.option(DATABASE) + "» не настроена (ksamu.databases)"));
        if (db.kind() == DatabaseKind.FIREBIRD) {
            throw new DbTaskFailedException("База «" + db.title() + "» — Firebird/RedDatabase: её обслуживает задача"
                    + " «Сервисное обслуживание баз данных FireBird/RedDatabase»");
        }
        boolean reindex = Boolean.parseBoolean(run.option(REINDEX));
        boolean compact = Boolean.parseBoolean(run.option(COMPACT));
        run.info("Сервисное обслуживание базы «" + db.title() + "» (" + db.kind() + ")");
        try (Connection c = bases.connect(db); Statement s = c.createStatement()) {
            if (db.kind() == DatabaseKind.POSTGRESQL) {
                timed(run, "VACUUM (ANALYZE)", () -> s.execute("VACUUM (ANALYZE)"));
                run.work().progress(50);
                if (reindex) {
                    for (String schema : userSchemas(s)) {
                        run.work().checkpoint();
                        timed(run, "REINDEX SCHEMA CONCURRENTLY " + schema,
                                () -> s.execute("REINDEX SCHEMA CONCURRENTLY \"" + schema.replace("\"", "\"\"") + "\""));
                    }
                } else {
                    run.info("Перестроение индексов не запрошено (опция «" + REINDEX + "»)");
                }
            } else {
                timed(run, "ANALYZE", () -> s.execute("ANALYZE"));
                run.work().progress(50);
                timed(run, "CHECKPOINT SYNC", () -> s.execute("CHECKPOINT SYNC"));
                if (compact) {
                    compact(db, c, s, run);
                } else {
                    run.work().log(WorkContext.LogLevel.INFO, "Сжатие файла H2: H2 уплотняет файл в фоне во время работы;"
                            + " полное сжатие (SHUTDOWN COMPACT) закрывает базу и обрывает все её подключения, поэтому"
                            + " выполняется только с опцией «" + COMPACT + "»");
                }
                if (reindex) {
                    run.info("Перестроение индексов для H2 не требуется и не выполняется");
                }
            }
        }
        run.work().progress(100);
        run.info("Сервисное обслуживание завершено");
    }

    /**
     * SHUTDOWN COMPACT under the base's lock: H2 rewrites the file and closes the database (every
     * connection to it ends; the next one opens it again). The lock keeps new connections out
     * meanwhile; it ends with the database, so there is nothing to unlock.
     */
    private void compact(ManagedDatabase db, Connection c, Statement s, TaskRun run) throws Exception {
        String path;
        try (ResultSet rs = s.executeQuery("SELECT DATABASE_PATH()")) {
            path = rs.next() ? rs.getString(1) : null;
        }
        if (path == null) {
            run.info("Сжатие файла H2: база «" + db.title() + "» в памяти, сжимать нечего");
            return;
        }
        Path file = Path.of(path + ".mv.db");
        long before = Files.size(file);
        long t0 = System.nanoTime();
        run.work().critical("Сжатие файла H2 «" + db.title() + "»", () -> {
            run.info(bases.lock(db, c));
            s.execute("SHUTDOWN COMPACT");
            return null;
        });
        long after = Files.size(file);
        // H2 writes the compacted store as a new file, with the umask's permissions: owner-only again.
        OwnerOnly.file(file);
        run.info("Файл H2 сжат: " + Sizes.russian(before) + " → " + Sizes.russian(after) + " за "
                + Durations.lasted(Duration.ofNanos(System.nanoTime() - t0), true) + " (" + file + ")");
        try (Connection again = bases.connect(db); Statement check = again.createStatement()) {
            check.execute("SELECT 1");
        }
        run.info("База «" + db.title() + "» снова открыта после сжатия");
    }

    /** A statement whose duration the log states. */
    private interface Step {
        void run() throws Exception;
    }

    private static void timed(TaskRun run, String what, Step step) throws Exception {
        run.work().step(what);
        long t0 = System.nanoTime();
        step.run();
        run.info(what + ": выполнено за " + Durations.lasted(Duration.ofNanos(System.nanoTime() - t0), true));
    }

    private static List<String> userSchemas(Statement s) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog',"
                + " 'information_schema', 'pg_toast') AND nspname NOT LIKE 'pg\\_%' ORDER BY nspname")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
