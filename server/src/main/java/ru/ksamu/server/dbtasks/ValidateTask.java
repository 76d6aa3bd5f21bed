package ru.ksamu.server.dbtasks;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.DatabaseKind;
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
 * Валидация БД: the integrity checks of {@link DbChecks} on one managed database. Each fault is an
 * error line in the run log and the run ends failed, so the task table shows it. Not exclusive:
 * the checks only read (amcheck's {@code bt_index_check} takes the lock a plain read takes).
 */
@Component
class ValidateTask implements TaskType {

    static final String KEY = "VALIDATE";
    static final String DATABASE = "database";

    private final ManagedDatabases databases;
    private final MainBase bases;

    ValidateTask(ManagedDatabases databases, MainBase bases) {
        this.databases = databases;
        this.bases = bases;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String titleRu() {
        return "Валидация БД";
    }

    @Override
    public String titleEn() {
        return "Database validation";
    }

    @Override
    public boolean exclusive() {
        return false;
    }

    @Override
    public List<TaskOption> options() {
        return List.of(new TaskOption(DATABASE, "База данных", TaskOption.Kind.DATABASE, true, ManagedDatabase.MAIN));
    }

    /** Weekly, on Sunday night. */
    @Override
    public List<TaskForm> defaults() {
        return List.of(new TaskForm(KEY, "Валидация БД", "01.01.2014 3:00:00", "DAY", List.of(), null,
                null, "ALL", Map.of(DATABASE, ManagedDatabase.MAIN), true));
    }

    @Override
    public void run(TaskRun run) throws Exception {
        ManagedDatabase db = databases.find(run.option(DATABASE)).orElseThrow(() -> new DbTaskFailedException(
                "База «" + run.option(DATABASE) + "» не настроена (ksamu.databases)"));
        if (db.kind() == DatabaseKind.FIREBIRD) {
            throw new DbTaskFailedException("База «" + db.title() + "» — Firebird/RedDatabase: её проверяет (онлайн-валидация)"
                    + " задача «Сервисное обслуживание баз данных FireBird/RedDatabase»");
        }
        run.info("Проверка целостности базы «" + db.title() + "» (" + db.kind() + ")");
        DbChecks checks;
        try (Connection c = bases.connect(db)) {
            checks = new DbChecks(c, db.kind(), run.work());
            checks.run();
        }
        run.info("Проверено: " + String.join("; ", checks.notes()));
        for (String fault : checks.faults()) {
            run.work().log(WorkContext.LogLevel.ERROR, fault);
        }
        if (!checks.faults().isEmpty()) {
            throw new DbTaskFailedException("Валидация базы «" + db.title() + "»: найдено нарушений: " + checks.faults().size()
                    + " (подробности выше в журнале)");
        }
        run.info("Нарушений целостности не найдено");
    }
}
