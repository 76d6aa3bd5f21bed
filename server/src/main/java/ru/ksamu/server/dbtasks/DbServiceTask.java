package ru.ksamu.server.dbtasks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.DatabaseKind;
import ru.ksamu.server.databases.ManagedDatabase;
import ru.ksamu.server.databases.ManagedDatabases;
import ru.ksamu.server.tasks.TaskForm;
import ru.ksamu.server.tasks.TaskOption;
import ru.ksamu.server.tasks.TaskRun;
import ru.ksamu.server.tasks.TaskType;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.update.MainBase;

/**
 * Сервисное обслуживание БД, while the clinic works (not exclusive).
 * <ul>
 *   <li>PostgreSQL: {@code VACUUM (ANALYZE)} of the database (it never blocks reads or writes);
 *       with the option, {@code REINDEX SCHEMA CONCURRENTLY} of every user schema (writes go on).</li>
 *   <li>H2: {@code ANALYZE} (fresh statistics for the planner) and {@code CHECKPOINT SYNC}. H2 2.x
 *       compacts its file in the background while it runs and fully only when the database closes
 *       ({@code SHUTDOWN COMPACT}), which would cut every connection of the server: that is not done
 *       here, and the log says so.</li>
 * </ul>
 */
@Component
class DbServiceTask implements TaskType {

    static final String KEY = "DB_SERVICE";
    static final String DATABASE = "database";
    static final String REINDEX = "reindex";

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
                        false, "false"));
    }

    /** Weekly, on Sunday night after the validation. */
    @Override
    public List<TaskForm> defaults() {
        return List.of(new TaskForm(KEY, "Сервисное обслуживание главной базы", "22.06.2014 04:00:00", "WEEK", List.of(),
                "06:00", "21:00", "ALL", Map.of(DATABASE, ManagedDatabase.MAIN, REINDEX, "false"), true));
    }

    @Override
    public void run(TaskRun run) throws Exception {
        ManagedDatabase db = databases.find(run.option(DATABASE)).orElseThrow(() -> new DbTaskFailedException(
                "База «" + run.option(DATABASE) + "» не настроена (ksamu.databases)"));
        boolean reindex = Boolean.parseBoolean(run.option(REINDEX));
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
                run.work().log(WorkContext.LogLevel.INFO, "Сжатие файла H2: H2 уплотняет файл в фоне во время работы;"
                        + " полное сжатие (SHUTDOWN COMPACT) возможно только при закрытии базы и оборвало бы все её"
                        + " подключения, поэтому во время работы сервера не выполняется");
                if (reindex) {
                    run.info("Перестроение индексов для H2 не требуется и не выполняется");
                }
            }
        }
        run.work().progress(100);
        run.info("Сервисное обслуживание завершено");
    }

    /** A statement whose duration the log states. */
    private interface Step {
        void run() throws Exception;
    }

    private static void timed(TaskRun run, String what, Step step) throws Exception {
        run.work().step(what);
        long t0 = System.nanoTime();
        step.run();
        run.info(String.format(Locale.ROOT, "%s: выполнено за %.1f с", what, (System.nanoTime() - t0) / 1e9));
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
