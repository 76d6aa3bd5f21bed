package ru.ksamu.server.clients;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import ru.ksamu.platform.InvalidSettingException;
import ru.ksamu.server.maintenance.ClientNotices;
import ru.ksamu.server.web.StreamSlots;

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
public class ClientEvents implements SmartLifecycle, ClientNotices {

    private static final Logger log = LoggerFactory.getLogger(ClientEvents.class);
    static final int MAX_SESSIONS = 2000;
    static final String PER_ADDRESS_KEY = "ksamu.clients.max-streams-per-address";

    private final Clock clock;
    private final StreamSlots slots;
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** Told after a session comes or goes (the metrics' gauges per client version). */
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService heartbeat;

    /** @param perAddress streams one address may hold (a terminal server carries many users behind one address) */
    ClientEvents(Clock clock, @Value("${" + PER_ADDRESS_KEY + ":200}") int perAddress) {
        this.clock = clock;
        if (perAddress < 1 || perAddress > MAX_SESSIONS) {
            throw new InvalidSettingException(PER_ADDRESS_KEY, Integer.toString(perAddress), "нужно от 1 до " + MAX_SESSIONS,
                    "expected 1 to " + MAX_SESSIONS);
        }
        this.slots = new StreamSlots("потоков событий клиентов", "client event streams", MAX_SESSIONS, perAddress, 0, 60);
    }

    /**
     * A new session on a new stream; refused (503 with {@code Retry-After}) past {@link #MAX_SESSIONS}
     * in all or past the per-address cap.
     *
     * @param workstation the registered workstation's name, when the client showed its token ("" if not)
     */
    SseEmitter open(String user, String host, String version, String address, String workstation, List<Notice> greeting) {
        StreamSlots.Slot slot = slots.take(address, false);
        SseEmitter emitter = newEmitter();
        long id = ids.incrementAndGet();
        Session s = new Session(id, clip(user), clip(host), clip(version), address, clip(workstation), clock.instant(),
                emitter, slot);
        sessions.put(id, s);
        changed();
        emitter.onCompletion(() -> forget(s));
        emitter.onTimeout(() -> forget(s));
        emitter.onError(e -> forget(s));
        send(s, "hello", Map.of("session", id));
        for (Notice e : greeting) {
            send(s, e.name(), e.data());
        }
        return emitter;
    }

    /** A stream without a time limit (the heartbeat finds dead ones); a test makes failing ones. */
    SseEmitter newEmitter() {
        return new SseEmitter(0L);
    }

    /** Sends an event to every connected client; a failing stream is dropped, never thrown out of here. */
    @Override
    public void broadcast(String event, Object data) {
        for (Session s : sessions.values()) {
            send(s, event, data);
        }
        log.info("Client event '{}' sent to {} connected client(s)", event, sessions.size());
    }

    /** The connected clients, oldest first. */
    public List<SessionView> sessions() {
        return sessions.values().stream().sorted(Comparator.comparingLong(Session::id))
                .map(s -> new SessionView(s.id(), s.user(), s.host(), s.version(), s.address(), s.workstation(),
                        s.connectedAt()))
                .toList();
    }

    /** The version each connected client sent, in no order (cheaper than {@link #sessions()}). */
    Stream<String> versions() {
        return sessions.values().stream().map(Session::version);
    }

    private void forget(Session s) {
        sessions.remove(s.id());
        s.slot().release();
        changed();
    }

    /** Runs {@code onChange} after every session that comes or goes. */
    void watch(Runnable onChange) {
        watchers.add(onChange);
    }

    private void changed() {
        for (Runnable w : watchers) {
            try {
                w.run();
            } catch (RuntimeException e) {
                log.warn("A watcher of the client sessions failed: {}", e.toString());
            }
        }
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
        forget(s);
        end(s, emitter -> emitter.completeWithError(cause));
    }

    /** Ends a stream; one the web server has already closed refuses, which is logged only. */
    private static void end(Session s, Consumer<SseEmitter> how) {
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
            forget(s);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return heartbeat != null;
    }

    private record Session(long id, String user, String host, String version, String address, String workstation,
                           Instant connectedAt, SseEmitter emitter, StreamSlots.Slot slot) {
    }

    /** A connected client as the console and the API list it. */
    public record SessionView(long id, String user, String host, String version, String address, String workstation,
                              Instant connectedAt) {
    }
}
