package ru.ksamu.server.update;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import ru.ksamu.server.Unavailable;
import ru.ksamu.server.clients.ClientEvents;

/**
 * What a major update means for everyone else right now: nothing, a countdown to an absolute
 * deadline, or a locked main base. The console shows it on every tab; clients get it as events,
 * and a client that connects late gets the current state at once (the remaining time follows from
 * the deadline); the client API refuses work with 503 while the base is locked.
 */
@Component
public class Maintenance {

    /** The phases a major update shows to the outside. */
    public enum Phase { NONE, COUNTDOWN, LOCKED }

    /** The current state: phase, target version, deadline (countdown) or lock start. */
    public record State(Phase phase, String version, Instant deadline, Instant lockedSince) {
    }

    private final ClientEvents events;
    private volatile State state = new State(Phase.NONE, null, null, null);

    Maintenance(ClientEvents events) {
        this.events = events;
    }

    public State state() {
        return state;
    }

    void countdown(String version, Instant deadline) {
        state = new State(Phase.COUNTDOWN, version, deadline, null);
        events.broadcast("countdown", countdownEvent(version, deadline));
    }

    void cancelled(String version, String reasonRu) {
        state = new State(Phase.NONE, null, null, null);
        events.broadcast("cancelled", event(version, "Обновление до " + version + " отменено: " + reasonRu
                + ". Работа продолжается", "The update to " + version + " was cancelled; work goes on"));
    }

    void locked(String version, Instant since) {
        state = new State(Phase.LOCKED, version, null, since);
        events.broadcast("locked", event(version, "Идёт обновление до " + version + ": база данных заблокирована",
                "Updating to " + version + ": the database is locked"));
    }

    void completed(String version) {
        state = new State(Phase.NONE, null, null, null);
        events.broadcast("completed", event(version, "Обновление завершено: перезайдите в МИС или закройте программу",
                "The update is complete: log in to the MIS again or close the program"));
    }

    void failed(String version, String reasonRu) {
        state = new State(Phase.NONE, null, null, null);
        events.broadcast("failed", event(version, "Обновление не удалось, работа продолжается (" + reasonRu + ")",
                "The update failed; work goes on"));
    }

    /** The events a client connecting now must get to see the current state. */
    public List<ClientEvents.Event> greeting() {
        State s = state;
        return switch (s.phase()) {
            case COUNTDOWN -> List.of(new ClientEvents.Event("countdown", countdownEvent(s.version(), s.deadline())));
            case LOCKED -> List.of(new ClientEvents.Event("locked", event(s.version(),
                    "Идёт обновление до " + s.version() + ": база данных заблокирована",
                    "Updating to " + s.version() + ": the database is locked")));
            case NONE -> List.of();
        };
    }

    /** Throws 503 with Retry-After while the main base is locked. */
    public void refuseWhileLocked() {
        State s = state;
        if (s.phase() == Phase.LOCKED) {
            throw new Unavailable("Идёт обновление до " + s.version() + ": база данных заблокирована, повторите позже"
                    + " / updating to " + s.version() + ": the database is locked, try later", 60);
        }
    }

    public Optional<State> active() {
        return state.phase() == Phase.NONE ? Optional.empty() : Optional.of(state);
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
