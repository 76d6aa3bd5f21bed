package ru.ksamu.hub.releases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.ksamu.hub.HubContractSupport;
import ru.ksamu.hub.HubHttp;
import ru.ksamu.hub.TestBundles;
import ru.ksamu.hub.TestHub;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Version;

/** Every bad publish is refused with its status and code, and leaves no row and no file behind. */
abstract class RefusalContract extends HubContractSupport {

    private Path good(Version version) {
        return TestBundles.bundle(tmp, version, List.of());
    }

    @Test
    void missingOrWrongTokenIsRefused() {
        Version version = TestHub.freshVersion();
        Path zip = good(version);
        Stored before = stored();
        assertRefused(hub().publish(zip, "test", null), 401, "HUB_UNAUTHORIZED", before);
        assertRefused(hub().publish(zip, "test", "wrong-token-0123456789abcdef0123456789"), 401, "HUB_UNAUTHORIZED", before);
        assertRefused(hub().post("/api/v1/releases/" + version + "/withdraw", "nope"), 401, "HUB_UNAUTHORIZED", before);
        assertRefused(hub().post("/api/v1/releases/" + version + "/promote?to=stable", null), 401, "HUB_UNAUTHORIZED",
                before);
    }

    /**
     * A body larger than the socket buffers, sent as the release CLI sends it (JDK client, known
     * length, the whole body before the answer is read): the refusal must reach the client whole,
     * not be lost to a reset of the connection.
     */
    @Test
    void aLargeUploadThatIsRefusedStillGetsItsRefusal() {
        Version version = TestHub.freshVersion();
        Path big = TestBundles.bundle(tmp, version, Map.of("client/big.bin", TestBundles.random(6_000_000)), List.of(),
                "", TestHub.VENDOR.signingKey());
        Stored before = stored();
        for (int i = 0; i < 3; i++) {
            assertRefused(hub().publish(big, "test", "wrong-token-0123456789abcdef0123456789"), 401, "HUB_UNAUTHORIZED",
                    before);
        }
    }

    /** The CLI's question before an upload: token, channel and size, refused as the upload would be. */
    @Test
    void aPublishIsCheckedBeforeItsBodyIsSent() {
        Stored before = stored();
        HubHttp.Reply fits = hub().post("/api/v1/releases/check?channel=test&size=" + TestHub.MAX_UPLOAD, TestHub.TOKEN);
        assertThat(fits.status()).as(fits.text()).isEqualTo(200);
        assertThat(fits.json().path("maxUploadSize").asLong()).isEqualTo(TestHub.MAX_UPLOAD);
        assertThat(fits.json().path("channel").asString()).isEqualTo("test");
        assertRefused(hub().post("/api/v1/releases/check?channel=test&size=" + (TestHub.MAX_UPLOAD + 1), TestHub.TOKEN),
                413, "SIZE_LIMIT", before);
        assertRefused(hub().post("/api/v1/releases/check?channel=test&size=1", "wrong-token-0123456789abcdef0123456789"),
                401, "HUB_UNAUTHORIZED", before);
        assertRefused(hub().post("/api/v1/releases/check?channel=beta&size=1", TestHub.TOKEN), 400, "INVALID_ARGUMENT",
                before);
    }

    /** A size that is no size is refused naming the parameter; the channel is still checked. */
    @Test
    void aCheckWithANegativeOrNonNumericSizeIsRefused() {
        Stored before = stored();
        for (String size : new String[] {"-1", "-9000000000", "abc", "1.5", ""}) {
            HubHttp.Reply reply = hub().post("/api/v1/releases/check?channel=test&size=" + size, TestHub.TOKEN);
            assertRefused(reply, 400, "INVALID_ARGUMENT", before);
            assertThat(reply.json().path("message").asString()).as(size).contains("size");
        }
        assertRefused(hub().post("/api/v1/releases/check?channel=test", TestHub.TOKEN), 400, "INVALID_ARGUMENT", before);
        assertRefused(hub().post("/api/v1/releases/check?channel=&size=1", TestHub.TOKEN), 400, "INVALID_ARGUMENT", before);
        assertRefused(hub().post("/api/v1/releases/check?size=1", TestHub.TOKEN), 400, "INVALID_ARGUMENT", before);
        assertThat(hub().post("/api/v1/releases/check?channel=stable&size=0", TestHub.TOKEN).status()).isEqualTo(200);
    }

