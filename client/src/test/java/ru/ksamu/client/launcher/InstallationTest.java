package ru.ksamu.client.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.ksamu.release.Sha256;

/** The workstation folder on its own: diff, side-by-side install, switch, rollback, leftovers. */
class InstallationTest {

    @TempDir
    Path dir;

    final List<String> fetched = new ArrayList<>();

    ClientManifest manifest(String version, Map<String, String> files) {
        List<ClientManifest.FileRef> refs = new ArrayList<>();
        files.forEach((p, text) -> {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            refs.add(new ClientManifest.FileRef(p, b.length, Sha256.of(b)));
        });
        return new ClientManifest(version, refs, new byte[0], "");
    }

    Installation.Fetcher serving(Map<String, String> files) {
        return (sha, size, part, progress) -> {
            for (String text : files.values()) {
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                if (Sha256.of(b).equals(sha)) {
                    fetched.add(sha);
                    Files.write(part, b);
                    progress.accept(b.length);
                    return;
                }
            }
            throw new java.io.IOException("no such file " + sha);
        };
    }

    static final Installation.Progress QUIET = new Installation.Progress() {
        @Override
        public void started(String version, int toDownload, int total, long bytes) {
        }

        @Override
        public void advanced(long bytes) {
        }
    };

    @Test
    void onlyChangedFilesAreFetchedAndThePreviousVersionIsKept() throws Exception {
        Installation inst = new Installation(dir);
        Map<String, String> v1 = Map.of("ksamu-mis.jar", "program 1", "lib/a.jar", "library a", "lib/b.jar", "library b");
        assertThat(inst.install(manifest("1.0.0.1", v1), serving(v1), QUIET)).isEqualTo(3);
        Map<String, String> v2 = Map.of("ksamu-mis.jar", "program 2", "lib/a.jar", "library a", "lib/b.jar", "library b");
        fetched.clear();
        assertThat(inst.install(manifest("1.0.0.2", v2), serving(v2), QUIET)).isEqualTo(1);
        assertThat(fetched).containsExactly(Sha256.of("program 2".getBytes(StandardCharsets.UTF_8)));
        assertThat(inst.current()).contains("1.0.0.2");
        assertThat(inst.previous()).contains("1.0.0.1");
        assertThat(Files.readString(inst.versionDir("1.0.0.2").resolve("lib/a.jar"))).isEqualTo("library a");
        assertThat(Files.readString(inst.versionDir("1.0.0.1").resolve("ksamu-mis.jar"))).isEqualTo("program 1");

        Map<String, String> v3 = Map.of("ksamu-mis.jar", "program 3", "lib/a.jar", "library a");
        inst.install(manifest("1.0.0.3", v3), serving(v3), QUIET);
        assertThat(inst.installedVersions()).containsExactly("1.0.0.2", "1.0.0.3"); // the oldest is removed
        assertThat(inst.versionDir("1.0.0.3").resolve("lib/b.jar")).doesNotExist();
    }

    @Test
    void aCorruptDownloadSwitchesNothingAndLeavesNoPartialFolder() throws Exception {
        Installation inst = new Installation(dir);
        Map<String, String> v1 = Map.of("ksamu-mis.jar", "program 1");
        inst.install(manifest("1.0.0.1", v1), serving(v1), QUIET);
        ClientManifest v2 = manifest("1.0.0.2", Map.of("ksamu-mis.jar", "program 2"));
        Installation.Fetcher liar = (sha, size, part, progress) -> Files.writeString(part, "program X");
        assertThatThrownBy(() -> inst.install(v2, liar, QUIET)).isInstanceOf(UpdateRefusedException.class)
                .hasMessageContaining("ksamu-mis.jar повреждён");
        assertThat(inst.current()).contains("1.0.0.1");
        assertThat(inst.installedVersions()).containsExactly("1.0.0.1");
        try (var s = Files.list(dir.resolve("downloads"))) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void rollBackMakesThePreviousCurrentAndRemembersTheFailedOne() throws Exception {
        Installation inst = new Installation(dir);
        Map<String, String> v1 = Map.of("ksamu-mis.jar", "program 1");
        Map<String, String> v2 = Map.of("ksamu-mis.jar", "program 2");
        inst.install(manifest("1.0.0.1", v1), serving(v1), QUIET);
        inst.install(manifest("1.0.0.2", v2), serving(v2), QUIET);
        inst.rollBack();
        assertThat(inst.current()).contains("1.0.0.1");
        assertThat(inst.previous()).isEmpty();
        assertThat(inst.failed()).contains("1.0.0.2");
        assertThat(dir.resolve("current.tmp")).doesNotExist();
    }

    @Test
    void anInterruptedInstallLeavesNothingBehindAtTheNextStart() throws Exception {
        Files.createDirectories(dir.resolve("versions/1.0.0.9.partial/lib"));
        Files.writeString(dir.resolve("current"), "garbage\n");
        Installation inst = new Installation(dir);
        assertThat(dir.resolve("versions/1.0.0.9.partial")).doesNotExist();
        assertThat(inst.current()).isEmpty();
    }
}
