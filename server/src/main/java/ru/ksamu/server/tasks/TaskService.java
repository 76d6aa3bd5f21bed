package ru.ksamu.server.tasks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import ru.ksamu.schedule.ScheduleDraft;
import ru.ksamu.schedule.ScheduleValidator;
import ru.ksamu.schedule.ScheduleValidator.FieldError;
import ru.ksamu.server.databases.ManagedDatabase;
import ru.ksamu.server.databases.ManagedDatabases;

/** The task table: list, create, change, delete, run now; every change re-arms the task's trigger. */
@Service
public class TaskService {

    private static final Logger log = LoggerFactory.getLogger(TaskService.class);
    static final int MAX_NAME = 200;

    private final TaskStore store;
    private final TaskTypes types;
    private final TaskEngine engine;
    private final Set<String> databases;

    TaskService(TaskStore store, TaskTypes types, TaskEngine engine, ManagedDatabases databases) {
        this.store = store;
        this.types = types;
        this.engine = engine;
        this.databases = databases.all().stream().map(ManagedDatabase::name).collect(Collectors.toSet());
    }

    /** On start: the article's tasks for each type met for the first time, then a trigger for every task lacking one. */
    @EventListener(ApplicationReadyEvent.class)
    void onStart() throws SchedulerException {
        for (TaskType type : types.all()) {
            for (TaskForm form : type.defaults()) {
                String mark = type.seedKey(form);
                if (store.seeded(mark)) {
                    continue;
                }
                if (!store.nameTaken(form.name(), null)) {
                    create(form);
                    log.info("Created the default task '{}'", form.name());
                }
                store.markSeeded(mark);
            }
            if (type.defaults().isEmpty() && !store.seeded(type.key())) {
                store.markSeeded(type.key());
            }
        }
        engine.armMissing();
    }

    public List<TaskDefinition> list() {
        return store.all(engine::offset);
    }

    public TaskDefinition get(long id) {
        return engine.find(id).orElseThrow(() -> new TaskNotFoundException(id));
    }

    public synchronized TaskDefinition create(TaskForm form) {
        Checked c = check(form, null);
        long id = store.insert(c.result().schedule().orElseThrow(), c.options());
        TaskDefinition task = get(id);
        engine.arm(task);
        return get(id);
    }

    public synchronized TaskDefinition update(long id, TaskForm form) {
        get(id);
        Checked c = check(form, id);
        store.update(id, c.result().schedule().orElseThrow(), c.options());
        engine.arm(get(id));
        return get(id);
    }

    public synchronized void delete(long id) {
        get(id);
        engine.forget(id);
        store.delete(id);
    }

    /**
     * Why a saved task can never run (the article's past "Однократно" task), as the editor's
     * warning; empty when it will run. Checked as if enabled, like the editor's input.
     */
    public List<FieldError> warnings(TaskDefinition task) {
        return ScheduleValidator.check(task.schedule(), engine.now()).stream()
                .filter(e -> e.field().equals(ScheduleValidator.WHOLE_SCHEDULE)).toList();
    }

    /** Выполнить задание немедленно; returns the run id. */
    public long runNow(long id, String who) {
        return engine.runNow(id, who);
    }

    private record Checked(ScheduleValidator.Result result, Map<String, String> options) {
    }

    private Checked check(TaskForm form, Long id) {
        List<FieldError> errors = new ArrayList<>();
        TaskType type = types.find(form.type()).orElse(null);
        if (form.type() != null && !form.type().isBlank() && type == null) {
            errors.add(new FieldError("type", "Неизвестная задача «" + form.type() + "» (есть: "
                    + types.all().stream().map(TaskType::key).collect(Collectors.joining(", ")) + ")",
                    "Unknown task type '" + form.type() + "'"));
        }
        ScheduleDraft draft = new ScheduleDraft(form.type(), form.name(), form.start(), form.periodicity(),
                form.forbiddenWeekdays(), form.forbiddenFrom(), form.forbiddenTo(), form.days(), form.enabled());
        ScheduleValidator.Result result = ScheduleValidator.validate(draft, engine.now(),
                p -> engine.offset(form.type(), p));
        errors.addAll(result.errors());
        if (form.name() != null && form.name().strip().length() > MAX_NAME) {
            errors.add(new FieldError("name", "Наименование не длиннее " + MAX_NAME + " символов",
                    "The name is at most " + MAX_NAME + " characters"));
        } else if (form.name() != null && TaskOptions.hasControlCharacters(form.name())) {
            errors.add(new FieldError("name", "Наименование не должно содержать управляющих символов (перевод строки, табуляция и т. п.)",
                    "The name must not contain control characters (line breaks, tabs, ...)"));
        } else if (form.name() != null && !form.name().isBlank() && store.nameTaken(form.name(), id)) {
            errors.add(new FieldError("name", "Задание с наименованием «" + form.name().strip() + "» уже есть",
                    "A task named '" + form.name().strip() + "' already exists"));
        }
        if (type != null) {
            errors.addAll(TaskOptions.check(type, form.options(), databases));
        }
        if (!errors.isEmpty()) {
            throw new TaskValidationException(dedupe(errors));
        }
        return new Checked(result, TaskOptions.withDefaults(type, form.options()));
    }

    private static List<FieldError> dedupe(List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        return errors.stream().filter(e -> seen.add(e.field() + "|" + e.messageRu())).toList();
    }
}
