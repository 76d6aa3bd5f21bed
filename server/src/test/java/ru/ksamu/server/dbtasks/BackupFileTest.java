package ru.ksamu.server.dbtasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.ksamu.platform.DatabaseKind;

class BackupFileTest {

    @TempDir
    Path dir;

    @Test
    void namesCarryDatabaseTimeAndKindAndParseBack() throws Exception {
        LocalDateTime at = LocalDateTime.of(2026, 11, 25, 3, 0, 7);
        assertThat(BackupFile.name("main", at, DatabaseKind.H2)).isEqualTo("main-2026-11-25_030007.zip");
        assertThat(BackupFile.name("print-forms", at, DatabaseKind.POSTGRESQL)).isEqualTo("print-forms-2026-11-25_030007.dump");
        Files.writeString(dir.resolve("print-forms-2026-11-25_030007.dump"), "x");
        BackupFile f = BackupFile.of(dir.resolve("print-forms-2026-11-25_030007.dump")).orElseThrow();
        assertThat(f.database()).isEqualTo("print-forms");
        assertThat(f.takenAt()).isEqualTo(at);
        assertThat(f.fits(DatabaseKind.POSTGRESQL)).isTrue();
        assertThat(f.fits(DatabaseKind.H2)).isFalse();
    }

    @Test
    void foreignAndHalfWrittenFilesAreNotOurs() throws Exception {
        for (String n : new String[] {"notes.txt", ".main-2026-11-25_030007.zip.part", "main-before-6.0.1.1-20260101-000000.sql",
                "main-2026-13-45_999999.zip", "Main-2026-11-25_030007.zip", "main-2026-11-25_0300.zip"}) {
            Files.writeString(dir.resolve(n), "x");
        }
        assertThat(BackupFile.list(dir)).isEmpty();
    }

    @Test
    void pruneKeepsTheNewestOfOneDatabaseOnly() throws Exception {
        for (int d = 1; d <= 5; d++) {
            Files.writeString(dir.resolve("main-2026-01-0" + d + "_030000.zip"), "x");
            Files.writeString(dir.resolve("additional-2026-01-0" + d + "_030000.zip"), "x");
        }
        assertThat(BackupFile.prune(dir, "main", 2)).extracting(BackupFile::name).containsExactly(
                "main-2026-01-03_030000.zip", "main-2026-01-02_030000.zip", "main-2026-01-01_030000.zip");
        assertThat(BackupFile.list(dir)).extracting(BackupFile::name).filteredOn(n -> n.startsWith("main"))
                .containsExactly("main-2026-01-05_030000.zip", "main-2026-01-04_030000.zip");
        assertThat(BackupFile.list(dir)).filteredOn(b -> b.database().equals("additional")).hasSize(5);
        assertThat(BackupFile.prune(dir, "main", 10)).isEmpty();
    }
}
