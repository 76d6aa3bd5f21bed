package ru.ksamu.server.update;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ru.ksamu.release.manifest.Limits;

/** The pure parts of the offline import: the file's name as messages show it, and the upload's cap. */
class ReleaseImportTest {

    @Test
    void theNameIsTheLastPartOfAPathWithoutControlCharacters() {
        assertThat(ReleaseImport.shownName("C:\\Users\\admin\\ksamu-1.0.0.2.zip")).isEqualTo("ksamu-1.0.0.2.zip");
        assertThat(ReleaseImport.shownName("/media/usb/ksamu 1.1.0.1.zip")).isEqualTo("ksamu 1.1.0.1.zip");
        assertThat(ReleaseImport.shownName("a\r\nb.zip")).isEqualTo("ab.zip");
        assertThat(ReleaseImport.shownName("  ")).isEqualTo("без имени");
        assertThat(ReleaseImport.shownName(null)).isEqualTo("без имени");
        assertThat(ReleaseImport.shownName("x".repeat(300))).hasSize(201).endsWith("…");
    }

    @Test
    void theCapIsTheReleaseLimitAndRoomForTheZip() {
        assertThat(ReleaseImport.maxBundleBytes()).isGreaterThan(Limits.DEFAULT.maxTotalSize() + Limits.MAX_DOCUMENT_BYTES)
                .isLessThan(Limits.DEFAULT.maxTotalSize() + (128L << 20));
    }
}
