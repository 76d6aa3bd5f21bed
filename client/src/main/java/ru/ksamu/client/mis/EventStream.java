package ru.ksamu.client.mis;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The program's connection to {@code GET /api/v1/client/events}: reads the server-sent events and
 * hands each to the sink; when the stream ends or cannot be opened it tries again after 1, 2, 4 ...
 * up to 30 seconds (with a little jitter so many workstations do not come back at once; a 503's
 * {@code Retry-After} wins), and starts again at 1 s after a good connection.
 */
public final class EventStream {

    /** Where the events go. Called on the stream's own thread. */
    public interface Sink {
        void event(ClientEvent event);

        default void connected() {
        }

        default void disconnected(int retryInSeconds, String reason) {
        }
    }

    static final int MAX_BACKOFF = 30;

    private final URI uri;
    private final Sink sink;
    private final HttpClient http;
    private volatile boolean stopped;
    private Thread thread;

    public EventStream(String server, String user, String host, String version, Sink sink) {
        String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        this.uri = URI.create(base + "/api/v1/client/events?user=" + enc(user) + "&host=" + enc(host) + "&version=" + enc(version));
        this.sink = sink;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
    }

    public synchronized void start() {
        thread = new Thread(this::run, "ksamu-events");
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        int backoff = 1;
        while (!stopped) {
            int wait = backoff;
            String reason;
            try {
                HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(uri)
                        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
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
                    try (Stream<String> lines = r.body()) {
                        read(lines.iterator());
                    }
                    reason = "end of stream";
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                return;
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
