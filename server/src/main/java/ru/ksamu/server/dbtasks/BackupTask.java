package ru.ksamu.server.dbtasks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import ru.ksamu.server.databases.DbTaskFailedException;
import ru.ksamu.server.databases.ManagedDatabase;
import ru.ksamu.server.databases.ManagedDatabases;
import ru.ksamu.server.tasks.TaskForm;
import ru.ksamu.server.tasks.TaskOption;
import ru.ksamu.server.tasks.TaskRun;
import ru.ksamu.server.tasks.TaskType;

/**
 * Бэкап: a backup of one managed database into a folder (the article's {@code E:\Backup}), named
 * by database and time, read back before it gets its name, and the last N kept.
 *
 * <p>Not exclusive: H2's {@code SCRIPT} and {@code pg_dump} read while the clinic works, so a
 * nightly backup neither waits for running tasks nor holds them up; the exclusive gate still keeps
 * it apart from updates and restores, which are exclusive.
 */
@Component
class BackupTask implements TaskType {

    static final String KEY = "BACKUP";
    static final String DATABASE = "database";
    static final String FOLDER = "folder";
    static final String KEEP = "keep";
    /** The article's "База печатных форм" and "Дополнительная БД", when configured under these names. */
    static final String PRINT_FORMS = "print-forms";
    static final String ADDITIONAL = "additional";

    private final Backups backups;
    private final ManagedDatabases databases;

    BackupTask(Backups backups, ManagedDatabases databases) {
        this.backups = backups;
        this.databases = databases;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String titleRu() {
        return "Бэкап";
    }

    @Override
    public String titleEn() {
        return "Backup";
    }

    @Override
    public boolean exclusive() {
        return false;
    }

    @Override
    public List<TaskOption> options() {
        return List.of(new TaskOption(DATABASE, "База данных", TaskOption.Kind.DATABASE, true, ManagedDatabase.MAIN),
                new TaskOption(FOLDER, "Папка для копий (пусто — <data>/backups)", TaskOption.Kind.FOLDER, false, null),
                new TaskOption(KEEP, "Хранить последних копий (0 — все)", TaskOption.Kind.NUMBER, false, "7"));
    }

    /** The article's nightly backup of the main base: every day at 03:00, never in working hours. */
    @Override
    public List<TaskForm> defaults() {
        List<TaskForm> forms = new ArrayList<>();
        forms.add(daily("Бэкап \"Главной базы\"", "01.01.2014 21:00:00", ManagedDatabase.MAIN));
        if (databases.find(PRINT_FORMS).isPresent()) {
            forms.add(daily("Бэкап \"Базы печатных форм\"", "01.01.2014 22:00:00", PRINT_FORMS));
        }
        if (databases.find(ADDITIONAL).isPresent()) {
            forms.add(daily("Бэкап дополнительной БД", "01.01.2014 23:00:00", ADDITIONAL));
        }
        return forms;
    }

    /**
     * The main base's backup is seeded under the type's key (as before); each further database's
     * under its own, so a database configured later still gets its backup, once.
     */
    @Override
    public String seedKey(TaskForm form) {
        String db = form.options().get(DATABASE);
        return ManagedDatabase.MAIN.equals(db) ? KEY : KEY + ":" + db;
    }

    private static TaskForm daily(String name, String start, String database) {
        return new TaskForm(KEY, name, start, "DAY", List.of(), null, null, "ALL",
                Map.of(DATABASE, database, KEEP, "7"), true);
    }

    @Override
    public void run(TaskRun run) throws Exception {
        ManagedDatabase db = databases.find(run.option(DATABASE)).orElseThrow(() -> new DbTaskFailedException(
                "База «" + run.option(DATABASE) + "» не настроена (ksamu.databases)"));
        Path folder = backups.folder(run.option(FOLDER));
        int keep = (int) Math.min(10_000, run.numberOption(KEEP));
        run.info("Резервная копия базы «" + db.title() + "» (" + db.kind() + ") в папку " + folder);
        BackupFile file = backups.backup(db, folder, run.work());
        run.info("Резервная копия готова: " + file.path() + " (" + file.size() + " байт)");
        if (keep > 0) {
            run.work().step("Удаление старых копий (хранить " + keep + ")");
            List<BackupFile> removed = BackupFile.prune(folder, db.name(), keep);
            run.info(removed.isEmpty() ? "Старых копий сверх " + keep + " нет"
                    : "Удалены старые копии (хранится " + keep + "): "
                    + String.join(", ", removed.stream().map(BackupFile::name).toList()));
        }
        run.work().progress(100);
    }
}