    @Test
    void unknownChannelIsRefused() {
        Stored before = stored();
        assertRefused(hub().publish(good(TestHub.freshVersion()), "beta", TestHub.TOKEN), 400, "INVALID_ARGUMENT", before);
    }

    @Test
    void tamperedFileIsRefused() {
        Path zip = good(TestHub.freshVersion());
        Map<String, byte[]> entries = TestBundles.entries(zip);
        entries.get("client/app.jar")[100] ^= 1;
        Stored before = stored();
        assertRefused(hub().publish(TestBundles.write(zip, "tampered", entries), Channel.TEST), 422, "HASH_MISMATCH",
                before);
    }

    @Test
    void tamperedManifestIsRefused() {
        Path zip = good(TestHub.freshVersion());
        Map<String, byte[]> entries = TestBundles.entries(zip);
        String manifest = new String(entries.get("release.json"), StandardCharsets.UTF_8);
        entries.put("release.json", manifest.replace("Исправлен", "Испорчен").getBytes(StandardCharsets.UTF_8));
        Stored before = stored();
        assertRefused(hub().publish(TestBundles.write(zip, "manifest", entries), Channel.TEST), 422, "BAD_SIGNATURE",
                before);
    }

    @Test
    void bundleSignedByAnUnpinnedKeyIsRefused() {
        Version version = TestHub.freshVersion();
        Path zip = TestBundles.bundle(tmp, version, Map.of("client/a.txt", TestBundles.random(100)), List.of(), "",
                TestHub.STRANGER.signingKey());
        Stored before = stored();
        HubHttp.Reply reply = hub().publish(zip, Channel.TEST);
        assertRefused(reply, 422, "UNTRUSTED_KEY", before);
        assertThat(reply.json().path("message").asString()).contains(TestHub.STRANGER.trustedKey().keyId());
    }

    @Test
    void pathTraversalIsRefused() {
        Path zip = good(TestHub.freshVersion());
        Map<String, byte[]> entries = TestBundles.entries(zip);
        entries.put("client/../../evil.sh", "rm -rf /".getBytes(StandardCharsets.UTF_8));
        Stored before = stored();
        assertRefused(hub().publish(TestBundles.write(zip, "slip", entries), Channel.TEST), 422, "UNSAFE_PATH", before);
        assertThat(Files.exists(folders.dataDir().resolve("evil.sh"))).isFalse();
    }

    @Test
    void pathsThatAreOneFileOnAClientAreRefused() {
        Path zip = good(TestHub.freshVersion());
        Map<String, byte[]> entries = TestBundles.entries(zip);
        entries.put("client/APP.jar", entries.get("client/app.jar"));
        Stored before = stored();
        assertRefused(hub().publish(TestBundles.write(zip, "dup", entries), Channel.TEST), 422, "DUPLICATE_PATH", before);
    }

    @Test
    void zipBombIsRefusedWithoutInflatingIt() {
        Path zip = good(TestHub.freshVersion());
        Map<String, byte[]> entries = TestBundles.entries(zip);
        entries.put("client/app.jar", new byte[64 << 20]); // 64 MiB of zeros, ~64 KiB deflated
        Path bomb = TestBundles.write(zip, "bomb", entries);
        assertThat(bomb.toFile().length()).isLessThan(TestHub.MAX_UPLOAD);
        Stored before = stored();
        assertRefused(hub().publish(bomb, Channel.TEST), 422, "SIZE_MISMATCH", before);
    }

