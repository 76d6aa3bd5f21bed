package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import ru.ksamu.client.it.LauncherProcess;
import ru.ksamu.hub.HubApplication;
import ru.ksamu.release.cli.ReleaseCli;
import ru.ksamu.release.signing.SigningKeyPair;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.server.auth.Workstations;
import tools.jackson.databind.json.JsonMapper;
import ru.ksamu.testkit.TestAdmin;

/**
 * A real hub and a real KSAMU server on loopback (H2 under a temporary folder), the vendor's
 * release key, and the release CLI run in this JVM: what a client test needs to get a client
 * version onto a server the way a clinic does.
 */
final class LiveSystem implements AutoCloseable {

    static final String TOKEN = "client-it-publisher-token-0123456789abcdef0123";
    /** The MIS program as the client module's build lays out a release's client folder (ksamu-mis.jar, lib/). */
    static final Path MIS = ClientsUpdateContract.CLIENT_TARGET.resolve("mis");

    final Path dir;
    final ConfigurableApplicationContext hub;
    final ConfigurableApplicationContext server;
    final String hubUrl;
    final String serverUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    LiveSystem(Path dir) throws Exception {
        this.dir = dir;
        SigningKeyPair.generate().writeTo(dir.resolve("keys"), "release");
        hub = HubApplication.builder().run("--ksamu.port=0", "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD, "--ksamu.data-dir=" + dir.resolve("hub"),
                "--ksamu.hub.publish-tokens=" + TOKEN, "--ksamu.hub.release-keys=" + releasePub());
        hubUrl = "http://127.0.0.1:" + hub.getEnvironment().getProperty("local.server.port");
        server = ServerApplication.builder().run("--ksamu.port=0", "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD, "--ksamu.data-dir=" + dir.resolve("server"),
                "--ksamu.update.hub-url=" + hubUrl, "--ksamu.update.release-keys=" + releasePub(),
                "--ksamu.update.hub-keys=" + dir.resolve("hub/keys/hub.pub"));
        serverUrl = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
    }

    Path releasePub() {
        return dir.resolve("keys/release.pub");
    }

    /** A release source: the built MIS program as client/, plus the given files (path → text). */
    Path source(String name, Map<String, String> files) throws Exception {
        Path src = dir.resolve("src-" + name);
        Path client = src.resolve("client");
        try (Stream<Path> s = Files.walk(MIS)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path to = client.resolve(MIS.relativize(p).toString());
                Files.createDirectories(to.getParent());
                Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = src.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return src;
    }

    /** The enrollment code a workstation registers with (the admin reads it on "Клиенты"). */
    String enrollmentCode() {
        return server.getBean(Workstations.class).enrollmentCode();
    }

    /** Builds, signs and publishes a release to the test channel, then has the server install it now. */
    void publishAndInstall(Path source, String version) throws Exception {
        Path zip = dir.resolve(version + ".zip");
        cli("build", source.toString(), "--version", version, "--notes", "Выпуск " + version,
                "--key", dir.resolve("keys/release.key").toString(), "--out", zip.toString());
        cli("publish", zip.toString(), "--hub", hubUrl, "--channel", "test", "--token", TOKEN);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(serverUrl + "/api/v1/update/test"))
                .header("Authorization", TestAdmin.basic())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        await().atMost(Duration.ofSeconds(60)).until(() -> version.equals(installedVersion()));
    }

    String installedVersion() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(serverUrl + "/api/v1/update")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonMapper.shared().readTree(r.body()).path("installedVersion").asString(null);
    }

    private void cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new ReleaseCli(Clock.systemUTC(), Map.of()).run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertThat(exit).as(err.toString()).isZero();
    }

    @Override
    public void close() {
        server.close();
        hub.close();
    }

    /** The launcher jar the client module's build made, run as an admin runs it on a workstation. */
    static List<String> launcherCommand(String... args) {
        return LauncherProcess.command(ClientsUpdateContract.CLIENT_TARGET, args);
    }
}
