package ru.ksamu.client.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.LongConsumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The server's client API as the launcher uses it: the manifest and the files by hash. */
final class ServerApi {

    /** What asking for the manifest gave. */
    sealed interface ManifestAnswer permits Current, NotInstalled, Maintenance, Unreachable {
    }

    /** The server's current client, not yet verified. */
    record Current(ClientManifest manifest) implements ManifestAnswer {
    }

    /** 404 NOT_INSTALLED: the server has no KSAMU version yet. */
    record NotInstalled() implements ManifestAnswer {
    }

    /** 503: the server is updating; ask again after {@code retryAfterSeconds}. */
    record Maintenance(String message, int retryAfterSeconds) implements ManifestAnswer {
    }

    /** No answer, or an answer that is not the contract. */
    record Unreachable(String reason) implements ManifestAnswer {
    }

    private final String base;
    private final HttpClient http;
    private final Duration timeout;

    ServerApi(String serverUrl, Duration timeout) {
        this.base = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    String base() {
        return base;
    }

    ManifestAnswer manifest() {
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/client/manifest")).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Unreachable(describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unreachable("interrupted");
        } catch (IllegalArgumentException e) {
            return new Unreachable(e.getMessage());
        }
        try {
            if (r.statusCode() == 503) {
                return new Maintenance(field(r.body(), "message"), retryAfter(r));
            }
            if (r.statusCode() == 404 && "NOT_INSTALLED".equals(field(r.body(), "code"))) {
                return new NotInstalled();
            }
            if (r.statusCode() != 200) {
                return new Unreachable("HTTP " + r.statusCode());
            }
            JsonNode n = JsonMapper.shared().readTree(r.body());
            List<ClientManifest.FileRef> files = new ArrayList<>();
            JsonNode list = n.path("files");
            for (int i = 0; i < list.size(); i++) {
                JsonNode f = list.get(i);
                files.add(new ClientManifest.FileRef(f.path("path").asString(), f.path("size").asLong(-1),
                        f.path("sha256").asString()));
            }
            return new Current(new ClientManifest(n.path("version").asString(), files,
                    Base64.getDecoder().decode(n.path("manifest").asString()), n.path("manifestSignature").asString()));
        } catch (JacksonException | IllegalArgumentException e) {
            return new Unreachable("malformed answer: " + e.getMessage());
        }
    }

    /**
     * Downloads one file by hash into {@code part}, resuming from its current length with Range;
     * {@code progress} gets the bytes added. The caller verifies the result.
     */
    void download(String sha256, Path part, LongConsumer progress) throws IOException, InterruptedException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/client/files/" + sha256))
                .timeout(Duration.ofMinutes(30)).GET();
        if (have > 0) {
            b.header("Range", "bytes=" + have + "-").header("If-Range", "\"" + sha256 + "\"");
        }
        HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            boolean append;
            if (r.statusCode() == 206 && have > 0) {
                append = true;
            } else if (r.statusCode() == 200) {
                append = false;
            } else if (r.statusCode() == 416) {
                append = true; // already whole (or longer): the hash check decides
            } else {
                throw new IOException("HTTP " + r.statusCode() + " for file " + sha256);
            }
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                if (r.statusCode() == 416) {
                    return;
                }
                byte[] buf = new byte[64 * 1024];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    out.write(buf, 0, n);
                    progress.accept(n);
                }
            }
        }
    }

    static int retryAfter(HttpResponse<?> r) {
        try {
            return Math.max(1, Integer.parseInt(r.headers().firstValue("Retry-After").orElse("10").strip()));
        } catch (NumberFormatException e) {
            return 10;
        }
    }

    static String field(String json, String name) {
        try {
            return JsonMapper.shared().readTree(json).path(name).asString("");
        } catch (JacksonException e) {
            return "";
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
