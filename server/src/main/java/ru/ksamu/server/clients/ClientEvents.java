package ru.ksamu.server.clients;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The connected clients: each open event stream ({@code GET /api/v1/client/events}) is one
 * session (user, workstation, version), listed in the console's Клиенты tab, and gets the
 * update events: {@code available} now; {@code countdown}, {@code locked}, {@code completed},
 * {@code failed} with the major update. A comment every 15 s finds dead connections.
 *
 * <p>A stream that fails (the client went away, the web server already closed it) is dropped from the
 * list and never stops a broadcast: the others still get the event, and the caller (an update in
 * its countdown or its lock) never sees that one client was gone.
 */
@Component
public class ClientEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClientEvents.class);
    static final int MAX_SESSIONS = 2000;

    private final Clock clock;
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private ScheduledExecutorService heartbeat;

    ClientEvents(Clock clock) {
        this.clock = clock;
    }

    /** A new session on a new stream; refused (503) past {@link #MAX_SESSIONS}. */
    SseEmitter open(String user, String host, String version, String address, List<Event> greeting) {
        if (sessions.size() >= MAX_SESSIONS) {
            throw new TooManyClientsException();
        }
        SseEmitter emitter = newEmitter();
        long id = ids.incrementAndGet();
        Session s = new Session(id, clip(user), clip(host), clip(version), address, clock.instant(), emitter);
        sessions.put(id, s);
        emitter.onCompletion(() -> sessions.remove(id));
        emitter.onTimeout(() -> sessions.remove(id));
        emitter.onError(e -> sessions.remove(id));
        send(s, "hello", Map.of("session", id));
        for (Event e : greeting) {
            send(s, e.name(), e.data());
        }
        return emitter;
    }

    /** A stream without a time limit (the heartbeat finds dead ones); a test makes failing ones. */
    SseEmitter newEmitter() {
        return new SseEmitter(0L);
    }

    /** Sends an event to every connected client; a failing stream is dropped, never thrown out of here. */
    public void broadcast(String event, Object data) {
        for (Session s : sessions.values()) {
            send(s, event, data);
        }
        log.info("Client event '{}' sent to {} connected client(s)", event, sessions.size());
    }

    /** The connected clients, oldest first. */
    public List<SessionView> sessions() {
        return sessions.values().stream().sorted(Comparator.comparingLong(Session::id))
                .map(s -> new SessionView(s.id(), s.user(), s.host(), s.version(), s.address(), s.connectedAt()))
                .toList();
    }

    private void send(Session s, String event, Object data) {
        try {
            s.emitter().send(SseEmitter.event().name(event).data(data));
        } catch (IOException | RuntimeException e) {
            drop(s, e);
        }
    }

    /**
     * Forgets a stream that failed and ends it. Ending it may fail too (the web server refuses a stream
     * whose error it has already handled): that is the end we wanted, so it is only logged.
     */
    private void drop(Session s, Exception cause) {
        sessions.remove(s.id());
        end(s, emitter -> emitter.completeWithError(cause));
    }

    /** Ends a stream; one the web server has already closed refuses, which is logged only. */
    private static void end(Session s, java.util.function.Consumer<SseEmitter> how) {
        try {
            how.accept(s.emitter());
        } catch (RuntimeException e) {
            log.debug("Client stream #{} ({}) already closed: {}", s.id(), s.host(), e.toString());
        }
    }

    private static String clip(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String t = text.strip();
        return t.length() > 100 ? t.substring(0, 100) : t;
    }

    @Override
    public synchronized void start() {
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "client-events-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(() -> {
            for (Session s : sessions.values()) {
                try {
                    s.emitter().send(SseEmitter.event().comment("ping"));
                } catch (IOException | RuntimeException e) {
                    drop(s, e);
                }
            }
        }, 15, 15, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
            heartbeat = null;
        }
        for (Session s : sessions.values()) {
            end(s, SseEmitter::complete);
        }
        sessions.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return heartbeat != null;
    }

    private record Session(long id, String user, String host, String version, String address, Instant connectedAt,
                           SseEmitter emitter) {
    }

    /** An event to send: its SSE name and its JSON data. */
    public record Event(String name, Object data) {
    }

    /** A connected client as the console and the API list it. */
    public record SessionView(long id, String user, String host, String version, String address, Instant connectedAt) {
    }

    /** More clients than the server keeps streams for. */
    static final class TooManyClientsException extends ru.ksamu.server.Unavailable {
        TooManyClientsException() {
            super("Слишком много подключённых клиентов (" + MAX_SESSIONS + ") / too many connected clients", 60);
        }
    }
}
