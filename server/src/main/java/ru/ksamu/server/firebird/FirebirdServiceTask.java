package ru.ksamu.server.firebird;

import java.io.OutputStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import ru.ksamu.release.Durations;
import ru.ksamu.schedule.ScheduleValidator.FieldError;
import ru.ksamu.server.databases.DbTaskFailedException;
import ru.ksamu.server.databases.ManagedDatabase;
import ru.ksamu.server.databases.ManagedDatabases;
import ru.ksamu.server.tasks.TaskForm;
import ru.ksamu.server.tasks.TaskOption;
import ru.ksamu.server.tasks.TaskRun;
import ru.ksamu.server.tasks.TaskType;
import ru.ksamu.server.threads.WorkContext;

/**
 * Сервисное обслуживание баз данных FireBird/RedDatabase (the article's Figure 1), while the clinic
 * works (not exclusive), through the services API: sweep, online validation (Firebird 3+: each
 * table locked only for its own check) and index statistics; every line the server answers goes
 * to the run log. A validation that reports errors fails the run, naming them.
 */
@Component
class FirebirdServiceTask implements TaskType {

    static final String KEY = "FIREBIRD_SERVICE";
    static final String DATABASE = "database";
    static final String SWEEP = "sweep";
    static final String VALIDATE = "validate";
    static final String STATISTICS = "statistics";
    static final String LOCK_TIMEOUT = "lock-timeout";

    /** A validation line reporting a non-zero count of errors, e.g. "Relation 128 (P) : 2 ERRORS found". */
    private static final Pattern FAULT = Pattern.compile("(?i).*\\b[1-9]\\d*\\s+errors?\\b.*");

    private final ManagedDatabases databases;
    private final FirebirdServices services;

