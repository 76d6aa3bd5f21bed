package ru.ksamu.client.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.ksamu.client.StandInServer;
import ru.ksamu.client.it.LauncherProcess;
import ru.ksamu.release.Version;
import ru.ksamu.release.bundle.Bundles;
import ru.ksamu.release.bundle.ReleaseInfo;
import ru.ksamu.release.manifest.ManifestEntry;
import ru.ksamu.release.manifest.ReleaseManifest;
import ru.ksamu.release.signing.SigningKeyPair;
import ru.ksamu.testkit.TestTls;
import ru.ksamu.testkit.TinyProxy;
import tools.jackson.databind.json.JsonMapper;

/**
 * The launcher (its own process, headless) and the MIS program it starts reach the server through
 * a real proxy (Debian's tinyproxy, demanding a password, given as {@code KSAMU_PROXY} with the
 * password percent-encoded): with the password, 1.0.0.2 is installed over 1.0.0.1 and started, and
 * tinyproxy's log shows the launcher's and the program's requests; with a wrong password or a
 * captive portal's page, the reason names the proxy, nothing is installed and 1.0.0.1 starts. The
 * password is never printed.
 */
class LauncherProxyTest {

    static final String USER = "ksamu";
    static final String PASSWORD = "proxy-s3cret";
    static final String ENCODED = "proxy-s3cr%65t";

    @TempDir
    Path dir;
    Path data;
    int proxyPort;
    StandInServer standIn;
    String manifest;
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final List<AutoCloseable> running = new ArrayList<>();

    @BeforeAll
    static void tinyproxyIsThere() {
        TinyProxy.requireAvailable();
    }

    @BeforeEach
    void workstationAndServer() throws Exception {
        proxyPort = TinyProxy.freePort();
        SigningKeyPair vendor = SigningKeyPair.generate();
        data = dir.resolve("workstation");
        Files.createDirectories(data.resolve("versions/1.0.0.1"));
        LauncherStandInTest.programJar(data.resolve("versions/1.0.0.1/ksamu-mis.jar"));
        Files.writeString(data.resolve("current"), "1.0.0.1\n");
        vendor.writeTo(dir.resolve("keys"), "release");
        Files.copy(dir.resolve("keys/release.pub"), data.resolve("release.pub"));
        manifest = release(vendor, "1.0.0.2");
        standIn = serve(null);
    }

    /** The stand-in server offering 1.0.0.2 (over HTTPS with {@code tls}). */
    StandInServer serve(javax.net.ssl.SSLContext tls) throws Exception {
        StandInServer server = new StandInServer(tls);
        running.add(server);
        return server
                .route("/api/v1/client/manifest", (x, r) -> StandInServer.json(x, 200, manifest))
                .route("/api/v1/client/files/", (x, r) -> {
                    byte[] b = files.get(r.path().substring("/api/v1/client/files/".length()));
                    x.sendResponseHeaders(b == null ? 404 : 200, b == null ? -1 : b.length);
                    if (b != null) {
                        x.getResponseBody().write(b);
                    }
                })
                .route("/api/v1/client/events", (x, r) -> {
                    x.getResponseHeaders().add("Content-Type", "text/event-stream");
                    server.stall(x, "event:hello\ndata:{\"session\":1}\n\n".getBytes(StandardCharsets.UTF_8));
                })
                .route("/api/v1/mis/patients", (x, r) -> StandInServer.json(x, 200,
                        "{\"columns\":[\"id\",\"full_name\"],\"rows\":[[1,\"Иванов Иван\"]]}"));
    }

