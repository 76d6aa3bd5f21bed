package ru.ksamu.client.mis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import ru.ksamu.client.ServerAccess;

/**
 * The program's connection to {@code GET /api/v1/client/events}: reads the server-sent events and
 * hands each to the sink; when the stream ends or cannot be opened it tries again after 1, 2, 4 ...
 * up to 30 seconds (with a little jitter so many workstations do not come back at once; a 503's
 * {@code Retry-After} wins), and starts again at 1 s after a good connection. A connection on
 * which nothing at all arrives for the idle timeout (not even the server's heartbeat comment,
 * sent every 15 s) is taken for dead (a half-open TCP connection after a network change, a proxy
 * that stopped forwarding): it is dropped and opened again the same way.
 */
final class EventStream {

    /** Where the events go. Called on the stream's own thread. */
    public interface Sink {
        void event(ClientEvent event);

        default void connected() {
        }

        default void disconnected(int retryInSeconds, String reason) {
        }
    }

    static final int MAX_BACKOFF = 30;
    /** Three of the server's 15-second heartbeats missed: the connection is dead. */
    public static final int DEFAULT_IDLE_SECONDS = 45;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(DEFAULT_IDLE_SECONDS);

    private final ServerAccess access;
    private final String path;
    private final Sink sink;
    private final HttpClient http;
    private final Duration idleTimeout;
    private final Clock clock;
    private final ScheduledExecutorService watchdog;
    private volatile boolean stopped;
    private volatile long lastDataMillis;
    private InputStream current; // guarded by this
    private volatile boolean idleDropped;
    private Thread thread;

    public EventStream(String server, String user, String host, String version, Sink sink) {
        this(new ServerAccess(server, ServerAccess.Timeouts.DEFAULT, Optional.empty()), user, host, version, sink,
                DEFAULT_IDLE_TIMEOUT, Clock.systemUTC());
    }

    /**
     * @param access      the server, the connect timeout and the workstation's token (which names
     *                    this session on the server's Клиенты tab)
     * @param idleTimeout how long a connection may bring nothing (no event, no heartbeat) before
     *                    it is dropped and opened again; positive
     * @param clock       what measures that silence
     */
    public EventStream(ServerAccess access, String user, String host, String version, Sink sink, Duration idleTimeout,
                       Clock clock) {
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("event stream idle timeout must be positive, got " + idleTimeout);
        }
        this.access = access;
        this.path = "/api/v1/client/events?user=" + enc(user) + "&host=" + enc(host) + "&version=" + enc(version);
        this.sink = sink;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
        this.http = access.newClient();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ksamu-events-idle");
            t.setDaemon(true);
            return t;
        });
    }

    public synchronized void start() {
        long period = Math.max(50, idleTimeout.toMillis() / 4);
        watchdog.scheduleWithFixedDelay(this::dropIfIdle, period, period, TimeUnit.MILLISECONDS);
        thread = new Thread(this::run, "ksamu-events");
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() {
        stopped = true;
        watchdog.shutdownNow();
        if (thread != null) {
            thread.interrupt();
        }
        closeCurrent();
    }

    /** Closes the open stream when it has been silent for the idle timeout; its reader then ends. */
    private synchronized void dropIfIdle() {
        if (current != null && clock.millis() - lastDataMillis >= idleTimeout.toMillis()) {
            idleDropped = true;
            closeCurrent();
        }
    }

    /** The stream the watchdog now watches (the reader's; one at a time, swapped under this lock). */
    private synchronized void watch(InputStream body) {
        idleDropped = false;
        lastDataMillis = clock.millis();
        current = body;
    }

    private synchronized void closeCurrent() {
        InputStream in = current;
        current = null;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is all we want; the reader ends either way
            }
        }
    }

    private void run() {
        int backoff = 1;
        while (!stopped) {
            int wait = backoff;
            String reason;
            try {
                HttpResponse<InputStream> r = http.send(access.request(path)
                        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    r.body().close();
                    reason = "HTTP " + r.statusCode();
                    if (r.statusCode() == 503) {
                        wait = Math.max(1, r.headers().firstValue("Retry-After").map(EventStream::seconds).orElse(backoff));
                    }
                } else {
                    sink.connected();
                    backoff = 1;
                    wait = 1;
                    reason = readUntilEnd(r.body());
                }
            } catch (IOException | UncheckedIOException e) {
                reason = idleDropped ? idle() : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                return;
            } finally {
                closeCurrent();
            }
            if (stopped) {
                return;
            }
            sink.disconnected(wait, reason);
            try {
                Thread.sleep(wait * 1000L + ThreadLocalRandom.current().nextLong(250));
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF, Math.max(backoff, wait) * 2);
        }
    }

    /** Reads one connection's events (the watchdog may close it); returns why it ended. */
    private String readUntilEnd(InputStream body) throws IOException {
        watch(body);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            Iterator<String> lines = in.lines().iterator();
            read(new Iterator<>() {
                @Override
                public boolean hasNext() {
                    boolean more = lines.hasNext();
                    lastDataMillis = clock.millis(); // a line, heartbeat comments included, or the end
                    return more;
                }

                @Override
                public String next() {
                    return lines.next();
                }
            });
        }
        return idleDropped ? idle() : "end of stream";
    }

    private String idle() {
        long ms = idleTimeout.toMillis();
        return "no data for " + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms");
    }

    /** Reads events until the stream ends: {@code event:} names, {@code data:} lines, a blank line ends one. */
    void read(Iterator<String> lines) {
        String name = "message";
        StringBuilder data = new StringBuilder();
        boolean any = false;
        while (lines.hasNext() && !stopped) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (any) {
                    sink.event(new ClientEvent(name, data.toString()));
                }
                name = "message";
                data.setLength(0);
                any = false;
            } else if (line.startsWith(":")) {
                continue; // a comment: the server's heartbeat
            } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                if (field.equals("event")) {
                    name = value;
                } else if (field.equals("data")) {
                    if (any) {
                        data.append('\n');
                    }
                    data.append(value);
                    any = true;
                }
            }
        }
    }

    private static int seconds(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 10;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
