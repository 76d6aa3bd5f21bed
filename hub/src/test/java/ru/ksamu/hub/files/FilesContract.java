package ru.ksamu.hub.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.ksamu.hub.HubContractSupport;
import ru.ksamu.hub.HubHttp;
import ru.ksamu.hub.TestBundles;
import ru.ksamu.hub.TestHub;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.Version;

/**
 * Release files by hash: immutable caching, ETag and 304, ranges for resumed downloads. A plain
 * GET or HEAD is answered by {@link HubFileDownloads} (a Jetty handler, counted by its meters); the
 * rest by {@link FilesController} through Spring Security and MVC. Both must look the same.
 */
abstract class FilesContract extends HubContractSupport {

    private static final List<String> SAME_ON_BOTH_PATHS = List.of("ETag", "Cache-Control", "Accept-Ranges",
            "Content-Type", "X-Content-Type-Options", "X-XSS-Protection", "X-Frame-Options",
            "Strict-Transport-Security", "Pragma", "Expires", "Vary", "Content-Encoding");

    @Autowired
    private MeterRegistry meters;
    private byte[] content;
    private String sha;

    @BeforeEach
    void publishOneFile() {
        content = TestBundles.random(300_000);
        sha = Sha256.of(content);
        Version version = TestHub.freshVersion();
        assertThat(hub().publish(TestBundles.bundle(tmp, version, Map.of("client/big.bin", content), List.of(), "",
                TestHub.VENDOR.signingKey()), Channel.TEST).status()).isEqualTo(201);
    }

    @Test
    void fileIsServedImmutableWithItsHashAsETag() {
        HubHttp.Reply reply = hub().get("/api/v1/files/" + sha);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(content);
        assertThat(reply.header("ETag")).contains("\"" + sha + "\"");
        assertThat(reply.header("Cache-Control")).contains("max-age=31536000, public, immutable");
        assertThat(reply.header("Accept-Ranges")).contains("bytes");
        assertThat(reply.header("Content-Length")).contains(Integer.toString(content.length));
    }

    @Test
    void matchingIfNoneMatchAnswers304WithoutBody() {
        HubHttp.Reply reply = hub().get("/api/v1/files/" + sha, "If-None-Match", "\"" + sha + "\"");

        assertThat(reply.status()).isEqualTo(304);
        assertThat(reply.body()).isEmpty();
        assertThat(hub().get("/api/v1/files/" + sha, "If-None-Match", "\"other\"").status()).isEqualTo(200);
    }

