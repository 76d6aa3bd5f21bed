package ru.ksamu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupSettingsCheckTest {

    @TempDir
    Path tmp;

    @Test
    void dataFolderIsCreatedAndMadeAbsolute() {
        Path made = StartupSettingsCheck.checkDataDir(tmp.resolve("a/b").toString());
        assertThat(made).isAbsolute().isDirectory();
    }

    @Test
    void dataFolderAndItsDatabaseAndKeyFoldersAreMadeOwnerOnly() throws Exception {
        Path made = StartupSettingsCheck.checkDataDir(tmp.resolve("data").toString());
        for (Path p : new Path[] {made, made.resolve("db"), made.resolve("keys")}) {
            assertThat(Files.getPosixFilePermissions(p)).as(p.toString()).isEqualTo(OwnerOnly.FOLDER);
        }
    }

    @Test
    void anExistingDataFolderKeepsTheAdminsPermissions() throws Exception {
        Path mine = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(mine, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        StartupSettingsCheck.checkDataDir(mine.toString());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(mine)))
                .isEqualTo("rwxr-x---");
        assertThat(Files.getPosixFilePermissions(mine.resolve("db"))).isEqualTo(OwnerOnly.FOLDER);
    }

    @Test
    void dataFolderThatIsAFileIsRefusedNamingKeyAndValue() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> StartupSettingsCheck.checkDataDir(file.toString()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("ksamu.data-dir")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("нельзя писать");
    }

    @Test
    void logFormatIsTextOrJsonAndAnythingElseIsRefusedNamingTheKey() {
        StartupSettingsCheck.checkLogFormat("text");
        StartupSettingsCheck.checkLogFormat("json");
        StartupSettingsCheck.checkLogFormat(null);
        assertThatThrownBy(() -> StartupSettingsCheck.checkLogFormat("ecs"))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.key()).isEqualTo("ksamu.log-format");
                    assertThat(e.value()).isEqualTo("ecs");
                });
    }

    @Test
    void unsupportedDatabaseUrlIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> DatabaseKind.of("ksamu.service-db.url", "jdbc:mysql://x/y"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("ksamu.service-db.url")
                .hasMessageContaining("jdbc:mysql://x/y");
    }

    @Test
    void databaseKindFollowsTheUrl() {
        assertThat(DatabaseKind.of("k", "jdbc:h2:mem:x")).isEqualTo(DatabaseKind.H2);
        assertThat(DatabaseKind.of("k", "jdbc:postgresql://127.0.0.1/x")).isEqualTo(DatabaseKind.POSTGRESQL);
    }

    @Test
    void displayUrlMasksPasswords() {
        DatabaseEndpoint e = new DatabaseEndpoint("k", "jdbc:postgresql://h/db?user=a&password=secret", "a", "secret");
        assertThat(e.displayUrl()).doesNotContain("secret").contains("password=***");
    }
}
