package ru.ksamu.release.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesTest {

    @TempDir
    Path dir;

    @Test
    void anAtomicWriteReplacesTheFileWholeAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("a/b/last-switch.json");
        AtomicFiles.write(target, "first");
        AtomicFiles.write(target, "second, longer".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(target)).isEqualTo("second, longer");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("last-switch.json");
        }
    }

    @Test
    void aLeftoverTemporaryFileFromACrashIsReplaced() throws IOException {
        Path target = dir.resolve("current");
        Files.writeString(dir.resolve("current.tmp"), "half a na");
        AtomicFiles.write(target, "1.0.0.2\n");
        assertThat(Files.readString(target)).isEqualTo("1.0.0.2\n");
        assertThat(dir.resolve("current.tmp")).doesNotExist();
    }

    @Test
    void aSecretIsWrittenReadableByItsOwnerAlone() throws IOException {
        Path token = dir.resolve("workstation.token");
        Files.writeString(dir.resolve("workstation.token.tmp"), "old");
        Files.setPosixFilePermissions(dir.resolve("workstation.token.tmp"), PosixFilePermissions.fromString("rw-rw-rw-"));
        AtomicFiles.writeOwnerOnly(token, "secret");
        assertThat(Files.readString(token)).isEqualTo("secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
    }

    @Test
    void aCommitWithoutReplaceRefusesAnExistingTargetAndKeepsBoth() throws IOException {
        Path part = Files.writeString(dir.resolve("x.part"), "new");
        Path target = Files.writeString(dir.resolve("x"), "old");
        assertThatThrownBy(() -> AtomicFiles.commit(part, target, false)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(target)).isEqualTo("old");
        AtomicFiles.commit(part, target, true);
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(part).doesNotExist();
    }

    @Test
    void aTreeIsDeletedWithEverythingUnderItAndAMissingOneIsNothing() throws IOException {
        Path tree = dir.resolve("versions/1.0.0.1");
        Files.createDirectories(tree.resolve("lib/deep"));
        Files.writeString(tree.resolve("lib/deep/a.jar"), "a");
        Files.writeString(tree.resolve("b.txt"), "b");
        Path outside = Files.writeString(dir.resolve("outside.txt"), "stays");
        Files.createSymbolicLink(tree.resolve("link"), outside);
        FileTrees.sync(tree);
        FileTrees.delete(tree);
        assertThat(tree).doesNotExist();
        assertThat(outside).hasContent("stays");
        FileTrees.delete(tree);
        FileTrees.delete(dir.resolve("never"));
    }

    @Test
    void aPointerNamesOneVersionAndAMissingOrBlankOneNamesNone() throws IOException {
        Path current = dir.resolve(PointerFiles.CURRENT);
        assertThat(PointerFiles.read(current)).isEmpty();
        PointerFiles.write(current, "6.0.51.22966");
        assertThat(current).hasContent("6.0.51.22966\n");
        assertThat(PointerFiles.read(current)).contains("6.0.51.22966");
        Files.writeString(current, "  \n");
        assertThat(PointerFiles.read(current)).isEmpty();
    }

    @Test
    void sizesAreWrittenInTheReadersLanguage() {
        assertThat(Sizes.russian(0)).isEqualTo("0 Б");
        assertThat(Sizes.russian(1023)).isEqualTo("1023 Б");
        assertThat(Sizes.russian(1024)).isEqualTo("1,0 КБ");
        assertThat(Sizes.russian(1536 * 1024)).isEqualTo("1,5 МБ");
        assertThat(Sizes.russian(16L << 20)).isEqualTo("16,0 МБ");
        assertThat(Sizes.russian(5L << 30)).isEqualTo("5,0 ГБ");
        assertThat(Sizes.russian(3L << 40)).isEqualTo("3,0 ТБ");
        assertThat(Sizes.of(1536 * 1024, Locale.ENGLISH)).isEqualTo("1.5 MB");
        assertThat(Sizes.of(100, Locale.ENGLISH)).isEqualTo("100 B");
    }
}
