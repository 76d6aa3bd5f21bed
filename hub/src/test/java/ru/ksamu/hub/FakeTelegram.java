package ru.ksamu.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for the Telegram Bot API on 127.0.0.1: it records every sendMessage call and
 * answers as Telegram does ({@code {"ok":true,"result":{...}}}), or, when scripted for messages
 * containing a marker, with a 500, a 429 with {@code retry_after}, or a dropped connection.
 */
public final class FakeTelegram implements AutoCloseable {

    private static final Map<String, FakeTelegram> BY_URL = new ConcurrentHashMap<>();

    /** How one call is answered. */
    public enum Reply { OK, SERVER_ERROR, TOO_MANY_REQUESTS, DROP }

    /** One call as received, with the answer it got. */
    public record Call(Instant at, String path, String chatId, String text, Reply reply) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong();
    private volatile Reply otherwise = Reply.OK;

    public FakeTelegram() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        BY_URL.put(url(), this);
    }

    /** The fake a hub context was pointed at (by its {@code ksamu.hub.telegram.base-url}). */
    public static FakeTelegram at(String url) {
        FakeTelegram fake = BY_URL.get(url);
        if (fake == null) {
            throw new IllegalStateException("No fake Telegram at " + url);
        }
        return fake;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next calls whose text contains {@code marker} with these replies, in order. */
    public void script(String marker, Reply... replies) {
        scripts.put(marker, new ArrayDeque<>(List.of(replies)));
    }

    /** How calls without a script are answered. */
    public void otherwise(Reply reply) {
        otherwise = reply;
    }

    public List<Call> callsContaining(String marker) {
        return calls.stream().filter(c -> c.text().contains(marker)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode body = JsonMapper.shared().readTree(exchange.getRequestBody().readAllBytes());
        String text = body.path("text").asString("");
        Reply reply = replyFor(text);
        calls.add(new Call(Instant.now(), exchange.getRequestURI().getPath(), body.path("chat_id").asString(""), text, reply));
        switch (reply) {
            case OK -> answer(exchange, 200, "{\"ok\":true,\"result\":{\"message_id\":" + messageIds.incrementAndGet()
                    + ",\"chat\":{\"id\":-1001,\"type\":\"channel\"},\"date\":" + Instant.now().getEpochSecond() + "}}");
            case SERVER_ERROR -> answer(exchange, 500, "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}");
            case TOO_MANY_REQUESTS -> answer(exchange, 429, "{\"ok\":false,\"error_code\":429,"
                    + "\"description\":\"Too Many Requests: retry after 1\",\"parameters\":{\"retry_after\":1}}");
            case DROP -> exchange.getResponseBody().close(); // took the message, the answer is lost
        }
    }

    private Reply replyFor(String text) {
        for (Map.Entry<String, Deque<Reply>> script : scripts.entrySet()) {
            if (text.contains(script.getKey())) {
                synchronized (script.getValue()) {
                    Reply next = script.getValue().poll();
                    if (next != null) {
                        return next;
                    }
                }
            }
        }
        return otherwise;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        BY_URL.remove(url());
        server.stop(0);
    }
}
