package ru.ksamu.server.threads;

import java.time.Instant;
import java.util.Objects;

/**
 * What to run and how the thread manager treats it. Build it with the named factories ({@link #task},
 * {@link #exclusiveManual}, {@link #exclusiveBackground}, {@link #system}); the canonical constructor stays
 * public only because a record's must be.
 *
 * @param name      the Russian name shown in the thread manager (usually the task's name)
 * @param kind      scheduled, manual or background
 * @param startedBy who asked for it ("планировщик", an admin's login, or {@link #SYSTEM_USER})
 * @param exclusive whether it must run alone (waits for running units; later arrivals wait behind it)
 * @param system    background system work (event streams, countdowns): never gated, never stopped by "stop all"
 * @param taskId    the task definition it runs, or null
 * @param plannedAt when a scheduled run was due (its trigger time), or null
 * @param work      the body
 */
public record WorkRequest(String name, WorkKind kind, String startedBy, boolean exclusive, boolean system,
                          Long taskId, Instant plannedAt, Work work) {

    /** The one name of the server itself as the one who started a unit, as the thread manager and run logs show it. */
    public static final String SYSTEM_USER = "система";
    /** Who starts the runs the schedule starts (the console words it through its bundles). */
    public static final String SCHEDULER_USER = "планировщик";

    public WorkRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(work, "work");
        if (system && exclusive) {
            throw new IllegalArgumentException("system work cannot be exclusive: " + name);
        }
    }

    /** A run of a task definition, gated like any task; exclusive if its type says so. */
    public static WorkRequest task(String name, WorkKind kind, String startedBy, boolean exclusive, Long taskId, Work work) {
        return task(name, kind, startedBy, exclusive, taskId, null, work);
    }

    /** A run of a task definition that was due at {@code plannedAt} (null for a run by hand). */
    public static WorkRequest task(String name, WorkKind kind, String startedBy, boolean exclusive, Long taskId,
                                   Instant plannedAt, Work work) {
        return new WorkRequest(name, kind, startedBy, exclusive, false, taskId, plannedAt, work);
    }

    /** An exclusive unit an admin started by hand, not tied to a task definition (a restore, a test update). */
    public static WorkRequest exclusiveManual(String name, String startedBy, Work work) {
        return new WorkRequest(name, WorkKind.MANUAL, startedBy, true, false, null, null, work);
    }

    /**
     * An exclusive unit the server starts on its own (an interrupted update resumed at start): background, started by
     * {@link #SYSTEM_USER}, yet gated and stoppable like any exclusive unit.
     */
    public static WorkRequest exclusiveBackground(String name, Work work) {
        return new WorkRequest(name, WorkKind.BACKGROUND, SYSTEM_USER, true, false, null, null, work);
    }

    /** Background system work (notices): never gated, never stopped by "stop all". */
    public static WorkRequest system(String name, Work work) {
        return new WorkRequest(name, WorkKind.BACKGROUND, SYSTEM_USER, false, true, null, null, work);
    }

    /** A viewer's stream (the live log): system work of kind {@link WorkKind#STREAM}, kept out of the history. */
    public static WorkRequest stream(String name, Work work) {
        return new WorkRequest(name, WorkKind.STREAM, SYSTEM_USER, false, true, null, null, work);
    }
}
