package ru.ksamu.server.update;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import ru.ksamu.server.web.Unavailable;
import ru.ksamu.server.clients.ClientEvents;
import ru.ksamu.server.threads.WorkContext;

/**
 * What a major update means for everyone else right now: nothing, a countdown to an absolute
 * deadline, or a locked main base. The console shows it on every tab; clients get it as events,
 * and a client that connects late gets the current state at once (the remaining time follows from
 * the deadline); the client API refuses work with 503 while the base is locked.
 */
@Component
public class Maintenance {

    /** The phases a major update (or a restore of the main base) shows to the outside. */
    public enum Phase { NONE, COUNTDOWN, LOCKED }

    /** What holds the base: a major update, or a restore from a backup. */
    public enum Operation { UPDATE, RESTORE }

    /**
     * The current state: phase, target version (for a restore: the backup file's name), deadline
     * (countdown) or lock start, and what the operation is.
     */
    public record State(Phase phase, String version, Instant deadline, Instant lockedSince, Operation operation) {
    }

    private static final State IDLE = new State(Phase.NONE, null, null, null, null);

    private final ClientEvents events;
    private final Clock clock;
    private volatile State state = IDLE;
    private volatile String cancelRequested;
    /** Set when a countdown's deadline has passed: from then on the lock goes ahead, a cancel is refused. */
    private volatile boolean deadlinePassed;