    FirebirdServiceTask(ManagedDatabases databases, FirebirdServices services) {
        this.databases = databases;
        this.services = services;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String titleRu() {
        return "Сервисное обслуживание баз данных FireBird/RedDatabase";
    }

    @Override
    public String titleEn() {
        return "Firebird/RedDatabase maintenance";
    }

    @Override
    public boolean exclusive() {
        return false;
    }

    @Override
    public List<TaskOption> options() {
        return List.of(new TaskOption(DATABASE, "База данных Firebird/RedDatabase", TaskOption.Kind.DATABASE, true, null),
                new TaskOption(SWEEP, "Сборка мусора (sweep)", TaskOption.Kind.FLAG, false, "true"),
                new TaskOption(VALIDATE, "Проверка базы (онлайн-валидация)", TaskOption.Kind.FLAG, false, "true"),
                new TaskOption(STATISTICS, "Статистика индексов", TaskOption.Kind.FLAG, false, "true"),
                new TaskOption(LOCK_TIMEOUT, "Ожидание блокировки таблицы при проверке, с", TaskOption.Kind.NUMBER, false, "10"));
    }

    @Override
    public List<FieldError> checkOptions(Map<String, String> options) {
        List<FieldError> errors = new ArrayList<>();
        String name = options.get(DATABASE);
        databases.find(name).filter(db -> !FirebirdBackups.handles(db)).ifPresent(db -> errors.add(new FieldError(
                "options." + DATABASE, "«База данных» = «" + name + "»: это база " + db.kind().title()
                + ", а задача обслуживает только базы Firebird/RedDatabase",
                "Option 'database' = '" + name + "': a " + db.kind().title() + " database; this task serves Firebird/RedDatabase only")));
        String timeout = options.getOrDefault(LOCK_TIMEOUT, "10");
        if (timeout.matches("\\d{1,9}") && Long.parseLong(timeout) > 3600) {
            errors.add(new FieldError("options." + LOCK_TIMEOUT, "«Ожидание блокировки» = «" + timeout + "»: не больше 3600 с",
                    "Option 'lock-timeout' = '" + timeout + "': at most 3600 s"));
        }
        if (List.of(SWEEP, VALIDATE, STATISTICS).stream().noneMatch(k -> "true".equals(options.get(k)))) {
            errors.add(new FieldError("options." + SWEEP, "Выберите хотя бы одно действие: sweep, проверку или статистику",
                    "Choose at least one of sweep, validation, statistics"));
        }
        return errors;
    }

    /** Weekly, on Sunday night, one task per configured Firebird base. */
    @Override
    public List<TaskForm> defaults() {
        return databases.all().stream().filter(FirebirdBackups::handles)
                .map(db -> new TaskForm(KEY, "Сервисное обслуживание FireBird/RedDatabase «" + db.title() + "»",
                        "27.04.2014 22:00:00", "WEEK", List.of(), null, null, "ALL",
                        Map.of(DATABASE, db.name(), SWEEP, "true", VALIDATE, "true", STATISTICS, "true", LOCK_TIMEOUT, "10"), true))
                .toList();
    }

    @Override
    public String seedKey(TaskForm form) {
        return KEY + ":" + form.options().get(DATABASE);
    }

    @Override
    public void run(TaskRun run) throws Exception {
        ManagedDatabase db = databases.find(run.option(DATABASE)).orElseThrow(() -> new DbTaskFailedException(
                "База «" + run.option(DATABASE) + "» не настроена (ksamu.databases)"));
        if (!FirebirdBackups.handles(db)) {
            throw new DbTaskFailedException("База «" + db.title() + "» — " + db.kind().title()
                    + ": эта задача обслуживает только базы Firebird/RedDatabase");
        }
        FirebirdBase base = FirebirdBase.of(db);
        WorkContext work = run.work();
        run.info("Сервисное обслуживание базы «" + db.title() + "» (" + base + ")");
        step(run, base, "Версия сервера", () -> run.info("Сервер Firebird: " + services.serverVersion(base)));
        work.progress(5);
        if (Boolean.parseBoolean(run.option(SWEEP))) {
            work.checkpoint();
            step(run, base, "Сборка мусора (sweep)", () -> services.sweep(base, answers(run, "sweep")));
        }
        work.progress(30);
        List<String> faults = new ArrayList<>();
        if (Boolean.parseBoolean(run.option(VALIDATE))) {
            work.checkpoint();
            int lockTimeout = (int) Math.min(3600, run.numberOption(LOCK_TIMEOUT));
            LogLines out = new LogLines(line -> work.log(FAULT.matcher(line).matches() ? WorkContext.LogLevel.ERROR
                    : WorkContext.LogLevel.INFO, "validate: " + line));
            step(run, base, "Проверка базы (онлайн-валидация)", () -> {
                services.validateOnline(base, lockTimeout, out);
                out.close();
            });
            out.lines().stream().filter(l -> FAULT.matcher(l).matches()).forEach(faults::add);
        }
        work.progress(70);
        if (Boolean.parseBoolean(run.option(STATISTICS))) {
            work.checkpoint();
            LogLines out = answers(run, "gstat");
            step(run, base, "Статистика индексов", () -> {
                services.indexStatistics(base, out);
                out.close();
            });
        }
        work.progress(100);
        if (!faults.isEmpty()) {
            throw new DbTaskFailedException("Проверка базы «" + db.title() + "» нашла ошибки (" + faults.size() + "): "
                    + String.join("; ", faults.subList(0, Math.min(10, faults.size()))));
        }
        run.info("Сервисное обслуживание завершено");
    }

    private static LogLines answers(TaskRun run, String prefix) {
        return new LogLines(line -> run.info(prefix + ": " + line));
    }

    private interface Call {
        void run() throws Exception;
    }

    /** One services call: its step, its duration in the log, the server's refusal in Russian. */
    private static void step(TaskRun run, FirebirdBase base, String what, Call call) throws Exception {
        run.work().step(what);
        long t0 = System.nanoTime();
        try {
            call.run();
        } catch (SQLException e) {
            throw FirebirdFailures.explain(base, what + " не выполнено", e);
        }
        run.info(what + ": выполнено за " + Durations.lasted(Duration.ofNanos(System.nanoTime() - t0), true));
    }
}
