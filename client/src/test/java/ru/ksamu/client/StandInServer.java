package ru.ksamu.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the clinic server on loopback, for the client's tests: routes answer as the test
 * says (the contract, or a server that stalls, drips or never ends), and every request is kept
 * with its {@code Authorization} header and body.
 */
public final class StandInServer implements AutoCloseable {

    /** One request as the stand-in saw it. */
    public record Request(String method, String path, String authorization, String body) {
    }

    /** What answers one path. */
    public interface Route {
        void answer(HttpExchange exchange, Request request) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final CountDownLatch end = new CountDownLatch(1);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** What the endless answers managed to write before the client gave up. */
    public final AtomicLong endlessBytes = new AtomicLong();

    public StandInServer() throws IOException {
        this(null);
    }

    /** Over HTTPS with this context's certificate (null: plain HTTP). */
    public StandInServer(javax.net.ssl.SSLContext tls) throws IOException {
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } else {
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(
                    new InetSocketAddress("127.0.0.1", 0), 0);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            server = https;
        }
        server.setExecutor(handlers);
        server.start();
    }

    public String url() {
        return (server instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http") + "://127.0.0.1:"
                + server.getAddress().getPort();
    }

    /** Answers requests to {@code path} (and below it) with {@code route}. */
    public StandInServer route(String path, Route route) {
        server.createContext(path, exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Request r = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), body);
                requests.add(r);
                route.answer(exchange, r);
            } catch (IOException e) {
                // the client went away: what a stalled or endless answer expects
            }
        });
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** A JSON answer with {@code status} and optional header pairs. */
    public static void json(HttpExchange exchange, int status, String json, String... headers) throws IOException {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, b.length);
        exchange.getResponseBody().write(b);
    }

    /** 200 without a length, {@code first} bytes, then nothing until the stand-in closes. */
    public void stall(HttpExchange exchange, byte[] first) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(first);
        out.flush();
        awaitEnd();
    }

    /** 200 without a length, {@code first} bytes, then one byte every {@code everyMillis} until the client goes. */
    public void drip(HttpExchange exchange, byte[] first, long everyMillis) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(first);
        out.flush();
        while (pause(everyMillis)) {
            out.write(' ');
            out.flush();
        }
    }

    /** 200 without a length, {@code first} bytes, then {@code fill} for ever, until the client goes. */
    public void endless(HttpExchange exchange, byte[] first, byte fill) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(first);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, fill);
        while (end.getCount() > 0) {
            out.write(chunk);
            endlessBytes.addAndGet(chunk.length);
        }
    }

    /** The stand-in's pace: waits {@code millis} unless it is closed first; true while it is open. */
    public boolean pause(long millis) {
        try {
            return !end.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitEnd() {
        try {
            end.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        end.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
