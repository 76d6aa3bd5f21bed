package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import ru.ksamu.hub.HubApplication;
import ru.ksamu.hub.files.BlobStore;
import ru.ksamu.release.Sha256;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.testkit.TestAdmin;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vendor hub → regional mirror → clinic server (issue 21, point 5). The clinic pins the mirror's
 * feed key and the vendor's release key, and knows only the mirror's address. It installs through
 * the mirror; a file tampered on the mirror's disk is refused by the clinic's own hash check; a
 * release whose file is broken upstream is never offered by the mirror, whose health shows it
 * behind; with the vendor hub stopped the clinic still updates through the mirror.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MirrorUpdateH2IT {

    static final Duration WAIT = Duration.ofSeconds(60);

    Path dir;
    Vendor vendor;
    ConfigurableApplicationContext mirror;
    String mirrorUrl;
    ConfigurableApplicationContext server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("ksamu-e2e-mirror");
        vendor = new Vendor(dir, List.of());
        mirror = HubApplication.builder().run("--ksamu.port=0", "--ksamu.data-dir=" + dir.resolve("mirror"),
                "--ksamu.hub.publish-tokens=" + Vendor.TOKEN, "--ksamu.hub.release-keys=" + vendor.releasePub(),
                "--ksamu.hub.upstream=" + vendor.hubUrl, "--ksamu.hub.upstream-keys=" + vendor.hubPub(),
                "--ksamu.hub.upstream-interval=500ms");
        mirrorUrl = "http://127.0.0.1:" + mirror.getEnvironment().getProperty("local.server.port");
        List<String> args = new ArrayList<>(List.of("--ksamu.port=0", "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD,
                "--ksamu.data-dir=" + dir.resolve("server"), "--ksamu.update.hub-url=" + mirrorUrl,
                "--ksamu.update.region=09", "--ksamu.update.release-keys=" + vendor.releasePub(),
                "--ksamu.update.hub-keys=" + dir.resolve("mirror/keys/hub.pub")));
        server = ServerApplication.builder().run(args.toArray(String[]::new));
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {server, mirror, vendor}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
    }

    String serverBase() {
        return "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
    }

    JsonNode serverGet(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(serverBase() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JsonMapper.shared().readTree(r.body());
    }

    JsonNode updateFromTest() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(serverBase() + "/api/v1/update/test"))
                .header("Authorization", TestAdmin.basic()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        long run = JsonMapper.shared().readTree(r.body()).get("runId").asLong();
        E2e.awaitRun(server, run, WAIT);
        return serverGet("/api/v1/update").path("jobs").path(0);
    }

    String installed() throws Exception {
        return serverGet("/api/v1/update").path("installedVersion").asString(null);
    }

    /** The mirror's {@code upstream} health with its details. */
    JsonNode mirrorHealth() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(mirrorUrl + "/actuator/health"))
                .header("Authorization", "Bearer " + Vendor.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        return JsonMapper.shared().readTree(r.body()).path("components").path("upstream");
    }

    boolean mirrorHas(String version) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(mirrorUrl + "/api/v1/releases/" + version)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    }

    Path release(String version) throws Exception {
        Path src = vendor.source(version, Map.of(
                "scripts/V1_0_0__patients.sql", "CREATE TABLE patient (id INT PRIMARY KEY, name VARCHAR(200));\n",
                "client/ksamu-client.txt", "клиент " + version + "\n"));
        vendor.release(src, version, "Выпуск " + version, "test");
        return src;
    }

    static String sha(String text) {
        return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void theClinicInstallsThroughTheMirror() throws Exception {
        release("1.0.0.1");
        await().atMost(WAIT).until(() -> mirrorHas("1.0.0.1"));
        JsonNode job = updateFromTest();
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(installed()).isEqualTo("1.0.0.1");
        await().atMost(WAIT).until(() -> "UP".equals(mirrorHealth().path("status").asString()));
    }

    @Test
    @Order(2)
    void aFileTamperedOnTheMirrorIsRefusedByTheClinic() throws Exception {
        release("1.0.0.2");
        await().atMost(WAIT).until(() -> mirrorHas("1.0.0.2"));
        Path blob = mirror.getBean(BlobStore.class).pathOf(sha("клиент 1.0.0.2\n"));
        byte[] original = Files.readAllBytes(blob);
        Files.writeString(blob, "подмена 1.0.0.2\n"); // the same length, other bytes
        try {
            JsonNode job = updateFromTest();
            assertThat(job.path("state").asString()).isEqualTo("FAILED");
            assertThat(job.path("message").asString()).contains("SHA-256");
            assertThat(installed()).isEqualTo("1.0.0.1");
        } finally {
            Files.write(blob, original);
        }
    }

    @Test
    @Order(3)
    void aMirrorThatFallsBehindShowsItInItsHealth() throws Exception {
        release("1.0.0.3");
        Path upstreamBlob = vendor.hub.getBean(BlobStore.class).pathOf(sha("клиент 1.0.0.3\n"));
        Files.writeString(upstreamBlob, "сломан  1.0.0.3\n"); // the same length: only the hash can tell
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode health = mirrorHealth();
            assertThat(health.path("status").asString()).isEqualTo("DOWN");
            assertThat(StreamSupport.stream(health.path("details").path("missing").spliterator(), false)
                    .map(JsonNode::asString)).containsExactly("1.0.0.3");
            assertThat(health.path("details").path("lastError").asString()).contains(vendor.hubUrl).contains("1.0.0.3");
        });
        assertThat(mirrorHas("1.0.0.3")).as("a half-synced release is never offered").isFalse();
    }

    @Test
    @Order(4)
    void withTheVendorHubStoppedTheClinicStillUpdatesThroughTheMirror() throws Exception {
        vendor.close();
        await().atMost(WAIT).untilAsserted(() -> assertThat(mirrorHealth().path("details").path("lastError").asString())
                .contains("не отдал ленту"));
        JsonNode job = updateFromTest();
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(installed()).isEqualTo("1.0.0.2");
        JsonNode health = mirrorHealth();
        assertThat(health.path("status").asString()).isEqualTo("DOWN");
        assertThat(health.path("details").path("missing").toString()).contains("1.0.0.3");
    }
}
