package ru.ksamu.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path temp;

    @Test
    void digestsBytesStreamsAndFilesAsLowercaseHex() throws IOException {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(temp.resolve("abc"), abc);

        assertThat(Sha256.of(abc)).isEqualTo(ABC);
        assertThat(Sha256.of(new ByteArrayInputStream(abc))).isEqualTo(ABC);
        assertThat(Sha256.of(file)).isEqualTo(ABC);
        assertThat(Sha256.isHex(ABC)).isTrue();
        assertThat(Sha256.isHex(ABC.toUpperCase())).isFalse();
        assertThat(Sha256.isHex(ABC.substring(1))).isFalse();
    }

    @Test
    void aMissingFileIsAnIoRefusalNamingIt() {
        Path missing = temp.resolve("missing.bin");
        assertThatThrownBy(() -> Sha256.of(missing)).isInstanceOf(ReleaseIoException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void verifyingStreamPassesMatchingBytesThrough() throws IOException {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = new VerifyingInputStream(new ByteArrayInputStream(abc), "client/abc", 3, ABC)) {
            assertThat(in.readAllBytes()).isEqualTo(abc);
        }
    }

    @Test
    void verifyingStreamRefusesOtherBytesNamingThePathAndBothHashes() {
        byte[] abd = "abd".getBytes(StandardCharsets.US_ASCII);
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(abd), "client/app.jar", 3, ABC);

        assertThatThrownBy(in::readToEnd).isInstanceOf(HashMismatchException.class)
                .hasMessage("Файл client/app.jar: SHA-256 " + Sha256.of(abd) + " не совпадает с манифестом " + ABC
                        + " / client/app.jar has SHA-256 " + Sha256.of(abd) + " but the manifest says " + ABC);
    }

    @Test
    void verifyingStreamStopsAsSoonAsMoreBytesThanExpectedArrive() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }
        };
        VerifyingInputStream in = new VerifyingInputStream(endless, "client/bomb.bin", 10, ABC);

        assertThatThrownBy(in::readToEnd).isInstanceOf(SizeMismatchException.class)
                .hasMessageContaining("client/bomb.bin").hasMessageContaining("чтение прервано");
    }

    @Test
    void verifyingStreamRefusesAShortFile() {
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(new byte[2]), "scripts/V1__a.sql", 3, ABC);

        assertThatThrownBy(in::readToEnd).isInstanceOf(SizeMismatchException.class)
                .hasMessageContaining("scripts/V1__a.sql: 2 байт, а в манифесте 3");
    }
}