    @Test
    void rangeResumesADownload() {
        HubHttp.Reply head = hub().get("/api/v1/files/" + sha, "Range", "bytes=0-999");
        HubHttp.Reply rest = hub().get("/api/v1/files/" + sha, "Range", "bytes=1000-");
        HubHttp.Reply tail = hub().get("/api/v1/files/" + sha, "Range", "bytes=-10");

        assertThat(head.status()).isEqualTo(206);
        assertThat(head.header("Content-Range")).contains("bytes 0-999/" + content.length);
        assertThat(head.body()).isEqualTo(Arrays.copyOfRange(content, 0, 1000));
        assertThat(rest.status()).isEqualTo(206);
        assertThat(rest.header("Content-Range")).contains("bytes 1000-" + (content.length - 1) + "/" + content.length);
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(content, 1000, content.length));
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, content.length - 10, content.length));
    }

    @Test
    void unsatisfiableRangeAnswers416WithoutABody() {
        HubHttp.Reply reply = hub().get("/api/v1/files/" + sha, "Range", "bytes=" + content.length + "-");
        HubHttp.Reply malformed = hub().get("/api/v1/files/" + sha, "Range", "bytes=abc");

        assertThat(reply.status()).isEqualTo(416);
        assertThat(reply.header("Content-Range")).contains("bytes */" + content.length);
        assertThat(reply.body()).isEmpty();
        assertThat(reply.header("Content-Length")).contains("0");
        assertThat(reply.headers().allValues("ETag")).containsExactly("\"" + sha + "\"");
        assertThat(malformed.status()).isEqualTo(416);
        assertThat(malformed.body()).isEmpty();
        assertThat(hub().get("/api/v1/files/" + sha, "Range", "bytes=" + content.length + "-", "If-None-Match",
                "\"" + sha + "\"").status()).as("a matching ETag still answers 304 first").isEqualTo(304);
    }

    @Test
    void unknownHashIs404AndMalformedHashIs400() {
        HubHttp.Reply unknown = hub().get("/api/v1/files/" + Sha256.of(TestBundles.random(10)));
        HubHttp.Reply upper = hub().get("/api/v1/files/" + sha.toUpperCase(java.util.Locale.ROOT));
        HubHttp.Reply junk = hub().get("/api/v1/files/..%2F..%2Fetc%2Fpasswd");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("code").asString()).isEqualTo("RELEASE_NOT_FOUND");
        assertThat(upper.status()).isEqualTo(400);
        assertThat(upper.json().path("code").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(junk.status()).isIn(400, 404);
    }

    @Test
    void plainGetGoesByTheFastPathAndARangeByTheControllerWithTheSameHeaders() {
        double sent = sent();
        double bytes = sentBytes();

        HubHttp.Reply plain = hub().get("/api/v1/files/" + sha);
        assertThat(sent()).isEqualTo(sent + 1);
        assertThat(sentBytes()).isEqualTo(bytes + content.length);

        HubHttp.Reply ranged = hub().get("/api/v1/files/" + sha, "Range", "bytes=0-");
        HubHttp.Reply revalidated = hub().get("/api/v1/files/" + sha, "If-None-Match", "\"other\"");
        assertThat(sent()).as("Range and conditional requests go to the controller").isEqualTo(sent + 1);

        assertThat(ranged.status()).isEqualTo(206);
        assertThat(ranged.body()).isEqualTo(content);
        assertThat(revalidated.status()).isEqualTo(200);
        assertThat(revalidated.body()).isEqualTo(content);
        for (String header : SAME_ON_BOTH_PATHS) {
            assertThat(plain.headers().allValues(header)).as(header).isEqualTo(revalidated.headers().allValues(header));
        }
        assertThat(plain.header("Content-Type")).contains("application/octet-stream");
        assertThat(plain.header("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void headAnswersTheHeadersWithoutABody() {
        double sent = sent();

        HubHttp.Reply reply = hub().send(HttpRequest.newBuilder(URI.create(hub().base() + "/api/v1/files/" + sha))
                .timeout(Duration.ofSeconds(30)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
        assertThat(reply.header("Content-Length")).contains(Integer.toString(content.length));
        assertThat(reply.header("ETag")).contains("\"" + sha + "\"");
        assertThat(sent()).isEqualTo(sent + 1);
    }

    @Test
    void fileIsServedAgainAndAgainOnOneConnection() {
        HubHttp http = hub();
        for (int i = 0; i < 20; i++) {
            HubHttp.Reply reply = http.get("/api/v1/files/" + sha);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo(content);
        }
    }

    @Test
    void severalRangesAnswerAMultipartBody() {
        HubHttp.Reply reply = hub().get("/api/v1/files/" + sha, "Range", "bytes=0-9,100-109");

        assertThat(reply.status()).isEqualTo(206);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("multipart/byteranges"));
        String body = new String(reply.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("Content-Range: bytes 0-9/" + content.length)
                .contains("Content-Range: bytes 100-109/" + content.length)
                .contains(new String(Arrays.copyOfRange(content, 100, 110), StandardCharsets.ISO_8859_1));
    }

    @Test
    void refusalsAreBilingualJson() {
        HubHttp.Reply unknown = hub().get("/api/v1/files/" + Sha256.of(TestBundles.random(10)));
        HubHttp.Reply malformed = hub().get("/api/v1/files/not-a-hash");

        assertProblem(unknown, 404, "RELEASE_NOT_FOUND");
        assertThat(unknown.json().path("message").asString()).contains("нет на хабе");
        assertThat(unknown.json().path("messageEn").asString()).contains("no file ");
        assertProblem(malformed, 400, "INVALID_ARGUMENT");
        assertThat(malformed.json().path("message").asString()).contains("Неверный SHA-256");
        assertThat(malformed.json().path("messageEn").asString()).contains("invalid SHA-256");
    }

    @Test
    void aFileOnDiskIsServedOnlyOnceItsPublishIsRecorded() throws IOException {
        byte[] pending = TestBundles.random(1000);
        String pendingSha = Sha256.of(pending);
        Path file = folders.files().resolve(pendingSha.substring(0, 2)).resolve(pendingSha.substring(2));
        Files.createDirectories(file.getParent());
        Files.write(file, pending);

        assertThat(hub().get("/api/v1/files/" + pendingSha).status()).isEqualTo(404);
        assertThat(hub().send(HttpRequest.newBuilder(URI.create(hub().base() + "/api/v1/files/" + pendingSha))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(404);

        // The publish's transaction commits: from now on it is served (a refusal is never remembered).
        jdbc.sql("INSERT INTO blobs (sha256, size, stored_at) VALUES (?, ?, ?)")
                .params(pendingSha, pending.length, OffsetDateTime.now()).update();
        HubHttp.Reply reply = hub().get("/api/v1/files/" + pendingSha);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(pending);
    }

    @Test
    void changesToTheFilesPathStillNeedAToken() {
        HubHttp.Reply reply = hub().post("/api/v1/files/" + sha, null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("code").asString()).isEqualTo("HUB_UNAUTHORIZED");
    }

    private double sent() {
        return meters.get("ksamu.hub.files.sent").counter().count();
    }

    private double sentBytes() {
        return meters.get("ksamu.hub.files.sent.bytes").counter().count();
    }
}
