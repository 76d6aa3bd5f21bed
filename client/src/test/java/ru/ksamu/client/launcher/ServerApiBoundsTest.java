package ru.ksamu.client.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.ksamu.client.ServerAccess;
import ru.ksamu.client.StandInServer;
import ru.ksamu.client.Texts;
import ru.ksamu.release.Sha256;
import ru.ksamu.release.download.BoundedBody;

/**
 * The launcher's calls against a stand-in server that stalls, drips or never ends: each ends
 * within the read timeout or at its bound, with the reason in words, and a download that stalls
 * keeps what came for the next start.
 */
class ServerApiBoundsTest {

    static final Duration READ = Duration.ofSeconds(1);
    /** A stall must end within the read timeout; this leaves room for a slow machine, not for a hang. */
    static final Duration ENDS_WITHIN = Duration.ofSeconds(6);

    final StandInServer standIn;
    final ServerApi api;

    @TempDir
    Path dir;

    ServerApiBoundsTest() throws Exception {
        standIn = new StandInServer();
        api = new ServerApi(new ServerAccess(standIn.url(), new ServerAccess.Timeouts(READ, READ), Optional.empty()),
                Texts.of("ru"));
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    static final byte[] MANIFEST_START = "{\"version\":\"1.0.0.2\",\"files\":[".getBytes(StandardCharsets.UTF_8);

    @Test
    void aManifestThatStallsMidBodyEndsWithinTheReadTimeoutWithTheReason() {
        standIn.route("/api/v1/client/manifest", (x, r) -> standIn.stall(x, MANIFEST_START));
        ServerApi.ManifestAnswer a = assertTimeoutPreemptively(ENDS_WITHIN, api::manifest);
        assertThat(a).isInstanceOfSatisfying(ServerApi.Unreachable.class, u -> assertThat(u.reason())
                .isEqualTo("сервер перестал передавать данные: меньше 1,0 КБ за 1 с (получено 30 Б)"));
    }

    @Test
    void aManifestThatDripsAByteAtATimeCountsAsStalled() {
        standIn.route("/api/v1/client/manifest", (x, r) -> standIn.drip(x, MANIFEST_START, 100));
        ServerApi.ManifestAnswer a = assertTimeoutPreemptively(ENDS_WITHIN, api::manifest);
        assertThat(a).isInstanceOfSatisfying(ServerApi.Unreachable.class,
                u -> assertThat(u.reason()).startsWith("сервер перестал передавать данные: меньше 1,0 КБ за 1 с"));
    }

    @Test
    void anEndlessManifestIsRefusedAtItsBoundWithoutReadingItAll() {
        standIn.route("/api/v1/client/manifest", (x, r) -> standIn.endless(x, MANIFEST_START, (byte) ' '));
        ServerApi.ManifestAnswer a = assertTimeoutPreemptively(Duration.ofSeconds(30), api::manifest);
        assertThat(a).isInstanceOfSatisfying(ServerApi.Unreachable.class,
                u -> assertThat(u.reason()).isEqualTo("ответ сервера больше допустимых 16,0 МБ; чтение прервано"));
        // What the stand-in got into the connection: the bound and what the socket buffers hold, then it was cut off.
        assertThat(standIn.endlessBytes.get()).isLessThan(ServerApi.MAX_MANIFEST_BYTES + (16L << 20));
    }

    @Test
    void aManifestDeclaringMoreThanTheBoundIsRefusedBeforeReading() {
        standIn.route("/api/v1/client/manifest", (x, r) -> {
            x.sendResponseHeaders(200, ServerApi.MAX_MANIFEST_BYTES + 1);
            x.getResponseBody().write(MANIFEST_START);
        });
        ServerApi.ManifestAnswer a = assertTimeoutPreemptively(ENDS_WITHIN, api::manifest);
        assertThat(a).isInstanceOfSatisfying(ServerApi.Unreachable.class,
                u -> assertThat(u.reason()).contains("больше допустимых 16,0 МБ"));
    }

    // --- files ---

    final byte[] program = programBytes();

    static byte[] programBytes() {
        byte[] b = new byte[200_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    ClientManifest manifestOfProgram() {
        return new ClientManifest("1.0.0.2", List.of(new ClientManifest.FileRef("ksamu-mis.jar", program.length,
                Sha256.of(program))), new byte[0], "");
    }

    List<Path> downloads() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("downloads"))) {
            return s.toList();
        }
    }

    @Test
    void aFileThatStallsMidBodyEndsWithinTheTimeoutKeepsWhatCameAndTheNextTryResumesIt() throws Exception {
        byte[] half = Arrays.copyOf(program, program.length / 2);
        boolean[] stalled = {false};
        standIn.route("/api/v1/client/files/", (x, r) -> {
            if (!stalled[0]) {
                stalled[0] = true;
                standIn.stall(x, half);
                return;
            }
            String range = x.getRequestHeaders().getFirst("Range");
            int from = range == null ? 0 : Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            x.sendResponseHeaders(range == null ? 200 : 206, program.length - from);
            x.getResponseBody().write(program, from, program.length - from);
        });
        Installation inst = new Installation(dir);
        assertThatThrownBy(() -> assertTimeoutPreemptively(ENDS_WITHIN, () -> inst.install(manifestOfProgram(), api::download,
                InstallationTest.QUIET))).isInstanceOf(BoundedBody.Stalled.class);
        assertThat(inst.current()).isEmpty();
        assertThat(downloads()).singleElement().satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(half));

        assertThat(inst.install(manifestOfProgram(), api::download, InstallationTest.QUIET)).isEqualTo(1);
        assertThat(standIn.requests("/api/v1/client/files/" + Sha256.of(program))).hasSize(2);
        assertThat(Files.readAllBytes(inst.versionDir("1.0.0.2").resolve("ksamu-mis.jar"))).isEqualTo(program);
    }

    @Test
    void aFileLongerThanTheManifestSaysIsCutOffAndRefusedAndNothingIsInstalled() throws Exception {
        standIn.route("/api/v1/client/files/", (x, r) -> standIn.endless(x, program, (byte) 0));
        Installation inst = new Installation(dir);
        assertThatThrownBy(() -> assertTimeoutPreemptively(ENDS_WITHIN, () -> inst.install(manifestOfProgram(), api::download,
                InstallationTest.QUIET))).isInstanceOf(UpdateRefusedException.class)
                .hasMessageContaining("файл ksamu-mis.jar: сервер прислал больше, чем указано в манифесте (200000 байт)");
        assertThat(inst.current()).isEmpty();
        assertThat(inst.installedVersions()).isEmpty();
        assertThat(downloads()).isEmpty();
    }
}
