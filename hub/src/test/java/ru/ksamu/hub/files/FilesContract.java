package ru.ksamu.hub.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.ksamu.hub.HubContractSupport;
import ru.ksamu.hub.HubHttp;
import ru.ksamu.hub.TestBundles;
import ru.ksamu.hub.TestHub;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.Version;

/** Release files by hash: immutable caching, ETag and 304, ranges for resumed downloads. */
abstract class FilesContract extends HubContractSupport {

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
    void unsatisfiableRangeAnswers416() {
        HubHttp.Reply reply = hub().get("/api/v1/files/" + sha, "Range", "bytes=" + content.length + "-");

        assertThat(reply.status()).isEqualTo(416);
        assertThat(reply.header("Content-Range")).contains("bytes */" + content.length);
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
}