    @Test
    void uploadDeclaredOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        Stored before = stored();
        // No body follows: the refusal must come from the declared length alone. A raw socket,
        // because an HTTP client would insist on sending the 8 MiB it declared.
        String answer = rawPost(TestHub.MAX_UPLOAD + 1, new byte[0]);
        assertThat(answer).contains("HTTP/1.1 413").contains("\"code\":\"SIZE_LIMIT\"");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void chunkedUploadOverTheLimitIsRefused() {
        byte[] body = TestBundles.random((int) TestHub.MAX_UPLOAD + 300_000);
        // A publisher of unknown length makes the client send the body chunked, without Content-Length.
        HttpRequest request = HttpRequest.newBuilder(URI.create(hub().base() + "/api/v1/releases?channel=test"))
                .header("Authorization", "Bearer " + TestHub.TOKEN)
                .header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();
        Stored before = stored();
        assertRefused(hub().send(request), 413, "SIZE_LIMIT", before);
    }

    @Test
    void truncatedZipIsRefused() throws IOException {
        Path zip = good(TestHub.freshVersion());
        byte[] bytes = Files.readAllBytes(zip);
        Path cut = tmp.resolve("cut.zip");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        Stored before = stored();
        assertRefused(hub().publish(cut, Channel.TEST), 422, "MALFORMED_BUNDLE", before);
    }

    @Test
    void uploadCutShortByTheClientIsRefused() throws IOException {
        byte[] zip = Files.readAllBytes(good(TestHub.freshVersion()));
        Stored before = stored();
        String answer = rawPost(zip.length, Arrays.copyOf(zip, zip.length / 2));
        // The hub answers 400 or just closes the broken connection; it never accepts the upload.
        assertThat(answer).satisfiesAnyOf(a -> assertThat(a).contains(" 400 ").contains("MALFORMED_BUNDLE"),
                a -> assertThat(a).doesNotContain(" 201 "));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void invalidVersionIsRefusedEvenWhenSigned() {
        Path zip = good(TestHub.freshVersion());
        Map<String, byte[]> entries = TestBundles.entries(zip);
        String manifest = new String(entries.get("release.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"version\":\"7\\.", "\"version\":\"07.");
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        entries.put("release.json", bytes);
        entries.put("release.sig", (TestHub.VENDOR.signingKey().sign(bytes).toText() + "\n").getBytes(StandardCharsets.UTF_8));
        Stored before = stored();
        HubHttp.Reply reply = hub().publish(TestBundles.write(zip, "badversion", entries), Channel.TEST);
        assertRefused(reply, 422, "MALFORMED_MANIFEST", before);
        assertThat(reply.json().path("message").asString()).contains("07.");
    }

    @Test
    void versionThatExistsIsRefusedAndTheFirstIsKept() {
        Version version = TestHub.freshVersion();
        assertThat(hub().publish(good(version), Channel.TEST).status()).isEqualTo(201);
        Path again = good(version); // same version, other content
        Stored before = stored();
        assertRefused(hub().publish(again, Channel.STABLE), 409, "RELEASE_EXISTS", before);
        assertThat(hub().get("/api/v1/releases/" + version).json().path("channels").toString()).isEqualTo("[\"test\"]");
    }

    @Test
    void withdrawnVersionCannotBePublishedAgain() {
        Version version = TestHub.freshVersion();
        assertThat(hub().publish(good(version), Channel.TEST).status()).isEqualTo(201);
        assertThat(hub().withdraw(version).status()).isEqualTo(200);
        Stored before = stored();
        assertRefused(hub().publish(good(version), Channel.TEST), 409, "RELEASE_EXISTS", before);
    }

    /** Sends a publish with a declared length and the given (maybe shorter) body, then half-closes; returns all read. */
    private String rawPost(long declaredLength, byte[] body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/releases?channel=test HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + TestHub.TOKEN + "\r\nContent-Type: application/zip\r\n"
                    + "Content-Length: " + declaredLength + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            socket.shutdownOutput();
            return readAll(socket.getInputStream());
        }
    }

    private static String readAll(InputStream in) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (IOException e) {
            // connection reset: what was read so far is the answer
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
