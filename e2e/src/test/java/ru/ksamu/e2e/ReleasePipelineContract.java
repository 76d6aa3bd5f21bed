package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import ru.ksamu.hub.HubApplication;
import ru.ksamu.release.Channel;
import ru.ksamu.release.feed.FeedExpiredException;
import ru.ksamu.release.ReleaseException;
import ru.ksamu.release.Version;
import ru.ksamu.release.cli.ReleaseCli;
import ru.ksamu.release.feed.ChannelFeed;
import ru.ksamu.release.feed.FeedRelease;
import ru.ksamu.release.feed.FeedVerifier;
import ru.ksamu.release.feed.ReleasePicker;
import ru.ksamu.release.feed.SignedFeed;
import ru.ksamu.release.signing.SigningKeyPair;
import ru.ksamu.release.signing.TrustedKey;
import ru.ksamu.release.signing.TrustedKeys;
import ru.ksamu.testkit.TestAdmin;

/**
 * The vendor's side end to end: keys and a bundle made with the release CLI, published to a real
 * hub over HTTP, promoted to stable; a clinic server's verifier accepts the hub's signed feed only
 * with both pinned keys and picks the release.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
abstract class ReleasePipelineContract {

    /** Extra arguments that put the hub's database on the kind under test. */
    abstract List<String> hubDatabase();

    /** Extra arguments that put a server's service and main databases on the kind under test. */
    abstract List<String> serverDatabases();

    static final String TOKEN = "e2e-publisher-token-0123456789abcdef0123456789";

    Path dir;
    SigningKeyPair releaseKey;
    ConfigurableApplicationContext hub;
    String hubUrl;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startHub() throws Exception {
        dir = Files.createTempDirectory("ksamu-e2e-pipeline");
        releaseKey = SigningKeyPair.generate();
        releaseKey.writeTo(dir.resolve("keys"), "release");
        List<String> args = new java.util.ArrayList<>(List.of("--ksamu.port=0", "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD, "--ksamu.data-dir=" + dir.resolve("hub"),
                "--ksamu.hub.publish-tokens=" + TOKEN, "--ksamu.hub.release-keys=" + dir.resolve("keys/release.pub")));
        args.addAll(hubDatabase());
        hub = HubApplication.builder().run(args.toArray(String[]::new));
        hubUrl = "http://127.0.0.1:" + hub.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    record Run(int exit, String out, String err) {
    }

    Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new ReleaseCli(Clock.systemUTC(), Map.of()).run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    Path source(String marker) throws Exception {
        Path src = dir.resolve("src-" + marker);
        Files.createDirectories(src.resolve("scripts"));
        Files.createDirectories(src.resolve("client"));
        Files.writeString(src.resolve("scripts/V6_0_51__patients.sql"), "CREATE TABLE patient (id INT PRIMARY KEY);\n");
        Files.writeString(src.resolve("client/ksamu-client.txt"), "клиент " + marker + "\n");
        return src;
    }

    SignedFeed feed(Channel channel) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(hubUrl + "/api/v1/channels/"
                + channel.wireName() + "/latest?region=09")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return SignedFeed.parse(r.body());
    }

    TrustedKey hubKey() throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create(hubUrl + "/api/v1/keys/hub")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return TrustedKey.parse(text.strip(), "hub");
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void publishedWithTheCliPromotedAndPickedByAServerThatPinsBothKeys() throws Exception {
        Path zip = dir.resolve("6.0.51.22965.zip");
        Run build = cli("build", source("a").toString(), "--version", "6.0.51.22965", "--notes", "Тестовый релиз",
                "--key", dir.resolve("keys/release.key").toString(), "--out", zip.toString());
        assertThat(build.exit()).as(build.err()).isZero();
        Run publish = cli("publish", zip.toString(), "--hub", hubUrl, "--channel", "test", "--token", TOKEN);
        assertThat(publish.exit()).as(publish.err()).isZero();

        FeedVerifier server = new FeedVerifier(TrustedKeys.of(hubKey()), TrustedKeys.of(releaseKey.trustedKey()),
                Clock.systemUTC());
        ChannelFeed test = server.verify(feed(Channel.TEST), Channel.TEST, Optional.empty());
        Optional<FeedRelease> target = ReleasePicker.pick(test, Optional.of(Version.parse("6.0.51.22964")),
                Optional.of("09"), false);
        assertThat(target).map(FeedRelease::version).contains(Version.parse("6.0.51.22965"));
        assertThat(server.verify(feed(Channel.STABLE), Channel.STABLE, Optional.empty()).releases()).isEmpty();

        Run promote = cli("promote", "6.0.51.22965", "--to", "stable", "--hub", hubUrl, "--token", TOKEN);
        assertThat(promote.exit()).as(promote.err()).isZero();
        assertThat(server.verify(feed(Channel.STABLE), Channel.STABLE, Optional.empty()).releases())
                .extracting(FeedRelease::version).containsExactly(Version.parse("6.0.51.22965"));
    }

    @Test
    void aServerPinningAnotherHubKeyRefusesTheFeed() throws Exception {
        FeedVerifier wrongHub = new FeedVerifier(TrustedKeys.of(SigningKeyPair.generate().trustedKey()),
                TrustedKeys.of(releaseKey.trustedKey()), Clock.systemUTC());
        assertThatThrownBy(() -> wrongHub.verify(feed(Channel.TEST), Channel.TEST, Optional.empty()))
                .isInstanceOf(ReleaseException.class);
        FeedVerifier late = new FeedVerifier(TrustedKeys.of(hubKey()), TrustedKeys.of(releaseKey.trustedKey()),
                Clock.offset(Clock.systemUTC(), java.time.Duration.ofDays(2)));
        assertThatThrownBy(() -> late.verify(feed(Channel.TEST), Channel.TEST, Optional.empty()))
                .isInstanceOf(FeedExpiredException.class);
    }

    @Test
    void aBadTokenIsRefusedWithTheHubExitCodeAndNothingIsPublished() throws Exception {
        Path zip = dir.resolve("6.0.52.1.zip");
        assertThat(cli("build", source("b").toString(), "--version", "6.0.52.1", "--notes", "Мажорный",
                "--key", dir.resolve("keys/release.key").toString(), "--out", zip.toString()).exit()).isZero();
        Run refused = cli("publish", zip.toString(), "--hub", hubUrl, "--channel", "test", "--token",
                "wrong-token-wrong-token-wrong-token-wrong");
        assertThat(refused.exit()).isEqualTo(8);
        assertThat(refused.err()).isNotBlank();
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(hubUrl + "/api/v1/releases")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(list.body()).doesNotContain("6.0.52.1");
    }

    ConfigurableApplicationContext server(String name, String hubKeyPath) {
        List<String> args = new java.util.ArrayList<>(List.of("--ksamu.port=0", "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD, "--ksamu.data-dir=" + dir.resolve(name),
                "--ksamu.update.hub-url=" + hubUrl, "--ksamu.update.region=09",
                "--ksamu.update.release-keys=" + dir.resolve("keys/release.pub"),
                "--ksamu.update.hub-keys=" + hubKeyPath));
        args.addAll(serverDatabases());
        return ru.ksamu.server.ServerApplication.builder().run(args.toArray(String[]::new));
    }

    @Test
    void aServerChecksTheCloudAndShowsTheNewestReleaseForItsRegion() throws Exception {
        Path other = dir.resolve("6.0.53.7.zip");
        assertThat(cli("build", source("c").toString(), "--version", "6.0.53.7", "--notes", "Только для региона 10",
                "--regions", "10", "--key", dir.resolve("keys/release.key").toString(), "--out", other.toString()).exit())
                .isZero();
        assertThat(cli("publish", other.toString(), "--hub", hubUrl, "--channel", "test", "--token", TOKEN).exit()).isZero();
        Path mine = dir.resolve("6.0.51.22970.zip");
        assertThat(cli("build", source("d").toString(), "--version", "6.0.51.22970", "--notes", "Для всех регионов",
                "--key", dir.resolve("keys/release.key").toString(), "--out", mine.toString()).exit()).isZero();
        assertThat(cli("publish", mine.toString(), "--hub", hubUrl, "--channel", "test", "--token", TOKEN).exit()).isZero();

        try (ConfigurableApplicationContext server = server("server-ok", dir.resolve("hub/keys/hub.pub").toString())) {
            String base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> check = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/update/check"))
                    .header("Authorization", TestAdmin.basic())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
            assertThat(check.body()).contains("\"newestVersion\":\"6.0.51.22970\"").doesNotContain("6.0.53.7")
                    .contains("Доступна версия 6.0.51.22970");
            String page = http.send(HttpRequest.newBuilder(URI.create(base + "/update")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains("6.0.51.22970").contains("Для всех регионов");
        }
        try (ConfigurableApplicationContext wrong = server("server-wrong-key",
                SigningKeyPair.generate().trustedKey().toText())) {
            String base = "http://127.0.0.1:" + wrong.getEnvironment().getProperty("local.server.port");
            String body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/update/check"))
                    .header("Authorization", TestAdmin.basic())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(body).contains("\"ok\":false").contains("отклонён").doesNotContain("\"newestVersion\":\"6.0.51");
        }
    }
}