    Maintenance(ClientEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    public State state() {
        return state;
    }

    void countdown(String version, Instant deadline) {
        begin(new State(Phase.COUNTDOWN, version, deadline, null, Operation.UPDATE));
        events.broadcast("countdown", countdownEvent(version, deadline));
    }

    /** A new countdown: no cancel asked yet, its deadline ahead (the broadcast goes outside the lock). */
    private synchronized void begin(State countdown) {
        cancelRequested = null;
        deadlinePassed = false;
        state = countdown;
    }

    /**
     * Waits for the countdown's deadline at the thread manager's safe points, showing the time
     * left as the unit's step. Throws {@link CountdownCancelled} when an admin cancels it
     * ({@link #requestCancel}), {@link ru.ksamu.server.threads.WorkCancelledException} on a stop.
     */
    public void awaitDeadline(Instant deadline, WorkContext work) throws CountdownCancelled, InterruptedException {
        while (clock.instant().isBefore(deadline)) {
            String who = cancelRequested;
            if (who != null) {
                throw new CountdownCancelled(who);
            }
            work.checkpoint();
            long left = Duration.between(clock.instant(), deadline).toMillis();
            work.step(String.format(Locale.ROOT, "Обратный отсчёт: блокировка БД через %d:%02d",
                    (left + 999) / 60_000, ((left + 999) / 1000) % 60));
            Thread.sleep(Math.max(1, Math.min(250, left)));
        }
        // One step with requestCancel: a cancel either lands before this point and is honoured,
        // or after it and is refused as too late; never accepted and then ignored.
        synchronized (this) {
            String who = cancelRequested;
            if (who != null) {
                throw new CountdownCancelled(who);
            }
            deadlinePassed = true;
        }
    }

    /** What an admin's "Отменить обратный отсчёт" got, with what the console and the API say of it. */
    public enum CancelAnswer {
        /** A countdown was running; it stops at its next check and the base is not locked. */
        CANCELLING("Обратный отсчёт отменяется: база данных не будет заблокирована",
                "the countdown is being cancelled"),
        /** There is no countdown. */
        NO_COUNTDOWN("Обратного отсчёта нет", "there is no countdown"),
        /** The deadline has passed: the base is being (or is) locked, the operation goes on. */
        TOO_LATE("Отменить нельзя: время вышло, база данных уже блокируется",
                "too late: the deadline has passed and the database is being locked");

        private final String russian;
        private final String english;

        CancelAnswer(String russian, String english) {
            this.russian = russian;
            this.english = english;
        }

        public String russian() {
            return russian;
        }

        public String english() {
            return english;
        }
    }

    /** Отменить обратный отсчёт. */
    public synchronized CancelAnswer requestCancel(String who) {
        Phase phase = state.phase();
        if (phase == Phase.LOCKED || phase == Phase.COUNTDOWN && deadlinePassed) {
            return CancelAnswer.TOO_LATE;
        }
        if (phase != Phase.COUNTDOWN) {
            return CancelAnswer.NO_COUNTDOWN;
        }
        cancelRequested = who;
        return CancelAnswer.CANCELLING;
    }

    /** The countdown was cancelled by an admin ({@link #who} names them). */
    public static final class CountdownCancelled extends Exception {
        private final String who;

        CountdownCancelled(String who) {
            super("cancelled by " + who);
            this.who = who;
        }

        public String who() {
            return who;
        }
    }

    void cancelled(String version, String reasonRu) {
        state = IDLE;
        events.broadcast("cancelled", event(version, "Обновление до " + version + " отменено: " + reasonRu
                + ". Работа продолжается", "The update to " + version + " was cancelled; work goes on"));
    }

    void locked(String version, Instant since) {
        state = new State(Phase.LOCKED, version, null, since, Operation.UPDATE);
        events.broadcast("locked", event(version, "Идёт обновление до " + version + ": база данных заблокирована",
                "Updating to " + version + ": the database is locked"));
    }

    void completed(String version) {
        state = IDLE;
        events.broadcast("completed", event(version, "Обновление завершено: перезайдите в МИС или закройте программу",
                "The update is complete: log in to the MIS again or close the program"));
    }

    void failed(String version, String reasonRu) {
        state = IDLE;
        events.broadcast("failed", event(version, "Обновление не удалось, работа продолжается (" + reasonRu + ")",
                "The update failed; work goes on"));
    }

    /** The events a client connecting now must get to see the current state. */
    public List<ClientEvents.Event> greeting() {
        State s = state;
        return switch (s.phase()) {
            case COUNTDOWN -> List.of(new ClientEvents.Event("countdown", s.operation() == Operation.RESTORE
                    ? restoreCountdownEvent(s.version(), s.deadline()) : countdownEvent(s.version(), s.deadline())));
            case LOCKED -> List.of(new ClientEvents.Event("locked", s.operation() == Operation.RESTORE
                    ? restoreLockedEvent(s.version()) : event(s.version(),
                    "Идёт обновление до " + s.version() + ": база данных заблокирована",
                    "Updating to " + s.version() + ": the database is locked")));
            case NONE -> List.of();
        };
    }

    /** Throws 503 with Retry-After while the main base is locked. */
    public void refuseWhileLocked() {
        State s = state;
        if (s.phase() == Phase.LOCKED && s.operation() == Operation.RESTORE) {
            throw new Unavailable("Идёт восстановление базы данных из резервной копии" + since(s) + ", повторите позже",
                    "the database is being restored from a backup, try later", 60);
        }
        if (s.phase() == Phase.LOCKED) {
            throw new Unavailable("Идёт обновление до " + s.version() + ": база данных заблокирована" + since(s)
                    + ", повторите позже", "updating to " + s.version() + ": the database is locked, try later", 60);
        }
    }

    /** " с 25.11.2026 03:00:04": when the lock began, so a waiting user sees how long it has lasted. */
    private String since(State s) {
        return s.lockedSince() == null ? "" : " с " + ru.ksamu.server.time.Times.shown(s.lockedSince(), clock.getZone());
    }

    public Optional<State> active() {
        return state.phase() == Phase.NONE ? Optional.empty() : Optional.of(state);
    }

    // A restore of the main base from a backup (ru.ksamu.server.dbtasks) shows the same phases and
    // events as a major update, with its own texts; "version" carries the backup file's name.

    /** A restore's countdown begins: clients are warned as before a major update. */
    public void restoreCountdown(String file, Instant deadline) {
        begin(new State(Phase.COUNTDOWN, file, deadline, null, Operation.RESTORE));
        events.broadcast("countdown", restoreCountdownEvent(file, deadline));
    }

    public void restoreCancelled(String file, String reasonRu) {
        state = IDLE;
        events.broadcast("cancelled", event(file, "Восстановление базы из резервной копии " + file + " отменено: "
                + reasonRu + ". Работа продолжается", "The restore from " + file + " was cancelled; work goes on"));
    }

    public void restoreLocked(String file, Instant since) {
        state = new State(Phase.LOCKED, file, null, since, Operation.RESTORE);
        events.broadcast("locked", restoreLockedEvent(file));
    }

    public void restoreCompleted(String file) {
        state = IDLE;
        events.broadcast("completed", event(file, "База данных восстановлена из резервной копии " + file
                + ": перезайдите в МИС или закройте программу",
                "The database was restored from " + file + ": log in to the MIS again or close the program"));
    }

    public void restoreFailed(String file, String reasonRu) {
        state = IDLE;
        events.broadcast("failed", event(file, "Восстановление из резервной копии не удалось, база данных осталась прежней,"
                + " работа продолжается (" + reasonRu + ")", "The restore failed; the database is unchanged, work goes on"));
    }

    private static Map<String, Object> restoreCountdownEvent(String file, Instant deadline) {
        Map<String, Object> m = event(file, "База данных будет заблокирована для восстановления из резервной копии "
                + file + ", сохраните работу", "The database will be locked to restore it from " + file + "; save your work");
        m.put("deadline", deadline.toString());
        return m;
    }

    private static Map<String, Object> restoreLockedEvent(String file) {
        return event(file, "Идёт восстановление базы данных из резервной копии " + file + ": база данных заблокирована",
                "Restoring the database from " + file + ": the database is locked");
    }

    private static Map<String, Object> countdownEvent(String version, Instant deadline) {
        Map<String, Object> m = event(version, "База данных будет заблокирована для обновления до " + version
                + ", сохраните работу", "The database will be locked for the update to " + version + "; save your work");
        m.put("deadline", deadline.toString());
        return m;
    }

    private static Map<String, Object> event(String version, String ru, String en) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("message", ru);
        m.put("messageEn", en);
        return m;
    }
}
