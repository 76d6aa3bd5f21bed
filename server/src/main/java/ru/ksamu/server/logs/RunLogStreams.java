package ru.ksamu.server.logs;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.threads.WorkRequest;

/**
 * The live log over SSE. One background unit of the thread manager ("Трансляция логов") sends
 * every subscriber the entries after the last id it has sent, in id order, so a client that
 * reconnects with {@code Last-Event-ID} gets each entry exactly once.
 */
@Component
class RunLogStreams implements SmartLifecycle {

    static final Duration KEEPALIVE = Duration.ofSeconds(15);
    static final Duration EMITTER_TIMEOUT = Duration.ofMinutes(30);
    static final int BATCH = 500;

    private final RunLogQuery query;
    private final RunLogBus bus;
    private final ThreadManager threads;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    RunLogStreams(RunLogQuery query, RunLogBus bus, ThreadManager threads) {
        this.query = query;
        this.bus = bus;
        this.threads = threads;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startBroadcaster() {
        bus.published(query.latestId());
        threads.submit(WorkRequest.system("Трансляция логов", this::broadcast));
    }

    @Override
    public void start() {
        stopping = false;
    }

    /**
     * Ends the broadcaster and every open stream first when the server stops: an open stream is an
     * active request, and graceful shutdown would otherwise wait for it until its timeout.
     */
    @Override
    public void stop() {
        stopping = true;
        bus.poke();
        subscribers.forEach(s -> s.emitter.complete());
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return !stopping;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    SseEmitter subscribe(long afterId, RunLogFilter filter) {
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT.toMillis());
        Subscriber s = new Subscriber(emitter, filter, afterId);
        emitter.onCompletion(() -> subscribers.remove(s));
        emitter.onTimeout(() -> subscribers.remove(s));
        emitter.onError(e -> subscribers.remove(s));
        subscribers.add(s);
        bus.poke();
        return emitter;
    }

    private void broadcast(WorkContext work) throws InterruptedException {
        work.step("Рассылка записей логов подписчикам");
        long seen = 0;
        while (!work.stopRequested() && !stopping) {
            long latest = bus.awaitNewer(seen, KEEPALIVE);
            boolean idle = latest == seen;
            seen = latest;
            for (Subscriber s : subscribers) {
                send(s, idle);
            }
        }
    }

    private void send(Subscriber s, boolean keepalive) {
        try {
            boolean sent = false;
            List<RunLogEntry> batch;
            do {
                batch = query.after(s.lastId, s.filter, BATCH);
                for (RunLogEntry e : batch) {
                    s.emitter.send(SseEmitter.event().id(Long.toString(e.id())).name("log").data(e));
                    s.lastId = e.id();
                    sent = true;
                }
            } while (batch.size() == BATCH);
            if (!sent && keepalive) {
                s.emitter.send(SseEmitter.event().comment("keepalive"));
            }
        } catch (IOException | IllegalStateException e) {
            subscribers.remove(s);
            s.emitter.completeWithError(e);
        }
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private static final class Subscriber {
        final SseEmitter emitter;
        final RunLogFilter filter;
        volatile long lastId;

        Subscriber(SseEmitter emitter, RunLogFilter filter, long lastId) {
            this.emitter = emitter;
            this.filter = filter;
            this.lastId = lastId;
        }
    }
}
