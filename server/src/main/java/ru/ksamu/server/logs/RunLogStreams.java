package ru.ksamu.server.logs;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.threads.WorkRequest;
import ru.ksamu.server.web.StreamSlots;

/**
 * The live log over SSE. Each open stream is a background unit of the thread manager ("Живой
 * журнал") that sends its client the entries after the last id it sent, in id order, so a client
 * that reconnects with {@code Last-Event-ID} gets each entry exactly once. One unit per stream: a
 * client that stops reading blocks only its own stream, never the others.
 */
@Component
class RunLogStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunLogStreams.class);

    static final Duration KEEPALIVE = Duration.ofSeconds(15);
    static final Duration EMITTER_TIMEOUT = Duration.ofMinutes(30);
    static final int BATCH = 500;

    private final RunLogQuery query;
    private final RunLogBus bus;
    private final ThreadManager threads;
    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    RunLogStreams(RunLogQuery query, RunLogBus bus, ThreadManager threads) {
        this.query = query;
        this.bus = bus;
        this.threads = threads;
    }

    @Override
    public void start() {
        bus.published(query.latestId());
        running = true;
    }

    /**
     * Ends every open stream first when the server stops: an open stream is an active request,
     * and graceful shutdown would otherwise wait for it until its timeout.
     */
    @Override
    public void stop() {
        running = false;
        streams.forEach(Stream::close);
        bus.poke();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** How many live streams may be open at once; each holds a thread. */
    static final int MAX_STREAMS = 32;
    /** Streams one address may hold, unless it is the signed-in admin's. */
    static final int MAX_PER_ADDRESS = 4;
    /** Of {@link #MAX_STREAMS}, places only the signed-in admin may take: viewers never lock the admin out. */
    static final int KEPT_FOR_ADMIN = 8;

    private final StreamSlots slots = new StreamSlots("живых журналов", "live log streams", MAX_STREAMS, MAX_PER_ADDRESS,
            KEPT_FOR_ADMIN, 30);

    SseEmitter subscribe(long afterId, RunLogFilter filter, String client, boolean admin) {
        StreamSlots.Slot slot = slots.take(client, admin);
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT.toMillis());
        Stream s = new Stream(emitter, filter, afterId, slot);
        emitter.onCompletion(s::close);
        emitter.onTimeout(s::close);
        emitter.onError(e -> s.close());
        streams.add(s);
        try {
            threads.submit(WorkRequest.stream("Живой журнал (" + client + ")", work -> s.run(work)));
        } catch (RuntimeException e) {
            streams.remove(s);
            slot.release();
            throw e;
        }
        return emitter;
    }

    int streamCount() {
        return streams.size();
    }

    private final class Stream {
        final SseEmitter emitter;
        final RunLogFilter filter;
        final StreamSlots.Slot slot;
        long lastId;
        volatile boolean closed;

        Stream(SseEmitter emitter, RunLogFilter filter, long lastId, StreamSlots.Slot slot) {
            this.emitter = emitter;
            this.filter = filter;
            this.lastId = lastId;
            this.slot = slot;
        }

        void close() {
            closed = true;
            bus.poke();
        }

        void run(WorkContext work) throws InterruptedException {
            work.step("Отправка записей логов клиенту");
            try {
                emitter.send(SseEmitter.event().comment("ksamu run log"));
                long seen = lastId;
                while (running && !closed && !work.stopRequested()) {
                    sendAfter();
                    long latest = bus.awaitNewer(Math.max(seen, lastId), KEEPALIVE);
                    if (latest == seen && !closed) {
                        emitter.send(SseEmitter.event().comment("keepalive"));
                    }
                    seen = latest;
                }
                emitter.complete();
            } catch (IOException | RuntimeException e) {
                // The client went away (it resumes from its last id), or an entry could not be read.
                // Ending the stream may fail too when the web server has already handled its error: it is ended.
                try {
                    emitter.completeWithError(e);
                } catch (RuntimeException alreadyClosed) {
                    log.debug("Run log stream already closed: {}", alreadyClosed.toString());
                }
            } finally {
                streams.remove(this);
                slot.release();
            }
        }

        private void sendAfter() throws IOException {
            List<RunLogEntry> batch;
            do {
                batch = query.after(lastId, filter, BATCH);
                for (RunLogEntry e : batch) {
                    emitter.send(SseEmitter.event().id(Long.toString(e.id())).name("log").data(e));
                    lastId = e.id();
                }
            } while (batch.size() == BATCH && !closed);
        }
    }
}
