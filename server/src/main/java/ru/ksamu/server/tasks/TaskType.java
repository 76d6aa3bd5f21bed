package ru.ksamu.server.tasks;

import java.util.List;
import java.util.Map;
import ru.ksamu.schedule.ScheduleValidator.FieldError;

/**
 * A kind of work the server can schedule (the editor's "Задача" list). A new task type is one
 * class implementing this interface and annotated {@code @Component}; the registry finds it.
 */
public interface TaskType {

    /** Stable key stored with each task, e.g. {@code LOG_TRIM}. */
    String key();

    /** The name shown in the editor's "Задача" list, in Russian. */
    String titleRu();

    String titleEn();

    /** Exclusive types run alone: they wait for running tasks, and later arrivals wait behind them. */
    boolean exclusive();

    /** Cloud-facing types spread their calls with the per-installation offset. */
    default boolean cloudOffset() {
        return false;
    }

    /** The options this type takes ("Опции"); anything else is refused. */
    List<TaskOption> options();

    /**
     * Checks that go beyond each option's kind (a URL, a charset, two options that exclude each
     * other), asked when a task is saved and every option already passed its kind's check.
     * Field names are {@code options.<key>}; messages Russian and English.
     */
    default List<FieldError> checkOptions(Map<String, String> options) {
        return List.of();
    }

    /** Does the work; checks {@code run.work().checkpoint()} at safe points. */
    void run(TaskRun run) throws Exception;

    /** The tasks this type contributes on the first start (the article's table), possibly none. */
    default List<TaskForm> defaults() {
        return List.of();
    }

    /**
     * The mark that a default task was created once (kept in {@code task_type_seeded}); the type's
     * key unless a type seeds per configured database. An admin's deletion is never undone.
     */
    default String seedKey(TaskForm form) {
        return key();
    }
}
