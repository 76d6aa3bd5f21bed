package ru.ksamu.release.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import ru.ksamu.release.ErrorCode;

class SafePathTest {

    @ParameterizedTest
    @ValueSource(strings = {"client/app.jar", "scripts/V6_0_51__add_column.sql", "server/lib/a b.jar",
            "client/Отчёты/форма.frx", "client/.hidden", "client/a..b"})
    void ordinaryRelativePathsAreAccepted(String path) {
        assertThat(SafePath.check(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "../x                | '..' segments are not allowed",
            "client/../../x      | '..' segments are not allowed",
            "client/..           | '..' segments are not allowed",
            "/etc/x              | absolute paths are not allowed",
            "C:\\x               | drive letters are not allowed",
            "c:x                 | drive letters are not allowed",
            "\\\\host\\share\\x  | UNC paths are not allowed",
            "//host/share/x      | UNC paths are not allowed",
            "client\\app.jar     | backslashes are not allowed",
            "client//app.jar     | empty segment",
            "client/             | empty segment",
            "./client/app.jar    | '.' segments are not allowed",
            "client/a:b          | character",
            "client/a?b          | character",
            "client/CON          | Windows device name CON",
            "client/nul.txt      | Windows device name NUL",
            "client/com1.log     | Windows device name COM1",
            "client/name.        | ends in a dot or a space"})
    void unsafePathsAreRefusedNamingThePath(String path, String reason) {
        assertThatThrownBy(() -> SafePath.check(path))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("Путь \"" + path.replace("\\", "\\") + "\" отвергнут")
                .hasMessageContaining(reason.replace('\'', '"'))
                .satisfies(e -> {
                    assertThat(((UnsafePathException) e).path()).isEqualTo(path);
                    assertThat(((UnsafePathException) e).code()).isEqualTo(ErrorCode.UNSAFE_PATH);
                });
    }

    @Test
    void controlCharactersAndEmptyPathsAreRefusedAndShownEscaped() {
        assertThatThrownBy(() -> SafePath.check("client/a\nb")).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("client/a\\u000ab");
        assertThatThrownBy(() -> SafePath.check("")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> SafePath.check(null)).isInstanceOf(UnsafePathException.class);
    }

    @Test
    void overlongPathsAreRefused() {
        assertThatThrownBy(() -> SafePath.check("client/" + "a".repeat(SafePath.MAX_SEGMENT + 1)))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("255");
        assertThatThrownBy(() -> SafePath.check("client/" + "abc/".repeat(300) + "x"))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("1024");
    }

    @Test
    void duplicatePathsAreRefusedNamingThePath() {
        assertThatThrownBy(() -> SafePath.checkDistinct(List.of("client/a.jar", "client/b.jar", "client/a.jar")))
                .isInstanceOf(DuplicatePathException.class)
                .hasMessage("Путь \"client/a.jar\" повторяется / path \"client/a.jar\" is listed twice");
    }

    @Test
    void pathsDifferingOnlyInCaseAreRefusedForWindowsClients() {
        assertThatThrownBy(() -> SafePath.checkDistinct(List.of("client/App.jar", "client/app.JAR")))
                .isInstanceOf(DuplicatePathException.class)
                .hasMessageContaining("\"client/App.jar\" и \"client/app.JAR\" различаются только регистром")
                .satisfies(e -> assertThat(((DuplicatePathException) e).code()).isEqualTo(ErrorCode.DUPLICATE_PATH));
        assertThatThrownBy(() -> SafePath.checkDistinct(List.of("client/Отчёт.frx", "client/ОТЧЁТ.frx")))
                .isInstanceOf(DuplicatePathException.class);
    }

    @Test
    void aFileAndAFolderOfTheSameNameAreRefused() {
        assertThatThrownBy(() -> SafePath.checkDistinct(List.of("client/lib/a.jar", "client/LIB")))
                .isInstanceOf(DuplicatePathException.class)
                .hasMessageContaining("\"client/LIB\" — файл, а \"client/lib/a.jar\" требует папку");
    }

    @Test
    void resolveStaysInsideTheRoot(@TempDir Path root) {
        assertThat(SafePath.resolve(root, "client/a.jar")).isEqualTo(root.toAbsolutePath().resolve("client/a.jar"));
        assertThatThrownBy(() -> SafePath.resolve(root, "../a.jar")).isInstanceOf(UnsafePathException.class);
    }

    @Test
    void roleComesFromTheTopLevelFolder() {
        assertThat(FileRole.ofPath("scripts/V1__a.sql")).isEqualTo(FileRole.SCRIPTS);
        assertThat(FileRole.ofPath("client/app.jar")).isEqualTo(FileRole.CLIENT);
        assertThat(FileRole.ofPath("server/s.jar")).isEqualTo(FileRole.SERVER);
        assertThatThrownBy(() -> FileRole.ofPath("docs/readme.txt")).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("\"docs/readme.txt\"").hasMessageContaining("scripts/, client/ or server/");
        assertThatThrownBy(() -> FileRole.ofPath("readme.txt")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> FileRole.ofPath("Client/app.jar")).isInstanceOf(UnsafePathException.class);
    }
}
