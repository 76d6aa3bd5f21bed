package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.supervisor.ServerFolder;
import ru.ksamu.supervisor.Supervisor;
import ru.ksamu.supervisor.SwitchRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import ru.ksamu.testkit.TestAdmin;

/**
 * Обновление Сервера КСАМУ with real processes: the supervisor (its runnable jar, as ./ksamu runs it)
 * runs the real server jar of this build, a real hub brings in releases that carry that jar as
 * their {@code server/ksamu-server.jar}, the task SERVER_UPDATE puts the new version beside the
 * running one and asks for a restart; the supervisor switches and the new version answers. A
 * release whose server settings stop its start-up is switched back to the previous version.
 */
class ServerSelfUpdateIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private Vendor vendor;
    private Process supervisor;

    @AfterEach
    void stopAll() throws Exception {
        if (supervisor != null) {
            // the supervisor's own stop (SIGTERM) stops its server gracefully; whatever is left is killed
            List<ProcessHandle> children = supervisor.descendants().toList();
            supervisor.destroy();
            if (!supervisor.waitFor(90, TimeUnit.SECONDS)) {
                supervisor.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
        if (vendor != null) {
            vendor.close();
        }
    }

    @Test
    void switchesToANewServerBuildAndBackFromOneThatFailsItsHealthCheck() throws Exception {
        Path dir = Files.createTempDirectory("ksamu-e2e-selfupdate");
        vendor = new Vendor(dir, List.of());
        Path serverJar = serverExecJar();
        vendor.release(withServerJar(vendor.source("1.0.0.1", Map.of("client/ksamu-client.txt", "клиент 1.0.0.1\n")),
                serverJar), "1.0.0.1", "Новая сборка сервера", "stable");

        Path data = dir.resolve("server");
        ServerFolder folder = new ServerFolder(data);
        String base = startSupervisor(dir, data, serverJar);
        ServerFolder.Running first = awaitRunning(folder, base, "bundled", -1);

        // the release comes in through the cloud task, then the server update task switches to its server
        runTask(base, "KSAMU_UPDATE");
        await().atMost(Duration.ofSeconds(90)).until(() -> "1.0.0.1".equals(installed(base)));
        runTask(base, "SERVER_UPDATE");
        ServerFolder.Running second = awaitRunning(folder, base, "1.0.0.1", first.pid());
        assertThat(folder.current()).contains("1.0.0.1");
        assertThat(folder.previous()).contains("bundled");
        assertThat(folder.pending()).isEmpty();
        SwitchRecord ok = awaitSwitchSettled(folder);
        assertThat(ok.outcome()).isEqualTo(SwitchRecord.Outcome.OK);
        assertThat(ok.from()).isEqualTo("bundled");
        assertThat(ok.to()).isEqualTo("1.0.0.1");
        await().atMost(Duration.ofSeconds(30)).until(() -> logs(base, "Сервер КСАМУ обновлён"), s -> s.contains("bundled → 1.0.0.1"));

        // a build that cannot start: its release's server settings break start-up; the supervisor goes back
        Path broken = withServerJar(vendor.source("1.0.0.2", Map.of("client/ksamu-client.txt", "клиент 1.0.0.2\n",
                "server/ksamu-server.yml", "ksamu:\n  threads:\n    stop-timeout: not-a-duration\n")), serverJar);
        vendor.release(broken, "1.0.0.2", "Сломанная сборка сервера", "stable");
        runTask(base, "KSAMU_UPDATE");
        await().atMost(Duration.ofSeconds(90)).until(() -> "1.0.0.2".equals(installed(base)));
        runTask(base, "SERVER_UPDATE");
        ServerFolder.Running third = awaitRunning(folder, base, "1.0.0.1", second.pid());
        SwitchRecord back = awaitSwitchSettled(folder);
        assertThat(back.outcome()).isEqualTo(SwitchRecord.Outcome.ROLLED_BACK);
        assertThat(back.to()).isEqualTo("1.0.0.2");
        assertThat(back.from()).isEqualTo("1.0.0.1");
        assertThat(back.reason()).contains("завершился с кодом");
        assertThat(folder.current()).contains("1.0.0.1");
        assertThat(third.pid()).isNotEqualTo(second.pid());
        await().atMost(Duration.ofSeconds(30)).until(() -> logs(base, "не запустилась"),
                s -> s.contains("Новая версия сервера 1.0.0.2 не запустилась"));

        // the task does not try the broken version again on its own
        long run = runTask(base, "SERVER_UPDATE");
        await().atMost(Duration.ofSeconds(30)).until(() -> logs(base, "уже не запустилась"), s -> s.contains("1.0.0.2"));
        assertThat(folder.pending()).isEmpty();
        assertThat(folder.running().orElseThrow().pid()).as("no restart after run " + run).isEqualTo(third.pid());
        assertThat(supervisor.isAlive()).isTrue();
    }

    /** The release source with the real server jar of this build as {@code server/ksamu-server.jar}. */
    private static Path withServerJar(Path source, Path serverJar) throws IOException {
        Path target = source.resolve("server").resolve(ServerFolder.SERVER_JAR);
        Files.createDirectories(target.getParent());
        Files.copy(serverJar, target);
        return source;
    }

    private String startSupervisor(Path dir, Path data, Path serverJar) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-Dfile.encoding=UTF-8", "-jar", supervisorJar().toString(), "--bundled-jar=" + serverJar, "--health-timeout=90s",
                "--ksamu.port=" + port, "--ksamu.data-dir=" + data, "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD,
                "--ksamu.update.hub-url=" + vendor.hubUrl, "--ksamu.update.release-keys=" + vendor.releasePub(),
                "--ksamu.update.hub-keys=" + vendor.hubPub()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("supervisor.out").toFile()));
        pb.environment().put("KSAMU_SERVER_JAVA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1");
        supervisor = pb.start();
        return "http://127.0.0.1:" + port;
    }

    /** Waits until a server of {@code version} other than {@code notPid} has written running.json and answers UP. */
    private ServerFolder.Running awaitRunning(ServerFolder folder, String base, String version, long notPid) {
        return await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(supervisor.isAlive()).as("the supervisor ended; see supervisor.out").isTrue();
            Optional<ServerFolder.Running> r = folder.running();
            if (r.isEmpty() || r.get().pid() == notPid || !version.equals(r.get().version())) {
                return null;
            }
            try {
                HttpResponse<String> health = get(base + "/actuator/health");
                return health.statusCode() == 200 && health.body().contains("UP") ? r.get() : null;
            } catch (IOException e) {
                return null;
            }
        }, r -> r != null);
    }

    /** The supervisor records the outcome just after the new server answers; the test may look first. */
    private static SwitchRecord awaitSwitchSettled(ServerFolder folder) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> folder.lastSwitch().orElse(null),
                r -> r != null && r.outcome() != SwitchRecord.Outcome.CHECKING);
    }

    private long runTask(String base, String type) throws Exception {
        return TaskApi.runNow(http, base, type);
    }

    private String installed(String base) throws Exception {
        return json(base + "/api/v1/update").path("installedVersion").asString(null);
    }

    private String logs(String base, String text) throws Exception {
        return get(base + "/api/v1/logs?size=50&text=" + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)).body();
    }

    private JsonNode json(String url) throws Exception {
        HttpResponse<String> r = get(url);
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return JsonMapper.shared().readTree(r.body());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The runnable supervisor jar (with Jackson inside) the build made beside the supervisor's classes or jar. */
    private static Path supervisorJar() throws Exception {
        Path jar = codeSource(Supervisor.class).getParent().resolve("ksamu-supervisor.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": run the reactor build (mvn verify -pl e2e -am)");
        }
        return jar;
    }

    /** The runnable server jar the build made beside the server's classes or jar ({@code server/target}). */
    private static Path serverExecJar() throws Exception {
        Path target = codeSource(ServerApplication.class).getParent();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("ksamu-server-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no ksamu-server-*-exec.jar in " + target
                            + ": run the reactor build (mvn verify -pl e2e -am)"));
        }
    }
}
