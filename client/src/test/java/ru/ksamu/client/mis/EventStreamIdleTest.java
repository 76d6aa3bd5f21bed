package ru.ksamu.client.mis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.ksamu.client.ServerAccess;

/**
 * The event stream against a stand-in server on loopback that answers the stream, says hello and
 * then goes silent (a half-open connection as the client sees it) or keeps sending heartbeat
 * comments: silence longer than the idle timeout drops the connection and opens a new one;
 * heartbeats keep the one connection.
 */
class EventStreamIdleTest {

    static final Duration IDLE = Duration.ofSeconds(1);
    /** Headers within 0.5 s: a deadline for the answer, never for the stream that follows it. */
    static final ServerAccess.Timeouts SHORT = new ServerAccess.Timeouts(Duration.ofMillis(250), Duration.ofMillis(250));

    final AtomicInteger connections = new AtomicInteger();
    final CountDownLatch end = new CountDownLatch(1);
    final ExecutorService handlers = Executors.newCachedThreadPool();
    HttpServer server;
    EventStream stream;

    final List<String> seen = new CopyOnWriteArrayList<>();
    final List<Long> connectedAt = new CopyOnWriteArrayList<>();
    final List<Long> disconnectedAt = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (stream != null) {
            stream.stop();
        }
        end.countDown();
        if (server != null) {
            server.stop(0);
        }
        handlers.shutdownNow();
    }

    /** A stand-in for the server's {@code /api/v1/client/events}: hello, then a comment every {@code heartbeat} or silence. */
    String standIn(Duration heartbeat) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(handlers);
        server.createContext("/api/v1/client/events", exchange -> serve(exchange, heartbeat));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange, Duration heartbeat) throws IOException {
        int n = connections.incrementAndGet();
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(("event:hello\ndata:{\"session\":" + n + "}\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
            if (heartbeat == null) {
                end.await(); // silent: the connection stays open and brings nothing
            } else {
                while (!end.await(heartbeat.toMillis(), TimeUnit.MILLISECONDS)) {
                    out.write(":ping\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client dropped this connection
        } finally {
            exchange.close();
        }
    }

    void connect(String base) {
        stream = new EventStream(new ServerAccess(base, SHORT, Optional.empty()), "nurse", "ws-1", "1.0.0.1", new EventStream.Sink() {
            @Override
            public void event(ClientEvent e) {
                seen.add(e.line());
            }

            @Override
            public void connected() {
                connectedAt.add(System.nanoTime());
            }

            @Override
            public void disconnected(int retryInSeconds, String reason) {
                disconnectedAt.add(System.nanoTime());
                seen.add("disconnected: " + reason + ", retry in " + retryInSeconds + " s");
            }
        }, IDLE, Clock.systemUTC());
        stream.start();
    }

    @Test
    void aServerThatGoesSilentIsDroppedAfterTheIdleTimeoutAndConnectedAgain() throws Exception {
        connect(standIn(null));
        await().atMost(Duration.ofSeconds(15)).until(() -> connections.get() >= 3
                && seen.stream().filter(l -> l.startsWith("EVENT hello")).count() >= 3);
        assertThat(seen).contains("EVENT hello {\"session\":1}", "EVENT hello {\"session\":2}",
                "disconnected: no data for 1 s, retry in 1 s");
        long silentMs = TimeUnit.NANOSECONDS.toMillis(disconnectedAt.get(0) - connectedAt.get(0));
        assertThat(silentMs).as("dropped after the idle timeout, not before").isBetween(950L, 5_000L);
    }

    @Test
    void heartbeatsKeepTheOneConnectionOpen() throws Exception {
        connect(standIn(Duration.ofMillis(250)));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("EVENT hello {\"session\":1}"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> connections.get() == 1);
        assertThat(disconnectedAt).isEmpty();
    }

    @Test
    void anIdleTimeoutMustBePositive() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EventStream(new ServerAccess("http://127.0.0.1:1", ServerAccess.Timeouts.DEFAULT, Optional.empty()), "u", "h", "v",
                e -> { }, Duration.ZERO, Clock.systemUTC())).hasMessageContaining("idle timeout must be positive, got PT0S");
    }
}
