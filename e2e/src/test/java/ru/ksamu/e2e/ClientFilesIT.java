package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import ru.ksamu.release.Sha256;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.testkit.TestAdmin;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client files as workstations download them from a clinic server that installed three client
 * versions from a real hub: a plain GET or HEAD goes by the fast path (a Jetty handler, counted by
 * its meters) with the same headers as the controller path; Range and If-None-Match still go to the
 * controller; only the current and previous versions' files are served, other hashes are 404 JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientFilesIT {

    private static final List<String> SAME_ON_BOTH_PATHS = List.of("ETag", "Cache-Control", "Accept-Ranges",
            "Content-Type", "Content-Length", "X-Content-Type-Options", "X-XSS-Protection", "X-Frame-Options",
            "Strict-Transport-Security", "Pragma", "Expires", "Vary", "Content-Encoding", "Set-Cookie");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Random random = new Random(42);
    private Vendor vendor;
    private ConfigurableApplicationContext server;
    private String base;
    /** The big client file of 1.0.0.1 (neither current nor previous at the end), 1.0.0.2 (previous), 1.0.0.3 (current). */
    private byte[] first;
    private byte[] previous;
    private byte[] current;

    @BeforeAll
    void installThreeClientVersions() throws Exception {
        Path dir = Files.createTempDirectory("ksamu-e2e-client-files");
        vendor = new Vendor(dir, List.of());
        server = ServerApplication.builder().run("--ksamu.port=0", "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD, "--ksamu.data-dir=" + dir.resolve("server"),
                "--ksamu.update.hub-url=" + vendor.hubUrl, "--ksamu.update.release-keys=" + vendor.releasePub(),
                "--ksamu.update.hub-keys=" + vendor.hubPub());
        base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
        first = install(dir, "1.0.0.1");
        previous = install(dir, "1.0.0.2");
        current = install(dir, "1.0.0.3");
    }

    /** Publishes a test release with a fresh 300 KB client file and installs it as by hand. */
    private byte[] install(Path dir, String version) throws Exception {
        byte[] big = new byte[300_000];
        random.nextBytes(big);
        Path src = dir.resolve("src-" + version);
        Files.createDirectories(src.resolve("client/lib"));
        Files.write(src.resolve("client/lib/big.bin"), big);
        Files.writeString(src.resolve("client/version.txt"), "клиент " + version + "\n");
        vendor.release(src, version, "Клиент " + version, "test");
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/update/test"))
                .header("Authorization", TestAdmin.basic())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> version.equals(manifest().path("version").asString(null)));
        return big;
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (vendor != null) {
            vendor.close();
        }
    }

    @Test
    void aPlainGetGoesByTheFastPathWithTheControllersHeaders() throws Exception {
        String sha = Sha256.of(current);
        double sent = sent();
        double bytes = sentBytes();

        HttpResponse<byte[]> plain = get(sha);
        assertThat(sent()).isEqualTo(sent + 1);
        assertThat(sentBytes()).isEqualTo(bytes + current.length);
        HttpResponse<byte[]> revalidated = get(sha, "If-None-Match", "\"other\"");
        assertThat(sent()).as("a conditional request goes to the controller").isEqualTo(sent + 1);

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo(current);
        assertThat(revalidated.statusCode()).isEqualTo(200);
        assertThat(revalidated.body()).isEqualTo(current);
        for (String header : SAME_ON_BOTH_PATHS) {
            assertThat(plain.headers().allValues(header)).as(header).isEqualTo(revalidated.headers().allValues(header));
        }
        assertThat(plain.headers().firstValue("ETag")).contains("\"" + sha + "\"");
        assertThat(plain.headers().firstValue("Cache-Control")).contains("max-age=31536000, public, immutable");
        assertThat(plain.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(plain.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void headAnswersTheHeadersWithoutABody() throws Exception {
        String sha = Sha256.of(current);
        double sent = sent();

        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/client/files/" + sha))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(current.length));
        assertThat(sent()).isEqualTo(sent + 1);
    }

    @Test
    void rangeAndIfNoneMatchStillWorkThroughTheController() throws Exception {
        String sha = Sha256.of(current);
        double sent = sent();

        HttpResponse<byte[]> head = get(sha, "Range", "bytes=0-999");
        HttpResponse<byte[]> rest = get(sha, "Range", "bytes=1000-");
        HttpResponse<byte[]> beyond = get(sha, "Range", "bytes=" + current.length + "-");
        HttpResponse<byte[]> same = get(sha, "If-None-Match", "\"" + sha + "\"");

        assertThat(head.statusCode()).isEqualTo(206);
        assertThat(head.headers().firstValue("Content-Range")).contains("bytes 0-999/" + current.length);
        assertThat(head.body()).isEqualTo(Arrays.copyOfRange(current, 0, 1000));
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(current, 1000, current.length));
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.body()).as("a 416 carries no body (it once carried the whole file)").isEmpty();
        assertThat(beyond.headers().firstValue("Content-Range")).contains("bytes */" + current.length);
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(sent()).isEqualTo(sent);
    }

    @Test
    void onlyTheCurrentAndPreviousClientsAreServed() throws Exception {
        assertThat(get(Sha256.of(previous)).body()).isEqualTo(previous);

        for (String sha : List.of(Sha256.of(first), Sha256.of("not a client file".getBytes()))) {
            double sent = sent();
            HttpResponse<byte[]> refused = get(sha);

            assertThat(refused.statusCode()).as(sha).isEqualTo(404);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(JsonMapper.shared().readTree(refused.body()).path("code").asString()).isEqualTo("NOT_FOUND");
            assertThat(sent()).isEqualTo(sent);
        }
        HttpResponse<byte[]> malformed = get(Sha256.of(current).toUpperCase(java.util.Locale.ROOT));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JsonMapper.shared().readTree(malformed.body()).path("code").asString()).isEqualTo("BAD_PARAMETER");
    }

    @Test
    void changesToTheFilesPathStillNeedThePassword() throws Exception {
        HttpResponse<byte[]> post = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/client/files/"
                + Sha256.of(current))).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(post.statusCode()).isEqualTo(401);
    }

    private JsonNode manifest() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/client/manifest")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonMapper.shared().readTree(r.body());
    }

    private HttpResponse<byte[]> get(String sha, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/client/files/" + sha))
                .timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private double sent() {
        return server.getBean(MeterRegistry.class).get("ksamu.server.client.files.sent").counter().count();
    }

    private double sentBytes() {
        return server.getBean(MeterRegistry.class).get("ksamu.server.client.files.sent.bytes").counter().count();
    }
}
