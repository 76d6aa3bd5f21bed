package ru.ksamu.server.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import ru.ksamu.release.Durations;
import ru.ksamu.server.maintenance.ClientNotices.Notice;
import ru.ksamu.server.threads.WorkCancelledException;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.time.Times;
import ru.ksamu.server.web.Unavailable;

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

    /**
     * What holds the base: a major update (its subject is the target version), or a restore from a
     * backup (its subject is the backup file's name). Each operation's texts are written here once:
     * what clients are told in each phase (Russian, English), the run log's countdown line, and the
     * API's refusal while the base is locked.
     */
    public enum Operation {
        UPDATE("База данных будет заблокирована для обновления до %s, сохраните работу",
                "The database will be locked for the update to %s; save your work",
                "Идёт обновление до %s: база данных заблокирована", "Updating to %s: the database is locked",
                "Обновление до %s отменено: %s. Работа продолжается", "The update to %s was cancelled; work goes on",
                "Обновление до %s завершено: перезайдите в МИС или закройте программу; база была заблокирована %s",
                "The update to %s is complete: log in to the MIS again or close the program; the database was locked for %s",
                "Обновление не удалось, работа продолжается (%2$s)", "The update failed; work goes on",
                "Мажорное обновление до %s: база данных будет заблокирована в %s (через %d с); пользователи предупреждены",
                "Идёт обновление до %1$s: база данных заблокирована%2$s, повторите позже",
                "updating to %1$s: the database is locked, try later"),
        RESTORE("База данных будет заблокирована для восстановления из резервной копии %s, сохраните работу",
                "The database will be locked to restore it from %s; save your work",
                "Идёт восстановление базы данных из резервной копии %s: база данных заблокирована",
                "Restoring the database from %s: the database is locked",
                "Восстановление базы из резервной копии %s отменено: %s. Работа продолжается",
                "The restore from %s was cancelled; work goes on",
                "База данных восстановлена из резервной копии %s: перезайдите в МИС или закройте программу;"
                        + " база была заблокирована %s",
                "The database was restored from %s: log in to the MIS again or close the program;"
                        + " the database was locked for %s",
                "Восстановление из резервной копии не удалось, база данных осталась прежней, работа продолжается (%2$s)",
                "The restore failed; the database is unchanged, work goes on",
                "Главная база будет заблокирована для восстановления из резервной копии %s в %s (через %d с);"
                        + " пользователи предупреждены",
                "Идёт восстановление базы данных из резервной копии%2$s, повторите позже",
                "the database is being restored from a backup, try later");

        private final String countdownRu;
        private final String countdownEn;
        private final String lockedRu;
        private final String lockedEn;
        private final String cancelledRu;
        private final String cancelledEn;
        private final String completedRu;
        private final String completedEn;
        private final String failedRu;
        private final String failedEn;
        private final String countdownLine;
        private final String refusalRu;
        private final String refusalEn;

        /** The event's {@code operation} field: {@code update} or {@code restore}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        Operation(String countdownRu, String countdownEn, String lockedRu, String lockedEn, String cancelledRu,
                  String cancelledEn, String completedRu, String completedEn, String failedRu, String failedEn,
                  String countdownLine, String refusalRu, String refusalEn) {
            this.countdownRu = countdownRu;
            this.countdownEn = countdownEn;
            this.lockedRu = lockedRu;
            this.lockedEn = lockedEn;
            this.cancelledRu = cancelledRu;
            this.cancelledEn = cancelledEn;
            this.completedRu = completedRu;
            this.completedEn = completedEn;
            this.failedRu = failedRu;
            this.failedEn = failedEn;
            this.countdownLine = countdownLine;
            this.refusalRu = refusalRu;
            this.refusalEn = refusalEn;
        }
    }

    /**
     * The current state: phase, target version (for a restore: the backup file's name), deadline
     * (countdown) or lock start, and what the operation is.
     */
    public record State(Phase phase, String version, Instant deadline, Instant lockedSince, Operation operation) {
    }

    private static final State IDLE = new State(Phase.NONE, null, null, null, null);

    private final ClientNotices clients;
    private final Duration countdown;
    private final Clock clock;
    private volatile State state = IDLE;
    private volatile String cancelRequested;
    /** Set when a countdown's deadline has passed: from then on the lock goes ahead, a cancel is refused. */
    private volatile boolean deadlinePassed;

    Maintenance(ClientNotices clients, MaintenanceSettings settings, Clock clock) {
        this.clients = clients;
        this.countdown = settings.countdown();
        this.clock = clock;
    }

    public State state() {
        return state;
    }

    /**
     * Starts the countdown of an operation: the deadline is {@code ksamu.update.countdown} from now
     * (whole seconds), every client is warned, and the run log says when the base will be locked.
     */
    public Instant startCountdown(Operation operation, String subject, WorkContext work) {
        Instant deadline = clock.instant().plus(countdown).truncatedTo(ChronoUnit.SECONDS);
        begin(new State(Phase.COUNTDOWN, subject, deadline, null, operation));
        clients.broadcast("countdown", countdownEvent(operation, subject, deadline));
        work.log(WorkContext.LogLevel.WARN, String.format(Locale.ROOT, operation.countdownLine, subject,
                Times.shown(deadline, clock.getZone()), countdown.toSeconds()));
        return deadline;
    }

    /**
     * The countdown's deadline has come but the major update's backup is still running: the lock is
     * never taken while it runs, so the deadline moves to {@code later}; every client gets a new
     * countdown event (its {@code postponed} true) and the run log says why. A cancel is accepted
     * again until the new deadline.
     */
    public void postpone(Operation operation, String subject, Instant later, String whyRu, WorkContext work) {
        synchronized (this) {
            deadlinePassed = false;
            state = new State(Phase.COUNTDOWN, subject, later, null, operation);
        }
        Map<String, Object> m = countdownEvent(operation, subject, later);
        m.put("message", m.get("message") + ". Блокировка отложена до " + Times.shown(later, clock.getZone()) + ": " + whyRu);
        m.put("messageEn", m.get("messageEn") + ". The lock is postponed: the backup is not ready yet");
        m.put("postponed", true);
        clients.broadcast("countdown", m);
        work.log(WorkContext.LogLevel.WARN, "Блокировка отложена до " + Times.shown(later, clock.getZone()) + ": " + whyRu
                + "; пользователи предупреждены");
    }

    /**
     * A failed operation left the base in a state only the admin can judge (H2 after a partly
     * applied migration whose backup lacks the countdown's changes): the base stays locked for the
     * MIS (the client API answers 503) until the admin acts and the server is started again.
     */
    public void held(Operation operation, String subject, String reasonRu) {
        state = new State(Phase.LOCKED, subject, null, clock.instant(), operation);
        clients.broadcast("locked", event(operation, subject,
                "База данных остаётся заблокированной: " + reasonRu,
                "The database stays locked: the update failed and needs the administrator"));
    }

    /** Who stopped a countdown, as the run log names them: the admin, or the task's stop. */
    public static String cancelledBy(Exception e) {
        return e instanceof CountdownCancelled c ? c.who() : "остановка задачи";
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
     * ({@link #requestCancel}), {@link WorkCancelledException} on a stop.
     */
    public void awaitDeadline(Instant deadline, WorkContext work) throws CountdownCancelled, InterruptedException {
        while (clock.instant().isBefore(deadline)) {
            String who = cancelRequested;
            if (who != null) {
                throw cancelledStep(who, work);
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
                throw cancelledStep(who, work);
            }
            deadlinePassed = true;
        }
    }

    /** The unit's last step says the countdown was cancelled, not the time that was left. */
    private static CountdownCancelled cancelledStep(String who, WorkContext work) {
        work.step("Обратный отсчёт отменён (" + who + "): база данных не заблокирована");
        return new CountdownCancelled(who);
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

    /** The countdown was cancelled (nothing was locked): work goes on. */
    public void cancelled(Operation operation, String subject, String reasonRu) {
        state = IDLE;
        clients.broadcast("cancelled", event(operation, subject, String.format(operation.cancelledRu, subject, reasonRu),
                String.format(operation.cancelledEn, subject)));
    }

    /** The base is locked from {@code since}: the client API refuses work until the end. */
    public void locked(Operation operation, String subject, Instant since) {
        state = new State(Phase.LOCKED, subject, null, since, operation);
        clients.broadcast("locked", lockedEvent(operation, subject));
    }

    /**
     * Done: users are asked to log in again or close the program, and told how long the main base
     * was locked (from {@link #locked} to now; the event's {@code lockedMillis}). Returns that time,
     * for the run log and the update journal.
     */
    public Duration completed(Operation operation, String subject) {
        State s = state;
        Duration locked = s.phase() == Phase.LOCKED && s.lockedSince() != null
                ? Duration.between(s.lockedSince(), clock.instant()) : Duration.ZERO;
        state = IDLE;
        Map<String, Object> m = event(operation, subject,
                String.format(operation.completedRu, subject, Durations.lasted(locked, true)),
                String.format(operation.completedEn, subject, Durations.lasted(locked, false)));
        m.put("lockedMillis", locked.toMillis());
        clients.broadcast("completed", m);
        return locked;
    }

    /** Failed (the base is as it was): work goes on. */
    public void failed(Operation operation, String subject, String reasonRu) {
        state = IDLE;
        clients.broadcast("failed", event(operation, subject, String.format(operation.failedRu, subject, reasonRu),
                String.format(operation.failedEn, subject)));
    }

    /** The events a client connecting now must get to see the current state. */
    public List<Notice> greeting() {
        State s = state;
        return switch (s.phase()) {
            case COUNTDOWN -> List.of(new Notice("countdown", countdownEvent(s.operation(), s.version(), s.deadline())));
            case LOCKED -> List.of(new Notice("locked", lockedEvent(s.operation(), s.version())));
            case NONE -> List.of();
        };
    }

    /** Throws 503 with Retry-After while the main base is locked. */
    public void refuseWhileLocked() {
        State s = state;
        if (s.phase() == Phase.LOCKED) {
            throw new Unavailable(String.format(s.operation().refusalRu, s.version(), since(s)),
                    String.format(s.operation().refusalEn, s.version()), 60);
        }
    }

    /** " с 25.11.2026 03:00:04": when the lock began, so a waiting user sees how long it has lasted. */
    private String since(State s) {
        return s.lockedSince() == null ? "" : " с " + Times.shown(s.lockedSince(), clock.getZone());
    }

    /** A countdown whose cancel was accepted and has not ended yet: the base will not be locked. */
    public boolean cancelling() {
        return state.phase() == Phase.COUNTDOWN && cancelRequested != null;
    }

    public Optional<State> active() {
        return state.phase() == Phase.NONE ? Optional.empty() : Optional.of(state);
    }

    private static Map<String, Object> countdownEvent(Operation operation, String subject, Instant deadline) {
        Map<String, Object> m = event(operation, subject, String.format(operation.countdownRu, subject),
                String.format(operation.countdownEn, subject));
        m.put("deadline", deadline.toString());
        return m;
    }

    private static Map<String, Object> lockedEvent(Operation operation, String subject) {
        return event(operation, subject, String.format(operation.lockedRu, subject),
                String.format(operation.lockedEn, subject));
    }

    /**
     * The fields every maintenance event carries: {@code operation} ({@code update} / {@code
     * restore}), {@code version} (the target version, or the backup file for a restore), {@code
     * message} (Russian) and {@code messageEn}.
     */
    private static Map<String, Object> event(Operation operation, String version, String ru, String en) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("operation", operation.wireName());
        m.put("version", version);
        m.put("message", ru);
        m.put("messageEn", en);
        return m;
    }
}
