package ru.ksamu.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny HTTP client for the server's REST API in tests (real HTTP on loopback). */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public Api(String base) {
        this.base = base;
    }

    public static Api at(int port) {
        return new Api("http://127.0.0.1:" + port);
    }

    /** A response: status and body as JSON (or a text node when it is not JSON). */
    public record Reply(int status, String text) {
        public JsonNode json() {
            return JSON.readTree(text);
        }
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Reply post(String path, Object body, String password) {
        return send(auth(HttpRequest.newBuilder(URI.create(base + path)), password)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body))));
    }

    public Reply put(String path, Object body, String password) {
        return send(auth(HttpRequest.newBuilder(URI.create(base + path)), password)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Reply delete(String path, String password) {
        return send(auth(HttpRequest.newBuilder(URI.create(base + path)), password).DELETE());
    }

    private static HttpRequest.Builder auth(HttpRequest.Builder b, String password) {
        if (password != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    private Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
