package ru.ksamu.hub.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import ru.ksamu.hub.HubHttp;
import ru.ksamu.hub.TestBundles;
import ru.ksamu.hub.TestHub;
import ru.ksamu.release.Channel;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.Version;
import ru.ksamu.testkit.TinyProxy;
import tools.jackson.databind.JsonNode;

/**
 * A regional mirror that reaches its upstream only through an HTTP proxy demanding a password
 * ({@code ksamu.hub.upstream-proxy}, Debian's tinyproxy with BasicAuth): with the right password
 * it takes a release (a file of several slabs, so the hashing thread is used) through the proxy,
 * as tinyproxy's log shows; with a wrong one its health is DOWN naming the proxy and the setting
 * in Russian, and neither health nor log holds the password.
 */
@ExtendWith(OutputCaptureExtension.class)
class MirrorProxyIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String USER = "mirror";
    static final String PASSWORD = "right-pass-41";
    static final String WRONG = "wrong-pass-42";

    @Test
    void aMirrorSyncsThroughAProxyWithAPasswordAndAWrongPasswordIsNamed(CapturedOutput output) throws Exception {
        TinyProxy.requireAvailable();
        Path dir = Files.createTempDirectory("ksamu-mirror-proxy");
        int port = TinyProxy.freePort();
        String proxyUrl = "http://127.0.0.1:" + port;
        try (TinyProxy proxy = TinyProxy.start(dir.resolve("proxy"), port, USER, PASSWORD);
             RunningHub vendor = RunningHub.vendor(dir.resolve("vendor"), List.of())) {
            Version version = TestHub.freshVersion();
            byte[] app = TestBundles.random(3 * FileFetch.SLAB + 12_345);
            Path zip = TestBundles.bundle(dir, version, Map.of("client/app.jar", app), List.of(), "Через прокси",
                    TestHub.VENDOR.signingKey());
            assertThat(vendor.http.publish(zip, Channel.TEST).status()).isEqualTo(201);
            String sha = Sha256.of(app);

            try (RunningHub mirror = RunningHub.mirror(dir.resolve("mirror"),
                    List.of("--ksamu.hub.upstream-proxy=http://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port),
                    vendor.url(), vendor.feedKeyText(), "300ms")) {
                await().atMost(WAIT).until(() -> MirrorContract.versions(MirrorContract.feed(mirror, Channel.TEST,
                        mirror.feedKeys())).contains(version));
                HubHttp.Reply file = mirror.http.get("/api/v1/files/" + sha);
                assertThat(file.status()).isEqualTo(200);
                assertThat(Sha256.of(file.body())).isEqualTo(sha);
                await().atMost(WAIT).until(() -> "UP".equals(mirror.upstreamHealth().path("status").asString()));
                assertThat(proxy.log()).contains("GET " + vendor.url() + "/api/v1/feeds/test")
                        .contains("GET " + vendor.url() + "/api/v1/files/" + sha);
            }

            try (RunningHub wrong = RunningHub.mirror(dir.resolve("wrong"),
                    List.of("--ksamu.hub.upstream-proxy=http://" + USER + ":" + WRONG + "@127.0.0.1:" + port),
                    vendor.url(), vendor.feedKeyText(), "300ms")) {
                await().atMost(WAIT).untilAsserted(() -> {
                    JsonNode health = wrong.upstreamHealth();
                    assertThat(health.path("status").asString()).isEqualTo("DOWN");
                    assertThat(health.path("details").path("lastError").asString())
                            .contains("Зеркало хаба " + vendor.url())
                            .contains("прокси " + proxyUrl + " отклонил вход")
                            .contains("проверьте пользователя и пароль в " + UpstreamSettings.PROXY);
                    assertThat(health.path("details").path("lastErrorEnglish").asString())
                            .contains("the proxy " + proxyUrl + " refused the login");
                    assertThat(health.toString()).doesNotContain(WRONG);
                });
                assertThat(wrong.http.get("/api/v1/files/" + sha).status()).isEqualTo(404);
            }
            assertThat(output.getAll()).contains("refused the login").doesNotContain(WRONG).doesNotContain(PASSWORD);
        }
    }
}
