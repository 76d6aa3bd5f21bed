package ru.ksamu.server.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.release.Version;
import ru.ksamu.release.signing.SigningKeyPair;
import ru.ksamu.server.ServerOnH2;
import ru.ksamu.server.installation.InstallationStore;
import ru.ksamu.server.releases.ReleaseStore;
import ru.ksamu.server.threads.ThreadManager;
import ru.ksamu.server.threads.WorkSnapshot;
import ru.ksamu.server.threads.WorkState;
import ru.ksamu.testkit.TestAdmin;
import ru.ksamu.testkit.TinyProxy;

/**
 * The server's calls to the hub through a real proxy (Debian's tinyproxy, started here on a fixed
 * loopback port, demanding a password): with the password the update 1.0.0.1 then 1.0.0.2 works and
 * tinyproxy's log shows the requests; with a wrong one, with no proxy listening, and with a "proxy"
 * answering a web page (a captive portal) the run log says why in Russian, naming the proxy, and
 * nothing is stored. The password (given percent-encoded) is in no log line, run log, console
 * page or API answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ksamu-server", "ksamu.port=0", "ksamu.update.read-timeout=5s",
                "ksamu.update.request-timeout=10s"})
@ContextConfiguration(initializers = {ServerOnH2.class, ProxyH2IT.Settings.class})
@ExtendWith(OutputCaptureExtension.class)
class ProxyH2IT {

    static final SigningKeyPair VENDOR = SigningKeyPair.generate();
    static final SigningKeyPair HUB = SigningKeyPair.generate();
    static final int PROXY_PORT = TinyProxy.freePort();
    static final String USER = "ksamu";
    /** The password; the setting gives it percent-encoded ({@code %65} is "e") to show it is decoded. */
    static final String PASSWORD = "proxy-s3cret";
    static final String PROXY = "http://127.0.0.1:" + PROXY_PORT;

    /** The proxy setting and the stand-in hub's pinned keys. */
    static class Settings implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext ctx) {
            ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ksamuProxyTest", Map.of(
                    "ksamu.update.proxy", "http://" + USER + ":proxy-s3cr%65t@127.0.0.1:" + PROXY_PORT,
                    "ksamu.update.release-keys", VENDOR.trustedKey().toText(),
                    "ksamu.update.hub-keys", HUB.trustedKey().toText())));
        }
    }

    @Autowired
    UpdateEngine engine;
    @Autowired
    CloudSettings cloud;
    @Autowired
    ThreadManager threads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    InstallationStore installation;
    @Autowired
    ReleaseStore store;
    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final java.util.List<AutoCloseable> running = new java.util.ArrayList<>();
    Path dir;

    @BeforeAll
    static void tinyproxyIsThere() {
        TinyProxy.requireAvailable();
    }

    @AfterEach
    void stopAll() throws Exception {
        cloud.change("", "");
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void anUpdateGoesThroughTheProxyWithItsPasswordAndThePasswordIsShownNowhere(CapturedOutput output) {
        TinyProxy proxy = proxy(PASSWORD);
        StandInHub first = hub("1.0.0.1");
        WorkSnapshot one = update();
        assertThat(one.state()).as(runLog(one.id())).isEqualTo(WorkState.DONE);
        StandInHub second = hub("1.0.0.2");
        WorkSnapshot two = update();
        String log = runLog(two.id());
        assertThat(two.state()).as(log).isEqualTo(WorkState.DONE);
        assertThat(log).contains("Установлена версия 1.0.0.2");
        assertThat(installation.get().installedVersion()).contains(Version.parse("1.0.0.2"));
        assertThat(proxy.log()).as("tinyproxy's log")
                .contains("GET " + first.url() + "/api/v1/channels/test/latest")
                .contains("GET " + second.url() + "/api/v1/channels/test/latest")
                .contains("GET " + second.url() + "/api/v1/files/");
        assertThat(output.getAll()).contains("ksamu.update.proxy = http://ksamu:***@127.0.0.1:" + PROXY_PORT);
        assertPasswordShownNowhere(output);
    }

    @Test
    void aWrongPasswordIsNamedInTheRunLogWithoutThePassword(CapturedOutput output) {
        TinyProxy proxy = proxy("another-pass");
        hub("1.0.0.3");
        WorkSnapshot run = update();
        String log = runLog(run.id());
        assertThat(run.state()).as(log).isEqualTo(WorkState.FAILED);
        // tinyproxy 1.11 answers a wrong password with 401 and its page (407 only when none is sent)
        assertThat(log).contains("Прокси " + PROXY + " отклонил вход (HTTP 401 со страницей прокси):"
                + " проверьте пользователя и пароль в ksamu.update.proxy");
        assertThat(proxy.log()).contains("/api/v1/channels/test/latest");
        assertThat(store.release(Version.parse("1.0.0.3"))).isEmpty();
        assertPasswordShownNowhere(output);
    }

    @Test
    void aProxyAskingForAPasswordThatIsNotConfiguredSays407() {
        proxy(PASSWORD);
        StandInHub hub = hub("1.0.0.6");
        HubHttp noPassword = new HubHttp(RestClient.builder(), new UpdateSettings(hub.url(), "", List.of(), List.of(),
                Duration.ofSeconds(10), Duration.ofSeconds(5), DataSize.ofBytes(0), PROXY));
        try {
            assertThatThrownBy(() -> noPassword.fetch(HttpMethod.GET, hub.url() + "/api/v1/channels/test/latest",
                    "ленту обновлений", Map.of(), null, 1 << 20, Duration.ofSeconds(10)))
                    .isInstanceOf(HubCallFailedException.class)
                    .hasMessage("Прокси " + PROXY + " отклонил вход (407 Proxy Authentication Required): прокси требует"
                            + " пароль, укажите http://пользователь:пароль@хост:порт в ksamu.update.proxy");
        } finally {
            noPassword.destroy();
        }
    }

    @Test
    void aProxyThatIsNotThereIsNamed() {
        hub("1.0.0.5");
        WorkSnapshot run = update();
        assertThat(run.state()).isEqualTo(WorkState.FAILED);
        assertThat(runLog(run.id())).contains("Прокси " + PROXY + " недоступен (ksamu.update.proxy)")
                .doesNotContain(PASSWORD);
    }

    @Test
    void aWebPageInsteadOfTheFeedIsRefusedNamingTheProxyAndNothingIsStored(CapturedOutput output) throws IOException {
        captivePortal();
        StandInHub hub = hub("1.0.0.4");
        Optional<Version> before = installation.get().installedVersion();
        WorkSnapshot run = update();
        String log = runLog(run.id());
        assertThat(run.state()).as(log).isEqualTo(WorkState.FAILED);
        assertThat(log).contains("Прокси " + PROXY + " (ksamu.update.proxy) или облако за ним вернули HTML-страницу"
                        + " (HTTP 200, text/html;charset=UTF-8, «Вход в сеть клиники»)")
                .contains("запрашивали ленту обновлений").contains("ответ отклонён, ничего не сохранено")
                .contains(hub.url());
        assertThat(installation.get().installedVersion()).isEqualTo(before);
        assertThat(store.release(Version.parse("1.0.0.4"))).isEmpty();
        try (Stream<Path> staging = Files.list(store.root().resolve("staging"))) {
            assertThat(staging).isEmpty();
        }
        assertPasswordShownNowhere(output);
    }

    @Test
    void theSystemSelectorIsUsedAndNamedWhenTheSettingSaysSystem() {
        TinyProxy proxy = proxy(PASSWORD);
        StandInHub hub = hub("1.0.0.7");
        Map<String, String> before = new java.util.HashMap<>();
        for (String k : List.of("http.proxyHost", "http.proxyPort", "http.nonProxyHosts")) {
            before.put(k, System.getProperty(k));
        }
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", String.valueOf(PROXY_PORT));
        System.setProperty("http.nonProxyHosts", ""); // empty: not even the loopback default
        HubHttp system = new HubHttp(RestClient.builder(), new UpdateSettings(hub.url(), "", List.of(), List.of(),
                Duration.ofSeconds(10), Duration.ofSeconds(5), DataSize.ofBytes(0), "system"));
        try {
            assertThatThrownBy(() -> system.fetch(HttpMethod.GET, hub.url() + "/api/v1/channels/test/latest",
                    "ленту обновлений", Map.of(), null, 1 << 20, Duration.ofSeconds(10)))
                    .isInstanceOf(HubCallFailedException.class)
                    .hasMessageStartingWith("Прокси " + PROXY + " (system) отклонил вход (407 Proxy Authentication Required)");
            assertThat(proxy.log()).contains("GET " + hub.url() + "/api/v1/channels/test/latest");
        } finally {
            system.destroy();
            before.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    private void assertPasswordShownNowhere(CapturedOutput output) {
        assertThat(output.getAll()).as("logs").doesNotContain(PASSWORD).doesNotContain("proxy-s3cr%65t");
        assertThat(String.join("\n", jdbc.sql("SELECT message FROM run_log").query(String.class).list()))
                .as("run logs").doesNotContain(PASSWORD).doesNotContain("proxy-s3cr%65t");
        for (String page : List.of("/", "/update", "/logs", "/settings", "/threads", "/maintenance", "/tasks",
                "/api/v1/update", "/api/v1/logs?size=500", "/api/v1/threads", "/actuator/env", "/actuator/configprops",
                "/actuator/health")) {
            HttpResponse<String> r = adminGet(page);
            assertThat(r.body()).as(page + " (HTTP " + r.statusCode() + ")").doesNotContain(PASSWORD)
                    .doesNotContain("proxy-s3cr%65t");
            if (page.startsWith("/actuator/e") || page.startsWith("/actuator/c")) {
                assertThat(r.statusCode()).as(page + " is not exposed").isIn(401, 403, 404);
            } else {
                assertThat(r.statusCode()).as(page).isEqualTo(200);
            }
        }
    }

    private HttpResponse<String> adminGet(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", TestAdmin.basic()).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private TinyProxy proxy(String password) {
        TinyProxy p = TinyProxy.start(dir(), PROXY_PORT, USER, password);
        running.add(p);
        return p;
    }

    /** A "proxy" that answers every request with its sign-in page, as a captive portal does. */
    private void captivePortal() throws IOException {
        HttpServer portal = HttpServer.create(new InetSocketAddress("127.0.0.1", PROXY_PORT), 0);
        portal.createContext("/", ex -> {
            byte[] page = ("<!doctype html><html><head><title>Вход в сеть клиники</title></head>"
                    + "<body><form>Введите логин</form></body></html>").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
            ex.sendResponseHeaders(200, page.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(page);
            }
        });
        portal.start();
        running.add(() -> portal.stop(0));
    }

    private StandInHub hub(String version) {
        try {
            StandInHub h = new StandInHub(Files.createTempDirectory(dir(), "hub"), VENDOR, HUB, version,
                    StandInHub.Mode.NORMAL, 0);
            running.add(h);
            cloud.change(h.url(), "");
            return h;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path dir() {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("ksamu-proxy-it");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WorkSnapshot update() {
        long id = engine.updateFromTest("test");
        await().atMost(Duration.ofSeconds(60)).until(() -> threads.get(id).map(s -> s.state().finished()).orElse(false));
        return threads.get(id).orElseThrow();
    }

    private String runLog(long runId) {
        return String.join("\n", jdbc.sql("SELECT message FROM run_log WHERE run_id = ? ORDER BY id").param(runId)
                .query(String.class).list());
    }
}
