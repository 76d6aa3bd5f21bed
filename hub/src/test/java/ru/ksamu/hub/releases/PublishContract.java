package ru.ksamu.hub.releases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.ksamu.hub.HubContractSupport;
import ru.ksamu.hub.HubHttp;
import ru.ksamu.hub.TestBundles;
import ru.ksamu.hub.TestHub;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.Version;
import tools.jackson.databind.JsonNode;

/** Publishing: what a good bundle leaves behind, and content stored once however often shared. */
abstract class PublishContract extends HubContractSupport {

    @Test
    void publishedReleaseIsListedWithItsFilesStoredByHash() throws Exception {
        Version version = TestHub.freshVersion();
        Path zip = TestBundles.bundle(tmp, version, List.of("09", "10"));
        Map<String, byte[]> contents = TestBundles.entries(zip);

        HubHttp.Reply reply = hub().publish(zip, Channel.TEST);

        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        assertThat(reply.json().path("version").asString()).isEqualTo(version.toString());
        assertThat(reply.json().path("channel").asString()).isEqualTo("test");
        JsonNode listed = findListed(version);
        assertThat(listed.path("channels").toString()).isEqualTo("[\"test\"]");
        assertThat(listed.path("regions").toString()).isEqualTo("[\"09\",\"10\"]");
        assertThat(listed.path("notes").asString()).isEqualTo("Исправлен отчёт " + version);
        assertThat(listed.path("withdrawn").asBoolean()).isFalse();
        assertThat(listed.path("fileCount").asInt()).isEqualTo(3);
        assertThat(listed.path("totalSize").asLong()).isEqualTo(contents.entrySet().stream()
                .filter(e -> e.getKey().contains("/")).mapToLong(e -> e.getValue().length).sum());
        assertThat(listed.path("publishedAt").asString()).endsWith("Z");

        JsonNode detail = hub().get("/api/v1/releases/" + version).json();
        assertThat(detail.path("signedBy").asString()).isEqualTo(TestHub.VENDOR.trustedKey().keyId());
        assertThat(detail.path("files")).hasSize(3);
        for (JsonNode file : detail.path("files")) {
            byte[] expected = contents.get(file.path("path").asString());
            String sha = file.path("sha256").asString();
            assertThat(sha).isEqualTo(Sha256.of(expected));
            assertThat(file.path("size").asLong()).isEqualTo(expected.length);
            assertThat(file.path("role").asString()).isEqualTo(file.path("path").asString().split("/")[0]);
            assertThat(Files.readAllBytes(folders.files().resolve(sha.substring(0, 2)).resolve(sha.substring(2))))
                    .isEqualTo(expected);
        }
        assertThat(count("SELECT COUNT(*) FROM announcements WHERE version = ? AND channel = 'test'", version.toString()))
                .isEqualTo(1);
    }

    @Test
    void releasesSharing99Of100FilesStore101Blobs() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            files.put("client/lib/part-" + i + ".bin", TestBundles.random(1000 + i));
        }
        Version first = TestHub.freshVersion();
        Version second = TestHub.nextBuild(first);
        Path a = TestBundles.bundle(tmp, first, files, List.of(), "", TestHub.VENDOR.signingKey());
        files.put("client/lib/part-42.bin", TestBundles.random(5000));
        Path b = TestBundles.bundle(tmp, second, files, List.of(), "", TestHub.VENDOR.signingKey());
        int blobsBefore = blobFiles().size();
        long rowsBefore = count("SELECT COUNT(*) FROM blobs");

        assertThat(hub().publish(a, Channel.TEST).status()).isEqualTo(201);
        assertThat(hub().publish(b, Channel.TEST).status()).isEqualTo(201);

        assertThat(blobFiles()).hasSize(blobsBefore + 101);
        assertThat(count("SELECT COUNT(*) FROM blobs")).isEqualTo(rowsBefore + 101);
        assertThat(count("SELECT COUNT(DISTINCT sha256) FROM release_files WHERE version IN (?, ?)",
                first.toString(), second.toString())).isEqualTo(101);
        assertThat(count("SELECT COUNT(*) FROM release_files WHERE version IN (?, ?)",
                first.toString(), second.toString())).isEqualTo(200);
    }

    @Test
    void listShowsNewestVersionFirst() {
        Version older = TestHub.freshVersion();
        Version newer = TestHub.nextBuild(older);
        assertThat(hub().publish(TestBundles.bundle(tmp, newer, List.of()), Channel.STABLE).status()).isEqualTo(201);
        assertThat(hub().publish(TestBundles.bundle(tmp, older, List.of()), Channel.TEST).status()).isEqualTo(201);

        List<String> versions = new java.util.ArrayList<>();
        hub().get("/api/v1/releases").json().forEach(r -> versions.add(r.path("version").asString()));

        assertThat(versions).containsSubsequence(newer.toString(), older.toString());
        assertThat(findListed(newer).path("channels").toString()).isEqualTo("[\"stable\"]");
    }

    @Test
    void inspectingAnUnknownOrInvalidVersionIsRefused() {
        assertThat(hub().get("/api/v1/releases/7.99999.0.1").status()).isEqualTo(404);
        assertThat(hub().get("/api/v1/releases/7.99999.0.1").json().path("code").asString()).isEqualTo("RELEASE_NOT_FOUND");
        assertThat(hub().get("/api/v1/releases/07.1.0.1").status()).isEqualTo(400);
        assertThat(hub().get("/api/v1/releases/07.1.0.1").json().path("code").asString()).isEqualTo("INVALID_VERSION");
    }

    private JsonNode findListed(Version version) {
        for (JsonNode release : hub().get("/api/v1/releases").json()) {
            if (release.path("version").asString().equals(version.toString())) {
                return release;
            }
        }
        throw new AssertionError("release " + version + " is not listed");
    }
}
