package ru.ksamu.server.update;

import ru.ksamu.server.threads.WorkContext;

/**
 * Told when a major update reaches each of its steps. Production has no such bean and the engine
 * uses {@link #NONE}; the crash tests (e2e {@code MajorCrashContract}) supply one that waits at a
 * chosen step so the process can be killed exactly there.
 */
@FunctionalInterface
public interface MajorUpdateSteps {

    /** Nothing happens at any step: what a server runs with. */
    MajorUpdateSteps NONE = (step, work) -> { };

    /**
     * The update has reached {@code step} and goes on when this returns.
     *
     * @throws InterruptedException when the unit's thread is interrupted while this waits; the update
     *                              then fails like any other interrupted step (rolled back under the lock)
     */
    void reached(Step step, WorkContext work) throws InterruptedException;

    /** The steps of a major update, in order: after the countdown, then under the lock. */
    enum Step { AFTER_COUNTDOWN, AFTER_LOCK, DURING_BACKUP, DURING_MIGRATION, AFTER_MIGRATION, DURING_INSTALL, BEFORE_UNLOCK }
}
