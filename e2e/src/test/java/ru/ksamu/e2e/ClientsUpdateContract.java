package ru.ksamu.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import ru.ksamu.client.it.LauncherProcess;
import ru.ksamu.server.ServerApplication;
import tools.jackson.databind.json.JsonMapper;
import ru.ksamu.testkit.TestAdmin;
import ru.ksamu.server.auth.Workstations;

/**
 * Hub, server and three workstations, each a real launcher process (headless) running the MIS
 * program of the installed client as its child, as a clinic runs them. A minor update: the three
 * keep reading patients while it installs, hear "available", and run the new version only after
 * they log in again. A major update (3-second countdown): all three see the countdown with one
 * deadline, the lock and the completion, log in again by themselves and run the new version with
 * the new column.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ClientsUpdateContract {

    /** The client module's build: the launcher jar and the MIS program's release folder ({@code mis/}). */
    static final Path CLIENT_TARGET = Path.of("..", "client", "target").toAbsolutePath().normalize();

    abstract List<String> hubDatabase();

    abstract List<String> serverDatabases();

    Vendor vendor;
    Path dir;
    ConfigurableApplicationContext server;
    final List<LauncherProcess> workstations = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("ksamu-e2e-clients");
        vendor = new Vendor(dir, hubDatabase());
        List<String> args = new ArrayList<>(List.of("--ksamu.port=0", "--" + TestAdmin.SETTING + "=" + TestAdmin.PASSWORD, "--ksamu.data-dir=" + dir.resolve("server"),
                "--ksamu.update.hub-url=" + vendor.hubUrl,
                "--ksamu.update.release-keys=" + vendor.releasePub(), "--ksamu.update.hub-keys=" + vendor.hubPub(),
                "--ksamu.update.countdown=3s"));
        args.addAll(serverDatabases());
        server = ServerApplication.builder().run(args.toArray(String[]::new));
        release("1.0.0.1", Map.of(
                "scripts/V1_0_0__patients.sql", "CREATE TABLE patient (id INT PRIMARY KEY, full_name VARCHAR(200));\n"
                        + "INSERT INTO patient (id, full_name) VALUES (1, 'Иванов Иван Иванович');\n"
                        + "INSERT INTO patient (id, full_name) VALUES (2, 'Петрова Анна Сергеевна');\n",
                "client/settings.txt", "версия 1\n"));
        E2e.awaitRun(server, startTestUpdate(), Duration.ofSeconds(90));
        assertThat(installed()).isEqualTo("1.0.0.1");
        for (int i = 1; i <= 3; i++) {
            workstations.add(new LauncherProcess("ws-" + i, LauncherProcess.command(CLIENT_TARGET, "--server", base(),
                    "--data", dir.resolve("ws-" + i).toString(), "--headless", "--user", "nurse" + i,
                    "--release-key", vendor.releasePub().toString(),
                    "--enroll-code", server.getBean(Workstations.class).enrollmentCode())));
        }
        for (LauncherProcess ws : workstations) {
            ws.awaitLine("MIS ready 1.0.0.1");
            ws.awaitLine("MIS connected");
            ws.awaitLine("MIS patients 2 columns=id,full_name");
        }
    }

    @AfterAll
    void stop() {
        workstations.forEach(LauncherProcess::close);
        if (server != null) {
            server.close();
        }
        if (vendor != null) {
            vendor.close();
        }
    }

    String base() {
        return "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
    }

    /** Publishes a release to the test channel whose client is the MIS program of this build plus {@code files}. */
    void release(String version, Map<String, String> files) throws Exception {
        Path src = vendor.withClient(vendor.source(version, files), CLIENT_TARGET.resolve("mis"));
        vendor.release(src, version, "Выпуск " + version, "test");
    }

    long startTestUpdate() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/update/test"))
                .header("Authorization", TestAdmin.basic())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JsonMapper.shared().readTree(r.body()).get("runId").asLong();
    }

    String installed() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/update")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonMapper.shared().readTree(r.body()).path("installedVersion").asString(null);
    }

    /** The lines of {@code ws} from {@code from} on that contain {@code text}. */
    static List<String> linesFrom(LauncherProcess ws, int from, String text) {
        List<String> all = ws.lines();
        return all.subList(Math.min(from, all.size()), all.size()).stream().filter(l -> l.contains(text)).toList();
    }

    @Test
    @Order(1)
    void aMinorUpdateKeepsEveryClientWorkingAndReachesItOnlyAfterANewLogIn() throws Exception {
        int[] mark = workstations.stream().mapToInt(LauncherProcess::mark).toArray();
        release("1.0.0.2", Map.of("client/settings.txt", "версия 2\n"));
        long run = startTestUpdate();
        // Every workstation keeps asking for the patient list while the server installs the minor update.
        int[] sent = {0, 0};
        await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).until(() -> {
            boolean running = !E2e.ended(server, run);
            for (LauncherProcess ws : workstations) {
                ws.send("patients");
            }
            sent[0]++;
            sent[1] += running ? 1 : 0;
            return !running;
        });
        assertThat(sent[1]).as("reads asked for while the update ran").isPositive();
        assertThat(installed()).isEqualTo("1.0.0.2");
        for (int i = 0; i < 3; i++) {
            LauncherProcess ws = workstations.get(i);
            assertThat(ws.lines().get(ws.awaitLine("EVENT available", mark[i]))).contains("1.0.0.2");
            ws.awaitLine("Доступна новая версия 1.0.0.2, она будет установлена при следующем входе", mark[i]);
            int i0 = i;
            await().atMost(Duration.ofSeconds(30)).until(() -> linesFrom(workstations.get(i0), mark[i0], "MIS patients").size() >= sent[0]);
            assertThat(linesFrom(ws, mark[i], "MIS patients")).as("ws-%d: every read answered with the list", i + 1)
                    .allMatch(l -> l.equals("MIS patients 2 columns=id,full_name"));
            assertThat(linesFrom(ws, mark[i], "MIS ready")).as("still the program it started with").isEmpty();
            assertThat(linesFrom(ws, mark[i], "MIS disconnected")).isEmpty();
        }
        for (int i = 0; i < 3; i++) {
            LauncherProcess ws = workstations.get(i);
            int before = ws.mark();
            ws.send("relogin");
            ws.awaitLine("MIS ready 1.0.0.2", before);
            assertThat(linesFrom(ws, before, "Обновление клиента до версии 1.0.0.2").get(0))
                    .containsPattern("загрузить 1 из \\d+ файлов");
            assertThat(linesFrom(ws, before, "Установлена версия 1.0.0.2, предыдущая 1.0.0.1 сохранена")).hasSize(1);
            ws.awaitLine("MIS patients 2 columns=id,full_name", before);
            ws.awaitLine("MIS connected", before);
        }
    }

    @Test
    @Order(2)
    void aMajorUpdateCountsDownLocksAndCompletesOnEveryClientThatThenRunsTheNewVersion() throws Exception {
        int[] mark = workstations.stream().mapToInt(LauncherProcess::mark).toArray();
        release("1.1.0.1", Map.of(
                "scripts/V1_1_0_1__phone.sql", "ALTER TABLE patient ADD phone VARCHAR(20);\n"
                        + "UPDATE patient SET phone = '+7 900 000-00-01' WHERE id = 1;\n",
                "client/settings.txt", "версия 3\n"));
        long run = startTestUpdate();
        List<String> deadlines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            LauncherProcess ws = workstations.get(i);
            int countdown = ws.awaitLine("EVENT countdown", mark[i]);
            int locked = ws.awaitLine("EVENT locked", countdown);
            int completed = ws.awaitLine("EVENT completed", locked);
            int relogin = ws.awaitLine("Перезаход в МИС", completed);
            int ready = ws.awaitLine("MIS ready 1.1.0.1", relogin);
            ws.awaitLine("MIS patients 2 columns=id,full_name,phone", ready);
            Matcher m = Pattern.compile("\"deadline\":\"([^\"]+)\"").matcher(ws.lines().get(countdown));
            assertThat(m.find()).isTrue();
            deadlines.add(m.group(1));
            assertThat(ws.lines().get(countdown)).contains("сохраните работу");
            assertThat(linesFrom(ws, mark[i], "Установлена версия 1.1.0.1, предыдущая 1.0.0.2 сохранена")).hasSize(1);
        }
        assertThat(deadlines).as("one deadline for every client").hasSize(3).containsOnly(deadlines.get(0));
        E2e.awaitRun(server, run, Duration.ofSeconds(90));
        assertThat(installed()).isEqualTo("1.1.0.1");
        for (LauncherProcess ws : workstations) {
            ws.send("quit");
            assertThat(ws.exit()).isZero();
        }
    }
}
