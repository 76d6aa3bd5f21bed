package ru.ksamu.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Version;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP to a hub on loopback, as the release CLI and servers speak it. */
public final class HubHttp {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    public HubHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    /** An answer: status, headers and the body's bytes. */
    public record Reply(int status, HttpHeaders headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JsonMapper.shared().readTree(body);
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    /** GET with extra headers given as name, value, name, value... */
    public Reply get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /**
     * Uploads a bundle zip as the CLI does (Content-Length set, no "Expect: 100-continue": JDK 17's
     * client mishandles a refusal without "100 Continue" and may reuse a connection the server
     * still reads the unsent body from).
     */
    public Reply publish(Path zip, Channel channel) {
        return publish(zip, channel.wireName(), TestHub.TOKEN);
    }

    public Reply publish(Path zip, String channel, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/releases?channel=" + channel))
                    .header("Content-Type", "application/zip")
                    .POST(HttpRequest.BodyPublishers.ofFile(zip));
            return send(withToken(request, token).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Reply promote(Version version, String to) {
        return post("/api/v1/releases/" + version + "/promote?to=" + to, TestHub.TOKEN);
    }

    public Reply withdraw(Version version) {
        return post("/api/v1/releases/" + version + "/withdraw", TestHub.TOKEN);
    }

    /** An empty POST with a token (or none when null). */
    public Reply post(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody());
        return send(withToken(request, token).build());
    }

    public Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder withToken(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }
}
