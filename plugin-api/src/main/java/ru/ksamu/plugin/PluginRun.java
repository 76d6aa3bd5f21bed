package ru.ksamu.plugin;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * What a plug-in's task gets when it runs: its options, the run's time, the run log and the
 * thread manager's stop flag, step and progress.
 */
public interface PluginRun {

    /** The task's name as the admin gave it ("Наименование"). */
    String taskName();

    /** The task's checked options, with the type's defaults filled in. */
    Map<String, String> options();

    /** One option's value, or null when it has none. */
    default String option(String key) {
        return options().get(key);
    }

    /** When this run started, by the server's clock. */
    Instant startedAt();

    /** The server's time zone (the schedule's). */
    ZoneId zone();

    /** Writes a line to the run log, in Russian (the admin reads it under "Логи"). */
    void info(String messageRu);

    /** Writes a warning to the run log, in Russian. */
    void warn(String messageRu);

    /** The current step, in Russian, shown in the thread manager. */
    void step(String stepRu);

    /** Progress in percent (0..100), shown in the thread manager. */
    void progress(int percent);

    /**
     * A safe point: when the admin pressed "Остановить" it throws an unchecked exception that
     * ends the run as stopped. Let it pass (do not catch {@link RuntimeException} around it).
     */
    void checkpoint();

    /** Whether a stop was requested, for work that must end its own resources first. */
    boolean stopRequested();
}
