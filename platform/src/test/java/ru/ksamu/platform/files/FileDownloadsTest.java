package ru.ksamu.platform.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.ksamu.platform.InvalidSettingException;

/**
 * The fast path in a real Jetty on loopback, installed by {@link JettySetup} in front of a handler
 * that stands for the servlet application (it answers 299 and records what reached it).
 */
class FileDownloadsTest {

    private static final String PREFIX = "/api/v1/client/files/";
    /** Files above this size are streamed, not cached (small, so that the test's files show both). */
    private static final int CACHED_LIMIT = 64 * 1024;

    @TempDir
    Path tmp;

    private final Map<String, Path> files = new ConcurrentHashMap<>();
    private final List<Long> sent = new CopyOnWriteArrayList<>();
    private final List<String> passedOn = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Server server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (request.getHttpURI().getPath().equals("/fails")) {
                    throw new IllegalStateException("the application failed");
                }
                if (request.getHttpURI().getPath().equals("/not-mine")) {
                    return false;
                }
                passedOn.add(request.getMethod() + " " + request.getHttpURI().getPathQuery());
                response.setStatus(299);
                response.write(true, null, callback);
                return true;
            }
        });
        FileDownloads downloads = new FileDownloads(PREFIX, sha -> Optional.ofNullable(files.get(sha)),
                FileDownloads.orderedOf("Cache-Control", "max-age=60", "X-Test", "yes"), sent::add,
                CACHED_LIMIT, 4L * CACHED_LIMIT);
        new JettySetup(321, List.of(downloads)).serverCustomizer().customize(server);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
        assertThat(connector.getAcceptQueueSize()).isEqualTo(321);
        assertThat(server.getHandler()).isSameAs(downloads);
        // Downloads from memory are answered on the thread that read the request; the rest is handed on.
        assertThat(server.getInvocationType()).isEqualTo(Invocable.InvocationType.NON_BLOCKING);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void answersASmallFileFromMemoryWithTheFixedHeadersAndTellsTheListener() throws Exception {
        byte[] content = bytes(3000);
        String sha = store(content);

        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> response = get(sha);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(content);
            assertThat(response.headers().firstValue("ETag")).hasValue("\"" + sha + "\"");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=60");
            assertThat(response.headers().firstValue("X-Test")).hasValue("yes");
            assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
            assertThat(response.headers().firstValue("Content-Length")).hasValue("3000");
        }
        // Served from memory once read: deleting the file does not stop the next download.
        Files.delete(files.get(sha));
        assertThat(get(sha).body()).isEqualTo(content);
        assertThat(sent).containsExactly(3000L, 3000L, 3000L, 3000L);
        assertThat(passedOn).isEmpty();
    }

    @Test
    void aFileAboveTheCacheLimitIsStreamedFromDisk() throws Exception {
        byte[] content = bytes(5 * CACHED_LIMIT + 17);
        String sha = store(content);

        assertThat(get(sha).body()).isEqualTo(content);
        assertThat(get(sha).body()).isEqualTo(content);

        Files.delete(files.get(sha));
        assertThat(get(sha).statusCode()).as("not cached: a missing file goes on").isEqualTo(299);
        assertThat(sent).containsExactly((long) content.length, (long) content.length);
    }

    @Test
    void aFileWhoseBytesDoNotMatchItsHashIsNeverSentFromHere() throws Exception {
        byte[] content = bytes(100);
        String sha = store(content);
        Files.write(files.get(sha), bytes(101));

        assertThat(get(sha).statusCode()).isEqualTo(299);
        assertThat(get(sha).statusCode()).isEqualTo(299);
        assertThat(passedOn).containsExactly("GET " + PREFIX + sha, "GET " + PREFIX + sha);
        assertThat(sent).isEmpty();
    }

    @Test
    void headIsCountedWithoutBytes() throws Exception {
        String sha = store(bytes(3));

        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(URI.create(base + PREFIX + sha))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue("3");
        assertThat(sent).containsExactly(0L);
    }

    @Test
    void everythingButAPlainReadOfAServableFileGoesOnToTheApplication() throws Exception {
        String sha = store(bytes(10));
        String unknown = "cd".repeat(32);
        Files.createDirectory(tmp.resolve("folder"));
        files.put("ef".repeat(32), tmp.resolve("folder"));
        files.put("01".repeat(32), tmp.resolve("gone"));

        List<HttpRequest> requests = List.of(
                request(PREFIX + unknown).build(),
                request(PREFIX + "ef".repeat(32)).build(),
                request(PREFIX + "01".repeat(32)).build(),
                request(PREFIX + sha.toUpperCase(java.util.Locale.ROOT)).build(),
                request(PREFIX + sha + "/").build(),
                request(PREFIX + sha.substring(1)).build(),
                request("/api/v1/files/" + sha).build(),
                request(PREFIX + sha).header("Range", "bytes=0-1").build(),
                request(PREFIX + sha).header("If-Range", "\"" + sha + "\"").build(),
                request(PREFIX + sha).header("If-None-Match", "\"" + sha + "\"").build(),
                request(PREFIX + sha).header("If-Modified-Since", "Wed, 21 Oct 2015 07:28:00 GMT").build(),
                request(PREFIX + sha).POST(HttpRequest.BodyPublishers.noBody()).build(),
                request(PREFIX + sha).DELETE().build());
        for (HttpRequest request : requests) {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(request.method() + " " + request.uri()).isEqualTo(299);
            assertThat(response.headers().firstValue("ETag")).isEmpty();
        }
        assertThat(passedOn).hasSize(requests.size());
        assertThat(sent).isEmpty();
    }

    @Test
    void theApplicationRunsOnAPoolThreadAndItsFailuresAndRefusalsStillGetAnAnswer() throws Exception {
        HttpResponse<String> upload = http.send(request("/upload").POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).isEqualTo(299);
        assertThat(http.send(request("/fails").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(500);
        assertThat(http.send(request("/not-mine").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(passedOn).containsExactly("POST /upload");
    }

    @Test
    void aPrefixMustStartAndEndWithASlash() {
        assertThatThrownBy(() -> new FileDownloads("api/", sha -> Optional.empty(), Map.of(), bytes -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("api/");
        assertThatThrownBy(() -> new JettySetup(0, List.of()))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("ksamu.accept-queue-size = \"0\"");
    }

    private HttpResponse<byte[]> get(String sha) throws Exception {
        return http.send(request(PREFIX + sha).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    private String store(byte[] content) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        files.put(sha, Files.write(tmp.resolve(sha), content));
        return sha;
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
