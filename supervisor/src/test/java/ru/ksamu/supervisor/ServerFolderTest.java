package ru.ksamu.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The files of {@code data/server/}: bad JSON read as unknown, and version folders replaced by renames a crash cannot cut in half. */
class ServerFolderTest {

    private static final String V = "1.0.0.1";

    @TempDir
    Path data;
    final List<String> lines = new ArrayList<>();
    ServerFolder folder;

    @BeforeEach
    void folder() {
        folder = new ServerFolder(data, lines::add);
    }

    static Stream<Arguments> badSwitchRecords() {
        return Stream.of(
                Arguments.of("garbage", new byte[] {0, (byte) 0xff, (byte) 0xfe, 'x', '{'}, "not whole JSON"),
                Arguments.of("truncated", bytes("{\"from\": \"1.0.0.1\", \"to\": \"1.0"), "not whole JSON"),
                Arguments.of("empty", new byte[0], "the file is empty"),
                Arguments.of("blank", bytes(" \n"), "the file is empty"),
                Arguments.of("an array", bytes("[1, 2]"), "a JSON array, not an object"),
                Arguments.of("text after the object", bytes(record("\"OK\"", "\"2026-01-02T03:04:05Z\"") + "x"), "not whole JSON"),
                Arguments.of("a number for from", bytes("{\"from\": 1, \"to\": \"1.0.0.2\", \"outcome\": \"OK\", \"at\": \"2026-01-02T03:04:05Z\"}"),
                        "\"from\" should be a string but is 1"),
                Arguments.of("a number for outcome", bytes(record("1", "\"2026-01-02T03:04:05Z\"")),
                        "\"outcome\" should be one of [CHECKING, OK, ROLLED_BACK] but is 1"),
                Arguments.of("an unknown outcome", bytes(record("\"MAYBE\"", "\"2026-01-02T03:04:05Z\"")),
                        "\"outcome\" should be one of [CHECKING, OK, ROLLED_BACK] but is \"MAYBE\""),
                Arguments.of("a number for at", bytes(record("\"OK\"", "1767323045")), "\"at\" should be an ISO-8601 time"),
                Arguments.of("no at", bytes("{\"from\": \"1.0.0.1\", \"to\": \"1.0.0.2\", \"outcome\": \"OK\"}"),
                        "\"at\" should be an ISO-8601 time such as 2026-01-02T03:04:05Z but is missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSwitchRecords")
    void aBadLastSwitchFileReadsAsNoRecordAndIsLoggedOnce(String what, byte[] content, String reason) throws IOException {
        Path file = write("last-switch.json", content);

        assertThat(folder.lastSwitch()).isEmpty();
        assertThat(folder.lastSwitch()).isEmpty();

        assertThat(lines).as("one line however often it is read").singleElement().asString()
                .startsWith("Ignoring " + file + ": ").contains(reason).endsWith("; taken as no switch on record")
                .doesNotContain("\n");
    }

    static Stream<Arguments> badRunningFiles() {
        return Stream.of(
                Arguments.of("truncated", bytes("{\"pid\": 7, \"port\""), "not whole JSON"),
                Arguments.of("empty", new byte[0], "the file is empty"),
                Arguments.of("a string for pid", bytes("{\"pid\": \"7\", \"port\": 8080, \"version\": null}"),
                        "\"pid\" should be a whole number but is \"7\""),
                Arguments.of("a port past int", bytes("{\"pid\": 7, \"port\": 99999999999, \"version\": null}"),
                        "\"port\" should be a whole number up to 2147483647 but is 99999999999"),
                Arguments.of("an object for version", bytes("{\"pid\": 7, \"port\": 8080, \"version\": {}}"),
                        "\"version\" should be a string but is {}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRunningFiles")
    void aBadRunningFileReadsAsNoServerAndIsLoggedOnce(String what, byte[] content, String reason) throws IOException {
        Path file = write("running.json", content);

        assertThat(folder.running()).isEmpty();
        assertThat(folder.running()).isEmpty();

        assertThat(lines).singleElement().asString()
                .startsWith("Ignoring " + file + ": " + reason).endsWith("; taken as no server ready yet");
    }

    @Test
    void recordsSurviveTheRoundTripAndAreWrittenAsOneCompactLine() throws IOException {
        SwitchRecord r = new SwitchRecord("1.0.0.1", "1.0.0.2", SwitchRecord.Outcome.ROLLED_BACK,
                "не ответил \"UP\"\\\nза 3 с\t", Instant.parse("2026-01-02T03:04:05Z"));
        folder.record(r);
        folder.writeRunning(new ServerFolder.Running(12345, 8080, null));

        assertThat(folder.lastSwitch()).contains(r);
        assertThat(folder.running()).contains(new ServerFolder.Running(12345, 8080, null));
        // the supervisors already installed read these with their own small parser: keep them flat and compact
        assertThat(Files.readString(folder.runningFile())).isEqualTo("{\"pid\":12345,\"port\":8080,\"version\":null}\n");
        assertThat(lines).isEmpty();
    }

    @Test
    void readsTheFilesAsEarlierVersionsWroteThemAndIgnoresFieldsItDoesNotKnowEvenNested() throws IOException {
        write("last-switch.json", bytes("{\"from\": \"1.0.0.1\", \"to\": \"1.0.0.2\", \"outcome\": \"OK\", \"reason\": \"\", "
                + "\"at\": \"2026-01-02T03:04:05Z\", \"later\": [1]}\n"));
        write("running.json", bytes("{\"pid\": 7, \"port\": -1, \"version\": \"\\u0031.0.0.2\", \"later\": {\"nested\": [1, 2]}}\n"));

        assertThat(folder.lastSwitch()).contains(new SwitchRecord("1.0.0.1", "1.0.0.2", SwitchRecord.Outcome.OK, "",
                Instant.parse("2026-01-02T03:04:05Z")));
        assertThat(folder.running()).contains(new ServerFolder.Running(7, -1, "1.0.0.2"));
        assertThat(lines).isEmpty();
    }

    @Test
    void aCommitWithNothingStagedLeavesTheOldFolderInPlace() throws IOException {
        installed(V, "old");

        assertThatThrownBy(() -> folder.commit(V)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nothing staged to commit");

        assertThat(jarText(V)).isEqualTo("old");
    }

    // The states below are built by hand, each what a crash at one step of staging or commit leaves.

    @Test
    void anInstallCutWhileFillingKeepsTheOldFolderAndDropsTheStagedOne() throws IOException {
        left(V, "old");
        Files.createDirectories(folder.version(V + ".tmp").resolve("lib"));

        assertThat(folder.recoverVersions()).containsExactly(V + ".tmp");

        assertThat(jarText(V)).isEqualTo("old");
        assertThat(versionFolders()).containsExactly(V);
    }

    @Test
    void aCommitCutBetweenItsRenamesGetsTheOldFolderBack() throws IOException {
        left(V + ".old", "old");
        left(V + ".tmp", "new");

        assertThat(folder.recoverVersions()).containsExactlyInAnyOrder(V + ".old", V + ".tmp");

        assertThat(jarText(V)).isEqualTo("old");
        assertThat(versionFolders()).containsExactly(V);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("Moved " + folder.version(V + ".old") + " back"));
    }

    @Test
    void aCommitCutAfterTheNewFolderCameInDropsTheOldOne() throws IOException {
        left(V + ".old", "old");
        left(V, "new");

        assertThat(folder.recoverVersions()).containsExactly(V + ".old");

        assertThat(jarText(V)).isEqualTo("new");
        assertThat(versionFolders()).containsExactly(V);
    }

    @Test
    void aCommitCutWhileDeletingTheOldFolderFinishesTheDeletion() throws IOException {
        left(V, "new");
        Files.createDirectories(folder.version(V + ".old").resolve("lib")); // its jar already deleted

        folder.recoverVersions();

        assertThat(jarText(V)).isEqualTo("new");
        assertThat(versionFolders()).containsExactly(V);
    }

    @Test
    void aNewInstallAfterACutOneReplacesTheFolderWholeAndLeavesNothingBeside() throws IOException {
        left(V + ".old", "old");
        left(V + ".tmp", "half");

        staged(V, "new");
        folder.commit(V);

        assertThat(jarText(V)).isEqualTo("new");
        assertThat(versionFolders()).containsExactly(V);
    }

    @Test
    void removingOldVersionsKeepsAFolderThatACutCommitHadRenamedAside() throws IOException {
        left(V + ".old", "old");
        left("1.0.0.0", "older");

        assertThat(folder.removeVersionsExcept(Set.of(V))).containsExactly("1.0.0.0");

        assertThat(jarText(V)).isEqualTo("old");
        assertThat(versionFolders()).containsExactly(V);
    }

    private void installed(String version, String jarText) throws IOException {
        staged(version, jarText);
        folder.commit(version);
    }

    /** {@code versions/<folderName>/} with a jar, as a crash left it. */
    private void left(String folderName, String jarText) throws IOException {
        Path dir = folder.root().resolve("versions").resolve(folderName);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ServerFolder.SERVER_JAR), jarText);
    }

    private void staged(String version, String jarText) throws IOException {
        Files.writeString(folder.staging(version).resolve(ServerFolder.SERVER_JAR), jarText);
    }

    private String jarText(String version) throws IOException {
        return Files.readString(folder.jar(version));
    }

    private List<String> versionFolders() throws IOException {
        try (Stream<Path> dirs = Files.list(folder.root().resolve("versions"))) {
            return dirs.map(d -> d.getFileName().toString()).sorted().toList();
        }
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = folder.root().resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return file;
    }

    private static String record(String outcome, String at) {
        return "{\"from\": \"1.0.0.1\", \"to\": \"1.0.0.2\", \"outcome\": " + outcome + ", \"reason\": \"\", \"at\": " + at + "}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
