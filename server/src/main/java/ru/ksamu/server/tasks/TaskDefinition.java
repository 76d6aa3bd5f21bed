package ru.ksamu.server.tasks;

import java.time.Instant;
import java.util.Map;
import ru.ksamu.schedule.Schedule;

/**
 * A stored task: its id, its schedule (the model computes its fire times), its options and what
 * happened last.
 */
public record TaskDefinition(long id, String type, Schedule schedule, Map<String, String> options,
                             Instant nextFireAt, boolean missed, LastRun lastRun) {

    public String name() {
        return schedule.name();
    }

    public boolean enabled() {
        return schedule.enabled();
    }

    /** The last run's id, times and outcome; all null before the first run. */
    public record LastRun(Long runId, Instant startedAt, Instant finishedAt, String state, String error) {
        static final LastRun NONE = new LastRun(null, null, null, null, null);
    }
}
