package ru.ksamu.release.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** publish, promote and withdraw against a real HTTP server on 127.0.0.1 standing in for the hub. */
class HubCommandsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T18:29:00Z"), ZoneOffset.UTC);
    private static final String TOKEN = "s3cret-token";

    /** What the stand-in hub received. */
    record Received(String method, String path, String query, String authorization, String contentType, byte[] body) {
    }

    private final AtomicReference<Received> received = new AtomicReference<>();
    /** The publish pre-checks received ({@code POST /api/v1/releases/check}), answered by checkStatus. */
    private final List<Received> checks = new CopyOnWriteArrayList<>();
    private volatile int checkStatus = 200;
    private volatile String checkAnswer = "{\"channel\":\"test\",\"size\":1,\"maxUploadSize\":2147483648}";
    private volatile int status = 201;
    private volatile String answer = "{\"version\":\"6.0.51.22966\",\"channel\":\"test\"}";
    private HttpServer server;
    private String hubUrl;

    @TempDir
    Path temp;
    private Path zip;

    @BeforeEach
    void startHubAndBuildBundle() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        hubUrl = "http://127.0.0.1:" + server.getAddress().getPort();

        byte[] app = new byte[300_000];
        new Random(1).nextBytes(app);
        Files.createDirectories(temp.resolve("src/client"));
        Files.write(temp.resolve("src/client/app.jar"), app);
        CliRun.run(CLOCK, Map.of(), "keygen", "--out", temp.resolve("keys").toString());
        zip = temp.resolve("bundle.zip");
        CliRun build = CliRun.run(CLOCK, Map.of(), "build", temp.resolve("src").toString(), "--version", "6.0.51.22966",
                "--notes", "n", "--key", temp.resolve("keys/release.key").toString(), "--out", zip.toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
    }

    @AfterEach
    void stopHub() {
        server.stop(0);
    }

    @Test
    void publishUploadsTheZipWithTheTokenAndShowsProgress() throws IOException {
        CliRun run = CliRun.run(CLOCK, Map.of(), "publish", zip.toString(), "--hub", hubUrl + "/", "--channel", "test",
                "--token", TOKEN);

        assertThat(run.exitCode()).as(run.err()).isZero();
        Received request = received.get();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/releases");
        assertThat(request.query()).isEqualTo("channel=test");
        assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(request.contentType()).isEqualTo("application/zip");
        assertThat(request.body()).isEqualTo(Files.readAllBytes(zip));
        assertThat(run.err()).contains("Загрузка / upload [").contains("100%");
        assertThat(checks).singleElement().satisfies(check -> {
            assertThat(check.method()).isEqualTo("POST");
            assertThat(check.query()).isEqualTo("channel=test&size=" + Files.size(zip));
            assertThat(check.authorization()).isEqualTo("Bearer " + TOKEN);
            assertThat(check.body()).isEmpty();
        });
        assertThat(run.out()).contains("Релиз 6.0.51.22966 опубликован в канале test"
                + " / release 6.0.51.22966 published to channel test");
    }

    @Test
    void publishTakesTheTokenFromTheEnvironment() {
        CliRun run = CliRun.run(CLOCK, Map.of(ReleaseCli.TOKEN_ENV, TOKEN), "publish", zip.toString(), "--hub", hubUrl,
                "--channel", "stable");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(received.get().query()).isEqualTo("channel=stable");
        assertThat(received.get().authorization()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void publishWithoutATokenIsAUsageErrorAndSendsNothing() {
        CliRun run = CliRun.run(CLOCK, Map.of(), "publish", zip.toString(), "--hub", hubUrl, "--channel", "test");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("KSAMU_HUB_TOKEN");
        assertThat(received.get()).isNull();
    }

    @Test
    void promoteAsksTheHubToMoveTheRelease() {
        status = 200;
        CliRun run = CliRun.run(CLOCK, Map.of(), "promote", "6.0.51.22966", "--to", "stable", "--hub", hubUrl,
                "--token", TOKEN);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(received.get()).satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/v1/releases/6.0.51.22966/promote");
            assertThat(request.query()).isEqualTo("to=stable");
            assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
            assertThat(request.body()).isEmpty();
        });
        assertThat(run.out()).contains("Релиз 6.0.51.22966 переведён в канал stable");
    }

    @Test
    void withdrawAsksTheHubToTakeTheReleaseOut() {
        status = 200;
        CliRun run = CliRun.run(CLOCK, Map.of(ReleaseCli.TOKEN_ENV, TOKEN), "withdraw", "6.0.51.22966", "--hub",
                hubUrl + "/");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(received.get().path()).isEqualTo("/api/v1/releases/6.0.51.22966/withdraw");
        assertThat(received.get().query()).isNull();
        assertThat(run.out()).contains("Релиз 6.0.51.22966 отозван / release 6.0.51.22966 withdrawn");
    }

    @Test
    void aHubErrorIsPrintedAndItsCodeBecomesTheExitCode() {
        status = 409;
        answer = "{\"code\":\"RELEASE_EXISTS\",\"message\":\"Релиз 6.0.51.22966 уже опубликован / release 6.0.51.22966 exists\"}";
        CliRun exists = publish();
        status = 422;
        answer = "{\"code\":\"BAD_SIGNATURE\",\"message\":\"Подпись не сходится / bad signature\"}";
        CliRun badSignature = publish();

        assertThat(exists.exitCode()).isEqualTo(8);
        assertThat(exists.err()).contains("Хаб отказал / hub refused (HTTP 409, RELEASE_EXISTS): "
                + "Релиз 6.0.51.22966 уже опубликован / release 6.0.51.22966 exists");
        assertThat(badSignature.exitCode()).isEqualTo(5);
        assertThat(badSignature.err()).contains("Подпись не сходится");
    }

    @Test
    void aPublishTheHubWouldRefuseIsRefusedBeforeTheUpload() {
        checkStatus = 401;
        checkAnswer = "{\"code\":\"HUB_UNAUTHORIZED\",\"message\":\"Нужен токен / token required\"}";
        CliRun unauthorized = publish();
        checkStatus = 413;
        checkAnswer = "{\"code\":\"SIZE_LIMIT\",\"message\":\"Слишком большой / too large\"}";
        CliRun tooLarge = publish();

        assertThat(unauthorized.exitCode()).isEqualTo(8);
        assertThat(unauthorized.err()).contains("(HTTP 401, HUB_UNAUTHORIZED): Нужен токен / token required")
                .doesNotContain("Загрузка / upload");
        assertThat(tooLarge.exitCode()).isEqualTo(3);
        assertThat(tooLarge.err()).contains("(HTTP 413, SIZE_LIMIT)");
        assertThat(checks).hasSize(2);
        assertThat(received.get()).as("no upload was sent").isNull();
    }

    @Test
    void aHubErrorWithoutJsonStillNamesTheStatus() {
        status = 401;
        answer = "Unauthorized";
        CliRun unauthorized = publish();
        status = 502;
        answer = "<html>Bad gateway</html>";
        CliRun gateway = publish();

        assertThat(unauthorized.exitCode()).isEqualTo(8);
        assertThat(unauthorized.err()).contains("(HTTP 401): Unauthorized");
        assertThat(gateway.exitCode()).isEqualTo(8);
        assertThat(gateway.err()).contains("(HTTP 502): <html>Bad gateway</html>");
    }

    @Test
    void anUnreachableHubExitsWithTheHubCode() {
        server.stop(0);

        CliRun run = publish();

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.err()).contains("Хаб " + hubUrl + " недоступен");
    }

    @Test
    void aFolderBundleCannotBePublished() {
        CliRun run = CliRun.run(CLOCK, Map.of(), "publish", temp.resolve("src").toString(), "--hub", hubUrl,
                "--channel", "test", "--token", TOKEN);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("only a .zip bundle can be published");
    }

    private CliRun publish() {
        return CliRun.run(CLOCK, Map.of(), "publish", zip.toString(), "--hub", hubUrl, "--channel", "test",
                "--token", TOKEN);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body);
        boolean check = request.path().equals("/api/v1/releases/check");
        if (check) {
            checks.add(request);
        } else {
            received.set(request);
        }
        byte[] bytes = (check ? checkAnswer : answer).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(check ? checkStatus : status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
