package ru.ksamu.server.threads;

import java.time.Instant;
import java.util.Objects;

/**
 * What to run and how the thread manager treats it.
 *
 * @param name      the Russian name shown in the thread manager (usually the task's name)
 * @param kind      scheduled, manual or background
 * @param startedBy who asked for it ("планировщик", "admin", "система")
 * @param exclusive whether it must run alone (waits for running units; later arrivals wait behind it)
 * @param system    background system work (event streams, countdowns): never gated, never stopped by "stop all"
 * @param taskId    the task definition it runs, or null
 * @param plannedAt when a scheduled run was due (its trigger time), or null
 * @param work      the body
 */
public record WorkRequest(String name, WorkKind kind, String startedBy, boolean exclusive, boolean system,
                          Long taskId, Instant plannedAt, Work work) {

    public WorkRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(work, "work");
        if (system && exclusive) {
            throw new IllegalArgumentException("system work cannot be exclusive: " + name);
        }
    }

    public static WorkRequest task(String name, WorkKind kind, String startedBy, boolean exclusive, Long taskId, Work work) {
        return new WorkRequest(name, kind, startedBy, exclusive, false, taskId, null, work);
    }

    public static WorkRequest system(String name, Work work) {
        return new WorkRequest(name, WorkKind.BACKGROUND, "система", false, true, null, null, work);
    }
}
