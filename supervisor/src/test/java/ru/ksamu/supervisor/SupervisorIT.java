package ru.ksamu.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The supervisor as a real process, running {@link FakeServer}s (small JVMs from a jar) so that
 * the paths a real server makes slow are quick: a version that never answers, a server that
 * fails, a switch a dead supervisor left unchecked, a bad last-switch.json, an install cut by a
 * crash, and SIGTERM.
 */
class SupervisorIT {

    @TempDir
    Path dir;
    Path data;
    Path fakeJar;
    ServerFolder folder;
    Process supervisor;

    @BeforeEach
    void fakeServerJar() throws Exception {
        data = dir.resolve("data");
        folder = new ServerFolder(data);
        fakeJar = dir.resolve("fake-server.jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeServer.class.getName());
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classpathUrls()));
        try (OutputStream out = Files.newOutputStream(fakeJar); JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.flush();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (supervisor != null) {
            List<ProcessHandle> children = supervisor.descendants().toList();
            supervisor.destroy();
            if (!supervisor.waitFor(30, TimeUnit.SECONDS)) {
                supervisor.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aVersionThatNeverAnswersIsStoppedAndThePreviousOneRunsAgain() throws Exception {
        start();
        ServerFolder.Running first = awaitRunning("bundled", -1);
        install("2.0.0.1", "hang");
        folder.setPending("2.0.0.1");
        Files.createFile(folder.root().resolve("restart-now"));

        ServerFolder.Running again = awaitRunning("bundled", first.pid());
        SwitchRecord r = folder.lastSwitch().orElseThrow();
        assertThat(r.outcome()).isEqualTo(SwitchRecord.Outcome.ROLLED_BACK);
        assertThat(r.from()).isEqualTo("bundled");
        assertThat(r.to()).isEqualTo("2.0.0.1");
        assertThat(r.reason()).isEqualTo("не ответил UP на /actuator/health за 3 с");
        assertThat(folder.current()).contains("bundled");
        assertThat(folder.previous()).contains("bundled");
        assertThat(folder.pending()).isEmpty();
        assertThat(supervisor.descendants().map(ProcessHandle::pid).toList()).as("the hung version was stopped")
                .containsExactly(again.pid());
    }

    @Test
    void aNewVersionThatAnswersBecomesCurrentAndPreviousKeepsTheOldOne() throws Exception {
        start();
        ServerFolder.Running first = awaitRunning("bundled", -1);
        install("2.0.0.1", "ok");
        folder.setPending("2.0.0.1");
        Files.createFile(folder.root().resolve("restart-now"));

        awaitRunning("2.0.0.1", first.pid());
        await().atMost(Duration.ofSeconds(10)).until(() -> folder.lastSwitch().orElseThrow().outcome() == SwitchRecord.Outcome.OK);
        assertThat(folder.current()).contains("2.0.0.1");
        assertThat(folder.previous()).contains("bundled");
    }

    @Test
    void aSwitchLeftUncheckedByADeadSupervisorIsCheckedAtTheNextStart() throws Exception {
        folder.install("bundled", fakeJar);
        install("2.0.0.1", "exit");
        folder.setPrevious("bundled");
        folder.setCurrent("2.0.0.1");
        folder.record(new SwitchRecord("bundled", "2.0.0.1", SwitchRecord.Outcome.CHECKING, "", Instant.now()));
        start();

        awaitRunning("bundled", -1);
        SwitchRecord r = folder.lastSwitch().orElseThrow();
        assertThat(r.outcome()).isEqualTo(SwitchRecord.Outcome.ROLLED_BACK);
        assertThat(r.reason()).isEqualTo("процесс завершился с кодом 1 до готовности");
        assertThat(folder.current()).contains("bundled");
    }

    static Stream<Arguments> badSwitchRecords() {
        return Stream.of(
                Arguments.of("garbage", new byte[] {0, (byte) 0xff, 'C', 'H', 'E', 'C', 'K'}),
                Arguments.of("truncated", "{\"from\": \"bundled\", \"to\": \"2.0.0.1\", \"outcome\": \"CHE".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("empty", new byte[0]),
                Arguments.of("wrong types", ("{\"from\": \"bundled\", \"to\": \"2.0.0.1\", \"outcome\": 0, \"reason\": \"\", "
                        + "\"at\": 1767323045}").getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSwitchRecords")
    void aBadLastSwitchFileIsSaidAndCurrentStartsAsNoSwitchInProgress(String what, byte[] content) throws Exception {
        folder.install("bundled", fakeJar);
        install("2.0.0.1", "ok");
        folder.setPrevious("bundled");
        folder.setCurrent("2.0.0.1");
        Path record = folder.root().resolve("last-switch.json");
        Files.write(record, content);
        start();

        awaitRunning("2.0.0.1", -1);
        assertThat(output()).contains("ksamu-supervisor: Ignoring " + record + ": ").contains("; taken as no switch on record");
        assertThat(folder.current()).contains("2.0.0.1");
        assertThat(Files.readAllBytes(record)).as("no check ran, so nothing was recorded").isEqualTo(content);
    }

    @Test
    void anInstallCutBetweenItsRenamesIsPutBackAtTheStartAndTheWholeOldFolderRuns() throws Exception {
        install("2.0.0.1", "ok");
        Files.move(folder.version("2.0.0.1"), folder.version("2.0.0.1.old"));
        Files.createDirectories(folder.version("2.0.0.1.tmp"));
        Files.writeString(folder.version("2.0.0.1.tmp").resolve(ServerFolder.SERVER_JAR), "half a jar");
        folder.setCurrent("2.0.0.1");
        start();

        awaitRunning("2.0.0.1", -1);
        assertThat(output()).contains("ksamu-supervisor: Moved " + folder.version("2.0.0.1.old") + " back to " + folder.version("2.0.0.1"));
        try (Stream<Path> dirs = Files.list(folder.root().resolve("versions"))) {
            assertThat(dirs.map(d -> d.getFileName().toString())).containsExactly("2.0.0.1");
        }
    }

    @Test
    void aVersionPendingFromAnUnsupervisedServerIsTakenAtTheStart() throws Exception {
        folder.install("bundled", fakeJar);
        folder.setCurrent("bundled");
        install("2.0.0.1", "ok");
        folder.setPending("2.0.0.1");
        start();

        awaitRunning("2.0.0.1", -1);
        await().atMost(Duration.ofSeconds(10)).until(() -> folder.lastSwitch().orElseThrow().outcome() == SwitchRecord.Outcome.OK);
        assertThat(folder.previous()).contains("bundled");
        assertThat(folder.pending()).isEmpty();
    }

    @Test
    void aServerThatExitsOnItsOwnEndsTheSupervisorWithItsCode() throws Exception {
        folder.install("bundled", fakeJar);
        Files.writeString(folder.version("bundled").resolve("mode"), "exit");
        folder.setCurrent("bundled");
        start();
        assertThat(supervisor.waitFor(30, TimeUnit.SECONDS)).as(this::output).isTrue();
        assertThat(supervisor.exitValue()).isEqualTo(1);
    }

    @Test
    void sigtermStopsTheServerFirst() throws Exception {
        start();
        ServerFolder.Running r = awaitRunning("bundled", -1);
        supervisor.destroy(); // SIGTERM
        assertThat(supervisor.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(r.pid()).map(ProcessHandle::isAlive).orElse(false)).as("the server is gone").isFalse();
        assertThat(folder.lastSwitch()).as("a stop is no switch").isEmpty();
    }

    @Test
    void nothingToRunIsSaidAndExitsWithThree() throws Exception {
        Process p = new ProcessBuilder(List.of(java(), "-cp", System.getProperty("java.class.path"), Supervisor.class.getName(),
                "--ksamu.data-dir=" + data)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isEqualTo(3);
        assertThat(out).contains("нечего запускать").contains("--bundled-jar");
    }

    private void start() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                Supervisor.class.getName(), "--bundled-jar=" + fakeJar, "--health-timeout=3s", "--ksamu.data-dir=" + data));
        supervisor = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("supervisor.out").toFile())).start();
    }

    private String output() {
        try {
            return Files.readString(dir.resolve("supervisor.out"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void install(String version, String mode) throws IOException {
        folder.install(version, fakeJar);
        Files.writeString(folder.version(version).resolve("mode"), mode);
    }

    private ServerFolder.Running awaitRunning(String version, long notPid) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(supervisor.isAlive()).as("the supervisor ended; see " + dir.resolve("supervisor.out")).isTrue();
            return folder.running().filter(r -> r.pid() != notPid && version.equals(r.version())).orElse(null);
        }, r -> r != null);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test JVM's class path as absolute URLs, for the fake server jar's manifest. */
    private static List<String> classpathUrls() {
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            urls.add(Path.of(entry).toAbsolutePath().toUri().toString());
        }
        return urls;
    }
}