    /** A real release 1.0.0.2 signed by the vendor, as the server's client API offers it. */
    String release(SigningKeyPair vendor, String version) throws Exception {
        Path source = dir.resolve("src");
        Files.createDirectories(source.resolve("client"));
        LauncherStandInTest.programJar(source.resolve("client/ksamu-mis.jar")); // the same bytes as 1.0.0.1's: kept
        Files.writeString(source.resolve("client/readme.txt"), "клиент " + version + "\n"); // new: downloaded
        Path bundle = dir.resolve("bundle");
        ReleaseManifest m = Bundles.build(source, bundle, ReleaseInfo.of(Version.parse(version), "Проверка", List.of(),
                Instant.now()), vendor.signingKey());
        List<Map<String, Object>> refs = new ArrayList<>();
        for (ManifestEntry e : m.files()) {
            files.put(e.sha256(), Files.readAllBytes(bundle.resolve(e.path())));
            refs.add(Map.of("path", e.path().substring("client/".length()), "size", e.size(), "sha256", e.sha256()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", version);
        json.put("files", refs);
        json.put("manifest", Base64.getEncoder().encodeToString(Files.readAllBytes(bundle.resolve(ReleaseManifest.FILE_NAME))));
        json.put("manifestSignature", Files.readString(bundle.resolve(Bundles.SIGNATURE_FILE)));
        return JsonMapper.shared().writeValueAsString(json);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    LauncherProcess launcher() throws Exception {
        return launcher(standIn, List.of());
    }

    /** The launcher against {@code server}, its JVM and its program's with {@code jvmOptions} too. */
    LauncherProcess launcher(StandInServer server, List<String> jvmOptions) throws Exception {
        List<String> cmd = LauncherStandInTest.command(server.url(), data);
        cmd.addAll(1, jvmOptions);
        for (String o : jvmOptions) {
            cmd.addAll(List.of("--java-option", o));
        }
        LauncherProcess l = new LauncherProcess("launcher", cmd,
                Map.of("KSAMU_PROXY", "http://" + USER + ":" + ENCODED + "@127.0.0.1:" + proxyPort));
        running.add(l);
        return l;
    }

    @Test
    void anHttpsServerIsReachedThroughTheProxysTunnelWithItsPassword() throws Exception {
        TinyProxy proxy = TinyProxy.start(dir.resolve("proxy"), proxyPort, USER, PASSWORD);
        running.add(proxy);
        TestTls tls = TestTls.create(dir.resolve("tls"));
        StandInServer https = serve(tls.serverContext());
        LauncherProcess l = launcher(https, tls.trustOptions());
        l.awaitLine("MIS ready 1.0.0.2");
        l.awaitLine("MIS patients 1 columns=id,full_name");
        String authority = https.url().substring("https://".length());
        // the JDK sends CONNECT without credentials first, then with them once tinyproxy asks (407)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(proxy.log()).as("tinyproxy's log")
                .contains("CONNECT " + authority));
        assertThat(https.requests("/api/v1/client/manifest")).isNotEmpty();
        assertThat(data.resolve("versions/1.0.0.2/readme.txt")).hasContent("клиент 1.0.0.2");
        l.send("quit");
        assertThat(l.exit()).isZero();
        assertThat(l.output()).doesNotContain(PASSWORD).doesNotContain(ENCODED);
    }

    String proxy() {
        return "http://127.0.0.1:" + proxyPort;
    }

    @Test
    void theLauncherAndTheProgramGoThroughTheProxyAndTheUpdateIsInstalled() throws Exception {
        TinyProxy proxy = TinyProxy.start(dir.resolve("proxy"), proxyPort, USER, PASSWORD);
        running.add(proxy);
        LauncherProcess l = launcher();
        l.awaitLine("MIS ready 1.0.0.2");
        l.awaitLine("MIS patients 1 columns=id,full_name");
        // tinyproxy writes its log as it goes, not always before the answer is through
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(proxy.log()).as("tinyproxy's log")
                .contains("GET " + standIn.url() + "/api/v1/client/manifest")
                .contains("GET " + standIn.url() + "/api/v1/client/files/")
                .as("the program's own calls").contains("GET " + standIn.url() + "/api/v1/mis/patients"));
        assertThat(Files.readString(data.resolve("current")).strip()).isEqualTo("1.0.0.2");
        assertThat(data.resolve("versions/1.0.0.2/readme.txt")).hasContent("клиент 1.0.0.2");
        l.send("quit");
        assertThat(l.exit()).isZero();
        assertThat(l.output()).doesNotContain(PASSWORD).doesNotContain(ENCODED);
    }

    @Test
    void aWrongPasswordNamesTheProxyAndTheInstalledVersionStarts() throws Exception {
        TinyProxy proxy = TinyProxy.start(dir.resolve("proxy"), proxyPort, USER, "another-pass");
        running.add(proxy);
        LauncherProcess l = launcher();
        l.awaitLine("MIS ready 1.0.0.1");
        assertThat(l.output()).contains("Сервер " + standIn.url() + " недоступен (прокси " + proxy() + " отклонил вход"
                + " (HTTP 401): проверьте пользователя и пароль в --proxy (KSAMU_PROXY)): запускается установленная версия 1.0.0.1");
        assertThat(data.resolve("versions/1.0.0.2")).doesNotExist();
        l.send("quit");
        assertThat(l.exit()).isZero();
        assertThat(l.output()).doesNotContain(PASSWORD).doesNotContain(ENCODED).doesNotContain("another-pass");
    }

    @Test
    void aCaptivePortalsPageIsRefusedNamingTheProxyAndNothingIsInstalled() throws Exception {
        HttpServer portal = HttpServer.create(new InetSocketAddress("127.0.0.1", proxyPort), 0);
        portal.createContext("/", ex -> {
            byte[] page = "<html><head><title>Вход в сеть клиники</title></head><body>Логин</body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
            ex.sendResponseHeaders(200, page.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(page);
            }
        });
        portal.start();
        running.add(() -> portal.stop(0));
        LauncherProcess l = launcher();
        l.awaitLine("MIS ready 1.0.0.1");
        assertThat(l.output()).contains("Сервер " + standIn.url() + " недоступен (вместо ответа сервера пришла HTML-страница"
                + " (HTTP 200, «Вход в сеть клиники») от прокси " + proxy() + " или из-за него: ответ отклонён, ничего не"
                + " установлено): запускается установленная версия 1.0.0.1");
        assertThat(data.resolve("versions/1.0.0.2")).doesNotExist();
        l.send("quit");
        assertThat(l.exit()).isZero();
    }

    @Test
    void aProxyThatIsNotThereIsNamed() throws Exception {
        LauncherProcess l = launcher();
        l.awaitLine("MIS ready 1.0.0.1");
        assertThat(l.output()).contains("недоступен (прокси " + proxy() + " недоступен (--proxy): ");
        l.send("quit");
        assertThat(l.exit()).isZero();
    }
}
