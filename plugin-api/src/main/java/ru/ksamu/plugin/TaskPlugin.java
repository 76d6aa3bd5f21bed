package ru.ksamu.plugin;

import java.util.List;

/**
 * A task type delivered in a jar: put the jar into {@code <data>/plugins/} and restart the server;
 * the type then appears in the editor's "Задача" list beside the built-in ones, with the same
 * schedules, run log, "Остановить" and exclusivity.
 *
 * <p>The server finds implementations with {@link java.util.ServiceLoader}: the jar lists them in
 * {@code META-INF/services/ru.ksamu.plugin.TaskPlugin}. Each implementation needs a public
 * no-argument constructor. A plug-in sees only this package and the JDK; its own libraries go
 * into the same jar (each jar has its own class loader).
 *
 * <p>A jar that cannot be loaded, a constructor that throws, or a key that is already taken is
 * reported on the console's Главная page and in the server's log; the server starts without it.
 */
public interface TaskPlugin {

    /**
     * Stable key stored with each task, upper case: letters, digits and {@code _}, 2 to 50
     * characters, starting with a letter (e.g. {@code REGISTRY_EXPORT}). Never change it once
     * tasks use it.
     */
    String key();

    /** The name shown in the editor's "Задача" list, in Russian. */
    String titleRu();

    /** The name in the English console. */
    String titleEn();

    /** Exclusive types run alone: they wait for running tasks, and later arrivals wait behind them. */
    default boolean exclusive() {
        return false;
    }

    /** The options the type takes ("Опции"); anything else is refused when a task is saved. */
    default List<PluginOption> options() {
        return List.of();
    }

    /**
     * Does the work. Calls {@link PluginRun#checkpoint()} at safe points so that "Остановить"
     * ends it; throws with a Russian message to fail the run (the message goes to the run log).
     */
    void run(PluginRun run) throws Exception;
}
